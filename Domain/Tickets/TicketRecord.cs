using Dispatch.Domain.Sla;

namespace Dispatch.Domain.Tickets;

/// <summary>
/// What the <see cref="Ticket"/> aggregate decides from: where the ticket is, who holds it, and its SLA marks.
/// Only <see cref="Ticket.Apply"/> changes it.
/// </summary>
public sealed class TicketRecord
{
    public string Id { get; set; } = "";

    /// <summary>What the customer reported, in a few words: the alerts' messages start with it.</summary>
    public string Title { get; set; } = "";

    public TicketStatus Status { get; set; } = TicketLifecycle.Initial;

    public Priority Priority { get; set; } = Priority.P3;

    /// <summary>The highest level an escalation (not a warning) has reached.</summary>
    public int EscalationLevel { get; set; }

    /// <summary>How much wider than usual dispatch searches, after escalations asked for it.</summary>
    public double SearchWidening { get; set; } = 1;

    /// <summary>The level each of the ticket's alerts (one per clock) has reached, by alert id.</summary>
    public Dictionary<string, int> AlertLevels { get; set; } = new(StringComparer.Ordinal);

    /// <summary>What the ticket is (intake's, or triage's correction): its service type and the skills it needs.</summary>
    public string ServiceTypeId { get; set; } = "";

    public List<string> RequiredSkills { get; set; } = [];

    /// <summary>Where a waiting ticket returns to on Resume.</summary>
    public TicketStatus? StatusBeforeWait { get; set; }

    public string? WaitingReason { get; set; }

    public string? OfferedEngineerId { get; set; }

    public DateTimeOffset? OfferExpiresAt { get; set; }

    public string? AssignedEngineerId { get; set; }

    /// <summary>Engineers who declined this ticket or let its offer expire: never offered it again.</summary>
    public List<string> Excluded { get; set; } = [];

    /// <summary>When the server learnt the ticket was resolved: the reopen and survey windows count from it.</summary>
    public DateTimeOffset? ResolvedAt { get; set; }

    public TicketSurvey? Survey { get; set; }

    /// <summary>When the customer confirmed the job is done, since its latest resolution.</summary>
    public DateTimeOffset? CompletionConfirmedAt { get; set; }

    public List<TicketMark> Marks { get; set; } = [];

    /// <summary>The time of the latest event: a device's time for a later event may not lie before it.</summary>
    public DateTimeOffset LastEventAt { get; set; }
}
