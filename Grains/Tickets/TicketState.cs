using Dispatch.Domain.Sla;
using Dispatch.Domain.Tickets;
using Dispatch.Grains.Customers;
using Dispatch.Grains.Events;

namespace Dispatch.Grains.Tickets;

/// <summary>What a ticket grain keeps. The timeline is both the ticket's history and its event stream.</summary>
[GenerateSerializer, Alias("dispatch.ticket-state")]
public sealed class TicketState : IJournaledState
{
    [Id(0)] public bool Opened { get; set; }
    [Id(1)] public OpenTicket? Request { get; set; }
    [Id(2)] public string CustomerTier { get; set; } = "";
    [Id(3)] public TicketStatus Status { get; set; }
    [Id(4)] public TicketStatus? StatusBeforeWait { get; set; }
    [Id(5)] public string? WaitingReason { get; set; }

    /// <summary>The current priority: intake's, or higher after an escalation raised it.</summary>
    [Id(6)] public Priority Priority { get; set; }
    [Id(7)] public string? OfferedEngineerId { get; set; }
    [Id(8)] public string? AssignedEngineerId { get; set; }
    [Id(9)] public int EscalationLevel { get; set; }

    /// <summary>How much wider than usual dispatch should search, after escalations asked for it.</summary>
    [Id(10)] public double SearchWidening { get; set; } = 1;
    [Id(11)] public string PolicyId { get; set; } = "";
    [Id(12)] public string? ContractPolicyId { get; set; }
    [Id(13)] public List<TimelineEntry> Timeline { get; set; } = [];

    /// <summary>The SLA-relevant moments, with the time they happened (a device's, when plausible).</summary>
    [Id(14)] public List<SlaMark> SlaMarks { get; set; } = [];

    /// <summary>Checkpoints (warnings, breaches, escalations, rules) already handled: each fires once.</summary>
    [Id(15)] public HashSet<string> Fired { get; set; } = [];

    /// <summary>The last timeline entry in the event log: each is written with the state that records it.</summary>
    [Id(16)] public long JournaledThrough { get; set; }
    [Id(17)] public Survey? Survey { get; set; }
    [Id(18)] public DateTimeOffset CreatedAt { get; set; }
    [Id(19)] public DateTimeOffset? ResolvedAt { get; set; }
    [Id(20)] public string? Region { get; set; }

    /// <summary>When the durable reminder is set to wake this ticket; null when none is registered.</summary>
    [Id(21)] public DateTimeOffset? ReminderDueAt { get; set; }

    /// <summary>Engineers who declined this ticket or let its offer expire: never offered it again.</summary>
    [Id(22)] public List<string> Excluded { get; set; } = [];
    [Id(23)] public DateTimeOffset? OfferExpiresAt { get; set; }

    /// <summary>When the ticket last asked its region for an engineer; it asks again every retry interval.</summary>
    [Id(24)] public DateTimeOffset? DispatchRequestedAt { get; set; }

    /// <summary>When the customer confirmed the job is done, since its latest resolution.</summary>
    [Id(25)] public DateTimeOffset? CompletionConfirmedAt { get; set; }

    /// <summary>
    /// The level each of the ticket's alerts reached. Null in state written before it was kept (2026-12-01): read
    /// once from the timeline then, instead of on every command.
    /// </summary>
    [Id(26)] public Dictionary<string, int>? AlertLevels { get; set; }

    [NonSerialized] private IReadOnlyList<DomainEvent> _eventsToWrite = [];

    IReadOnlyList<DomainEvent> IJournaledState.EventsToWrite { get => _eventsToWrite; set => _eventsToWrite = value; }
}

[GenerateSerializer, Immutable, Alias("dispatch.sla-mark")]
public sealed record SlaMark([property: Id(0)] DateTimeOffset At, [property: Id(1)] SlaEventKind Kind, [property: Id(2)] string? Reason);
