namespace Dispatch.Domain.Dispatching;

/// <summary>
/// One candidate's weighted cost terms (lower is better), kept whole for the ticket's timeline so that a
/// dispatcher can read why this engineer was chosen over the next one. <see cref="Total"/> is the sum of the four terms.
/// </summary>
public sealed record ScoreBreakdown(
    string EngineerId,
    double DistanceMeters,
    TimeSpan Eta,
    double EtaCost,
    double ProficiencyCost,
    double LoadCost,
    double UrgencyCost,
    double Total);
