using Npgsql;

namespace Dispatch.Silo.Projections;

/// <summary>
/// Ticket events ("ticket:{id}") into rm_tickets (one row per ticket: what search filters on and reports
/// aggregate) and rm_ticket_stages (the time each ticket spent in each status).
/// </summary>
internal static class TicketProjection
{
    public const string StreamPrefix = "ticket:";

    public static void Apply(NpgsqlBatch batch, LoggedEvent e)
    {
        var ticketId = e.Text("ticketId") ?? e.Stream[StreamPrefix.Length..];
        var at = e.At.ToUniversalTime();
        if (e.Type == "ticket.created")
        {
            batch.Add("""
                INSERT INTO rm_tickets (ticket_id, customer_id, title, description, external_id, channel, opened_by, priority, region,
                                        service_type, sla_policy, status, status_since, created_at, updated_at, last_sequence)
                VALUES ($1, $2::text, $3::text, $4::text, $5::text, $6::text, $7::text, $8::text, $9::text, $10::text, $11::text,
                        coalesce($12::text, 'New'), $13, $13, $13, $14)
                ON CONFLICT (ticket_id) DO NOTHING
                """,
                ticketId, e.Text("customerId") ?? e.Detail("customerId"), e.Detail("title"), e.Detail("description"), e.Detail("externalId"),
                e.Detail("channel") ?? ChannelFrom(e.Text("why")), e.Detail("openedBy"), e.Detail("priority"), e.Detail("region"), e.Detail("serviceType"),
                e.Detail("slaPolicy"), e.Text("to"), at, e.Sequence);
            // The searchable text, indexed once per ticket (migration 0016): it never changes after creation.
            batch.Add("""
                INSERT INTO rm_ticket_text (ticket_id, text)
                SELECT ticket_id, coalesce(title, '') || ' ' || coalesce(description, '') || ' ' || coalesce(external_id, '')
                  FROM rm_tickets WHERE ticket_id = $1
                ON CONFLICT (ticket_id) DO NOTHING
                """, ticketId);
            return;
        }

        // A change of status closes the time spent in the status left behind.
        var to = e.Text("to");
        if (to is not null)
        {
            batch.Add("""
                INSERT INTO rm_ticket_stages (ticket_id, stage, seconds, entries)
                SELECT ticket_id, status, greatest(extract(epoch FROM ($2 - status_since)), 0), 1
                  FROM rm_tickets WHERE ticket_id = $1 AND status <> $3::text
                ON CONFLICT (ticket_id, stage) DO UPDATE
                   SET seconds = rm_ticket_stages.seconds + excluded.seconds, entries = rm_ticket_stages.entries + 1
                """, ticketId, at, to);
        }

        // One UPDATE per event: every new row version of rm_tickets costs an entry in each of its indexes (the text
        // index among them), so the status, the time spent waiting and the event's own changes are written at once.
        // Every expression reads the row as it was before the event.
        var (set, values) = Changes(e, at);
        var status = $"${3 + values.Length}";
        var sequence = $"${(to is null ? 3 : 4) + values.Length}";
        var sql = $"UPDATE rm_tickets SET updated_at = greatest(updated_at, $2), last_sequence = greatest(last_sequence, {sequence})"
            + (to is null ? "" : $"""
                , waiting_seconds = waiting_seconds + CASE WHEN status = 'Waiting' AND status <> {status}::text
                                                           THEN greatest(extract(epoch FROM ($2 - status_since)), 0) ELSE 0 END,
                  status_since = CASE WHEN status <> {status}::text THEN $2 ELSE status_since END,
                  status = {status}::text
                """)
            + (set is null ? "" : ", " + set) + " WHERE ticket_id = $1";
        batch.Add(sql, to is null ? [ticketId, at, .. values, e.Sequence] : [ticketId, at, .. values, to, e.Sequence]);
    }

    /// <summary>What an event changes besides the status, as SET clauses whose parameters start at $3.</summary>
    private static (string? Set, object?[] Values) Changes(LoggedEvent e, DateTimeOffset at)
    {
        var engineerId = e.Detail("engineerId");
        return e.Type switch
        {
            "ticket.accepted" => ("accepted_at = coalesce(accepted_at, $3), engineer_id = $4::text, "
                + "engineers = CASE WHEN $4::text = ANY(engineers) THEN engineers ELSE array_append(engineers, $4::text) END",
                [at, engineerId]),
            "ticket.released" => ("engineer_id = CASE WHEN engineer_id = $3::text THEN NULL ELSE engineer_id END", [engineerId]),
            "ticket.en-route" => ("en_route_at = coalesce(en_route_at, $3)", [at]),
            "ticket.on-site" => ("on_site_at = coalesce(on_site_at, $3), visits = visits + 1", [at]),
            "ticket.resolved" => ("resolved_at = $3", [at]),
            "ticket.closed" => ("closed_at = $3", [at]),
            "ticket.cancelled" => ("cancelled_at = $3", [at]),
            "ticket.reopened" => ("reopens = reopens + 1, resolved_at = NULL, closed_at = NULL, engineer_id = NULL", []),
            "ticket.survey" => ("csat = $3::integer, nps = $4::integer, ces = $5::integer", [e.Number("csat"), e.Number("nps"), e.Number("ces")]),
            "ticket.priority-changed" or "ticket.priority-raised" => ("priority = coalesce($3::text, priority)", [e.Detail("to")]),
            "ticket.reclassified" => ("service_type = coalesce($3::text, service_type)", [e.Detail("serviceType")]),
            "sla.policy-changed" => ("sla_policy = coalesce($3::text, sla_policy)", [e.Detail("to")]),
            "sla.warning" => ("sla_state = CASE WHEN sla_state = 'ok' THEN 'warning' ELSE sla_state END", []),
            "sla.breached" => ("sla_state = 'breached', escalation_level = greatest(escalation_level, coalesce($4::integer, 0)), "
                + "breached_clocks = CASE WHEN $3::text IS NULL OR $3::text = ANY(breached_clocks) THEN breached_clocks "
                + "ELSE array_append(breached_clocks, $3::text) END",
                [e.Detail("metric"), e.Number("level")]),
            "sla.escalated" => ("escalation_level = greatest(escalation_level, coalesce($3::integer, 0))", [e.Number("level")]),
            _ => (null, []),
        };
    }

    private static string? ChannelFrom(string? why) => why is not null && why.StartsWith("via ", StringComparison.Ordinal) ? why[4..] : null;
}
