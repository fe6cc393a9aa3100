namespace Dispatch.Silo.Projections;

/// <summary>
/// Ticket events ("ticket:{id}") into rm_tickets (one row per ticket: what search filters on and reports
/// aggregate) and rm_ticket_stages (the time each ticket spent in each status): the one place that says what each
/// event changes, folded in memory over a batch's events of a ticket, in their order (<see cref="TicketRows"/> reads
/// and writes the rows once a batch).
/// </summary>
/// <remarks>
/// The rules are those the projector applied as one SQL UPDATE per event before (migration 0021's release): every
/// change of an event reads the ticket as it stood before that event; an event of a ticket not in the read model
/// changes nothing; time is added in double precision one visit at a time, as PostgreSQL added it, so that
/// a rebuild, whatever its batches, writes the same bits as the incremental projection.
/// </remarks>
internal static class TicketProjection
{
    public const string StreamPrefix = "ticket:";

    public static string TicketIdOf(LoggedEvent e) => e.Text("ticketId") ?? e.Stream[StreamPrefix.Length..];

    public static void Apply(ProjectedTicket ticket, LoggedEvent e)
    {
        var at = e.At.UtcDateTime;
        // The row or the stages may change: what they add to the report summary is computed again.
        ticket.SummaryFacts = null;
        if (e.Type == "ticket.created")
        {
            // A second creation changes nothing but makes sure the text is there (as INSERT ... ON CONFLICT DO NOTHING did).
            ticket.Row ??= Created(ticket.TicketId, e, at);
            ticket.Changed = true;
            ticket.WritesText = true;
            return;
        }
        if (ticket.Row is not { } row)
        {
            return;
        }
        ticket.Changed = true;

        // A change of status closes the time spent in the status left behind.
        var to = e.Text("to");
        if (to is not null)
        {
            if (!string.Equals(row.Status, to, StringComparison.Ordinal))
            {
                var seconds = Math.Max((at - row.StatusSince).TotalSeconds, 0);
                var stage = ticket.Stages.GetValueOrDefault(row.Status);
                ticket.Stages[row.Status] = new StageTime(stage.Seconds + seconds, stage.Entries + 1);
                ticket.ChangedStages.Add(row.Status);
                if (row.Status == "Waiting")
                {
                    row.WaitingSeconds += seconds;
                }
                row.StatusSince = at;
            }
            row.Status = to;
        }
        if (at > row.UpdatedAt)
        {
            row.UpdatedAt = at;
        }
        row.LastSequence = Math.Max(row.LastSequence, e.Sequence);

        var engineerId = e.Detail("engineerId");
        switch (e.Type)
        {
            case "ticket.accepted":
                row.AcceptedAt ??= at;
                row.EngineerId = engineerId;
                // SQL's "NULL = ANY(engineers)" is never true: an accept without an engineer was appended (kept as it was).
                if (engineerId is null || !row.Engineers.Contains(engineerId))
                {
                    row.Engineers.Add(engineerId);
                }
                break;
            case "ticket.released":
                if (engineerId is not null && row.EngineerId == engineerId)
                {
                    row.EngineerId = null;
                }
                break;
            case "ticket.en-route":
                row.EnRouteAt ??= at;
                break;
            case "ticket.on-site":
                row.OnSiteAt ??= at;
                row.Visits++;
                break;
            case "ticket.resolved":
                row.ResolvedAt = at;
                break;
            case "ticket.closed":
                row.ClosedAt = at;
                break;
            case "ticket.cancelled":
                row.CancelledAt = at;
                break;
            case "ticket.reopened":
                row.Reopens++;
                row.ResolvedAt = null;
                row.ClosedAt = null;
                row.EngineerId = null;
                break;
            case "ticket.survey":
                row.Csat = e.Number("csat");
                row.Nps = e.Number("nps");
                row.Ces = e.Number("ces");
                break;
            case "ticket.priority-changed" or "ticket.priority-raised":
                row.Priority = e.Detail("to") ?? row.Priority;
                break;
            case "ticket.reclassified":
                row.ServiceType = e.Detail("serviceType") ?? row.ServiceType;
                break;
            case "sla.policy-changed":
                row.SlaPolicy = e.Detail("to") ?? row.SlaPolicy;
                break;
            case "sla.warning":
                if (row.SlaState == "ok")
                {
                    row.SlaState = "warning";
                }
                break;
            case "sla.breached":
                row.SlaState = "breached";
                // The later of the two: the log's value may already be there (migration 0031 filled it from the log).
                if (row.LastBreachedAt is not { } last || at > last)
                {
                    row.LastBreachedAt = at;
                }
                row.EscalationLevel = Math.Max(row.EscalationLevel, e.Number("level") ?? 0);
                if (e.Detail("metric") is { } metric && !row.BreachedClocks.Contains(metric))
                {
                    row.BreachedClocks.Add(metric);
                }
                break;
            case "sla.escalated":
                row.EscalationLevel = Math.Max(row.EscalationLevel, e.Number("level") ?? 0);
                break;
        }
    }

    private static TicketRow Created(string ticketId, LoggedEvent e, DateTime at) => new()
    {
        TicketId = ticketId,
        CustomerId = e.Text("customerId") ?? e.Detail("customerId"),
        Title = e.Detail("title"),
        Description = e.Detail("description"),
        ExternalId = e.Detail("externalId"),
        Channel = e.Detail("channel") ?? ChannelFrom(e.Text("why")),
        OpenedBy = e.Detail("openedBy"),
        Priority = e.Detail("priority"),
        Region = e.Detail("region"),
        ServiceType = e.Detail("serviceType"),
        SlaPolicy = e.Detail("slaPolicy"),
        Status = e.Text("to") ?? "New",
        StatusSince = at,
        CreatedAt = at,
        UpdatedAt = at,
        LastSequence = e.Sequence,
    };

    private static string? ChannelFrom(string? why) => why is not null && why.StartsWith("via ", StringComparison.Ordinal) ? why[4..] : null;
}
