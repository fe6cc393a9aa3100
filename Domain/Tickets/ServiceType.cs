namespace Dispatch.Domain.Tickets;

/// <summary>
/// A kind of service and the stages its process has, declared in configuration so that a new process
/// needs no code: a repair has triage, dispatch, on-site work and follow-up; a consultation is resolved
/// by phone and has no dispatch or on-site stage.
/// </summary>
public sealed record ServiceType(string Id, IReadOnlySet<ServiceStage> Stages)
{
    public bool Has(ServiceStage stage) => Stages.Contains(stage);
}
