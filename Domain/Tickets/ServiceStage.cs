namespace Dispatch.Domain.Tickets;

/// <summary>The optional stages a service type may have; intake and resolution every ticket has.</summary>
public enum ServiceStage
{
    /// <summary>诊断: someone looks at the ticket before it is dispatched.</summary>
    Triage,

    /// <summary>派工: an engineer is assigned.</summary>
    Dispatch,

    /// <summary>维修: the engineer travels and works on site.</summary>
    OnSite,

    /// <summary>回访: a satisfaction survey after resolution; without it a resolved ticket closes at once.</summary>
    FollowUp,
}
