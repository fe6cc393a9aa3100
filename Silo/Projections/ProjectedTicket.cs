namespace Dispatch.Silo.Projections;

/// <summary>
/// A ticket's rm_tickets row and rm_ticket_stages rows as a batch of events folds them (<see cref="TicketProjection"/>):
/// read once before the batch, written once after it (<see cref="TicketRows"/>).
/// </summary>
internal sealed class ProjectedTicket(string ticketId)
{
    /// <summary>A ticket whose rows the projector kept from its last batch (<see cref="RecentTickets"/>).</summary>
    public ProjectedTicket(string ticketId, TicketRow row, Dictionary<string, StageTime> stages, TicketSummaryFacts? summaryFacts)
        : this(ticketId)
    {
        Row = row;
        Stages = stages;
        SummaryFacts = summaryFacts;
    }

    public string TicketId { get; } = ticketId;

    /// <summary>The row; null while the read model has no such ticket (its creation not yet projected).</summary>
    public TicketRow? Row { get; set; }

    /// <summary>Completed seconds and entries per stage (status left behind).</summary>
    public Dictionary<string, StageTime> Stages { get; } = new(StringComparer.Ordinal);

    /// <summary>The stages the batch added time to: only these are written back.</summary>
    public HashSet<string> ChangedStages { get; } = new(StringComparer.Ordinal);

    /// <summary>The batch changed the row: it is written back.</summary>
    public bool Changed { get; set; }

    /// <summary>A creation event was applied: the searchable text is written (once per ticket; later ones change nothing).</summary>
    public bool WritesText { get; set; }

    /// <summary>
    /// What the row and stages add to the report summary as they are now, when known (<see cref="ReportDayChanges"/>
    /// computed them after the batch that wrote them): the next batch's "before" without computing it again. Folding an
    /// event forgets it.
    /// </summary>
    public TicketSummaryFacts? SummaryFacts { get; set; }
}

/// <summary>Time completed in one status: as in rm_ticket_stages, seconds summed one visit at a time in double precision.</summary>
internal readonly record struct StageTime(double Seconds, int Entries);

/// <summary>The columns of rm_tickets (migrations 0006, 0015, 0031). Times are UTC.</summary>
internal sealed class TicketRow
{
    public required string TicketId { get; init; }
    public string? CustomerId { get; init; }
    public string? Title { get; init; }
    public string? Description { get; init; }
    public string? ExternalId { get; init; }
    public string? Channel { get; init; }
    public string? OpenedBy { get; init; }
    public string? Priority { get; set; }
    public string? Region { get; init; }
    public string? ServiceType { get; set; }
    public string? SlaPolicy { get; set; }
    public required string Status { get; set; }
    public DateTime StatusSince { get; set; }
    public string? EngineerId { get; set; }
    public List<string?> Engineers { get; init; } = [];
    public string SlaState { get; set; } = "ok";
    public List<string?> BreachedClocks { get; init; } = [];
    public int EscalationLevel { get; set; }
    public DateTime CreatedAt { get; init; }
    public DateTime? AcceptedAt { get; set; }
    public DateTime? EnRouteAt { get; set; }
    public DateTime? OnSiteAt { get; set; }
    public DateTime? ResolvedAt { get; set; }
    public DateTime? ClosedAt { get; set; }
    public DateTime? CancelledAt { get; set; }
    public int Visits { get; set; }
    public int Reopens { get; set; }
    public int? Csat { get; set; }
    public int? Nps { get; set; }
    public int? Ces { get; set; }
    public double WaitingSeconds { get; set; }
    public DateTime UpdatedAt { get; set; }
    public long LastSequence { get; set; }
    /// <summary>The latest SLA breach (migration 0031): a search for the tickets breached in a window reads it.</summary>
    public DateTime? LastBreachedAt { get; set; }

    /// <summary>What text search reads (rm_ticket_text, migration 0016).</summary>
    public string SearchText => (Title ?? "") + " " + (Description ?? "") + " " + (ExternalId ?? "");
}
