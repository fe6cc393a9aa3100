using Dispatch.Domain.Tickets;

namespace Dispatch.Grains.Tickets;

/// <summary>How tickets behave, from the "Tickets" configuration section: a new process needs no code.</summary>
public sealed class TicketOptions
{
    public const string SectionName = "Tickets";

    /// <summary>Service types and their stages (triage, dispatch, onSite, followUp).</summary>
    public Dictionary<string, List<ServiceStage>> ServiceTypes { get; set; } = [];

    /// <summary>Whether intake triages by itself (no human in the loop), or a dispatcher triages each ticket.</summary>
    public bool AutoTriage { get; set; } = true;

    /// <summary>Why a ticket may wait; while it waits its SLA clocks stand still.</summary>
    public List<string> WaitingReasons { get; set; } = [];

    /// <summary>How long after resolution a ticket may still be reopened.</summary>
    public TimeSpan ReopenWindow { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long a resolved ticket waits for its survey before it closes by itself.</summary>
    public TimeSpan SurveyWindow { get; set; } = TimeSpan.FromDays(3);

    /// <summary>What negative feedback opens: a follow-up ticket with an owner, under its own SLA policy.</summary>
    public FeedbackFollowUpOptions FeedbackFollowUp { get; set; } = new();

    public ServiceType? ServiceType(string id) =>
        ServiceTypes.TryGetValue(id, out var stages) ? new ServiceType(id, stages.ToHashSet()) : null;
}
