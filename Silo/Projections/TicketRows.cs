using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using static Dispatch.Silo.Projections.SqlCommands;

namespace Dispatch.Silo.Projections;

/// <summary>
/// Reads the rm_tickets and rm_ticket_stages rows of a batch's tickets in one round trip and writes them back with one
/// multi-row upsert per table (arrays unnested), so that a batch costs a few statements, not one or two per event.
/// </summary>
internal static class TicketRows
{
    private const string Columns = """
        ticket_id, customer_id, title, description, external_id, channel, opened_by, priority, region, service_type, sla_policy,
        status, status_since, engineer_id, engineers, sla_state, breached_clocks, escalation_level, created_at, accepted_at,
        en_route_at, on_site_at, resolved_at, closed_at, cancelled_at, visits, reopens, csat, nps, ces, waiting_seconds,
        updated_at, last_sequence, last_breached_at
        """;

    /// <summary>The tickets as the read model holds them (Row null for a ticket it does not have), by id.</summary>
    public static async Task<Dictionary<string, ProjectedTicket>> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        IReadOnlyCollection<string> ticketIds, CancellationToken cancellationToken)
    {
        var tickets = ticketIds.ToDictionary(id => id, id => new ProjectedTicket(id), StringComparer.Ordinal);
        if (tickets.Count == 0)
        {
            return tickets;
        }
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.Add($"SELECT {Columns} FROM rm_tickets WHERE ticket_id = ANY($1)", Typed(ticketIds.ToArray(), NpgsqlDbType.Text));
        batch.Add("SELECT ticket_id, stage, seconds, entries FROM rm_ticket_stages WHERE ticket_id = ANY($1)",
            Typed(ticketIds.ToArray(), NpgsqlDbType.Text));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = ReadRow(reader);
            tickets[row.TicketId].Row = row;
        }
        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            tickets[reader.GetString(0)].Stages[reader.GetString(1)] = new StageTime(reader.GetDouble(2), reader.GetInt32(3));
        }
        return tickets;
    }

    /// <summary>Adds to the batch the upserts of the changed rows, stages and the text of created tickets.</summary>
    public static void Write(NpgsqlBatch batch, IEnumerable<ProjectedTicket> tickets)
    {
        var rows = tickets.Where(t => t.Changed && t.Row is not null).ToList();
        if (rows.Count == 0)
        {
            return;
        }
        T[] Of<T>(Func<TicketRow, T> column) => rows.Select(t => column(t.Row!)).ToArray();
        batch.Add($"""
            INSERT INTO rm_tickets ({Columns})
            SELECT r.ticket_id, r.customer_id, r.title, r.description, r.external_id, r.channel, r.opened_by, r.priority, r.region,
                   r.service_type, r.sla_policy, r.status, r.status_since, r.engineer_id,
                   ARRAY(SELECT v FROM jsonb_array_elements_text(r.engineers::jsonb) WITH ORDINALITY AS a (v, n) ORDER BY n),
                   r.sla_state,
                   ARRAY(SELECT v FROM jsonb_array_elements_text(r.breached_clocks::jsonb) WITH ORDINALITY AS a (v, n) ORDER BY n),
                   r.escalation_level, r.created_at, r.accepted_at, r.en_route_at, r.on_site_at, r.resolved_at, r.closed_at,
                   r.cancelled_at, r.visits, r.reopens, r.csat, r.nps, r.ces, r.waiting_seconds, r.updated_at, r.last_sequence,
                   r.last_breached_at
              FROM unnest($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23,
                          $24, $25, $26, $27, $28, $29, $30, $31, $32, $33, $34)
                   AS r ({Columns})
            ON CONFLICT (ticket_id) DO UPDATE
               SET priority = excluded.priority, service_type = excluded.service_type, sla_policy = excluded.sla_policy,
                   status = excluded.status, status_since = excluded.status_since, engineer_id = excluded.engineer_id,
                   engineers = excluded.engineers, sla_state = excluded.sla_state, breached_clocks = excluded.breached_clocks,
                   escalation_level = excluded.escalation_level, accepted_at = excluded.accepted_at, en_route_at = excluded.en_route_at,
                   on_site_at = excluded.on_site_at, resolved_at = excluded.resolved_at, closed_at = excluded.closed_at,
                   cancelled_at = excluded.cancelled_at, visits = excluded.visits, reopens = excluded.reopens, csat = excluded.csat,
                   nps = excluded.nps, ces = excluded.ces, waiting_seconds = excluded.waiting_seconds, updated_at = excluded.updated_at,
                   last_sequence = excluded.last_sequence, last_breached_at = excluded.last_breached_at
            """,
            Typed(Of(r => r.TicketId), NpgsqlDbType.Text),
            Typed(Of(r => r.CustomerId), NpgsqlDbType.Text),
            Typed(Of(r => r.Title), NpgsqlDbType.Text),
            Typed(Of(r => r.Description), NpgsqlDbType.Text),
            Typed(Of(r => r.ExternalId), NpgsqlDbType.Text),
            Typed(Of(r => r.Channel), NpgsqlDbType.Text),
            Typed(Of(r => r.OpenedBy), NpgsqlDbType.Text),
            Typed(Of(r => r.Priority), NpgsqlDbType.Text),
            Typed(Of(r => r.Region), NpgsqlDbType.Text),
            Typed(Of(r => r.ServiceType), NpgsqlDbType.Text),
            Typed(Of(r => r.SlaPolicy), NpgsqlDbType.Text),
            Typed(Of(r => r.Status), NpgsqlDbType.Text),
            Typed(Of(r => r.StatusSince), NpgsqlDbType.TimestampTz),
            Typed(Of(r => r.EngineerId), NpgsqlDbType.Text),
            Typed(Of(r => JsonSerializer.Serialize(r.Engineers)), NpgsqlDbType.Text),
            Typed(Of(r => r.SlaState), NpgsqlDbType.Text),
            Typed(Of(r => JsonSerializer.Serialize(r.BreachedClocks)), NpgsqlDbType.Text),
            Typed(Of(r => r.EscalationLevel), NpgsqlDbType.Integer),
            Typed(Of(r => r.CreatedAt), NpgsqlDbType.TimestampTz),
            Typed(Of(r => r.AcceptedAt), NpgsqlDbType.TimestampTz),
            Typed(Of(r => r.EnRouteAt), NpgsqlDbType.TimestampTz),
            Typed(Of(r => r.OnSiteAt), NpgsqlDbType.TimestampTz),
            Typed(Of(r => r.ResolvedAt), NpgsqlDbType.TimestampTz),
            Typed(Of(r => r.ClosedAt), NpgsqlDbType.TimestampTz),
            Typed(Of(r => r.CancelledAt), NpgsqlDbType.TimestampTz),
            Typed(Of(r => r.Visits), NpgsqlDbType.Integer),
            Typed(Of(r => r.Reopens), NpgsqlDbType.Integer),
            Typed(Of(r => r.Csat), NpgsqlDbType.Integer),
            Typed(Of(r => r.Nps), NpgsqlDbType.Integer),
            Typed(Of(r => r.Ces), NpgsqlDbType.Integer),
            Typed(Of(r => r.WaitingSeconds), NpgsqlDbType.Double),
            Typed(Of(r => r.UpdatedAt), NpgsqlDbType.TimestampTz),
            Typed(Of(r => r.LastSequence), NpgsqlDbType.Bigint),
            Typed(Of(r => r.LastBreachedAt), NpgsqlDbType.TimestampTz));

        // The last change's time also in a table of its own, whose index orders the search by it (migration 0030): in
        // an index of rm_tickets it would make every event's update of the wide row write all of its indexes.
        batch.Add("""
            INSERT INTO rm_ticket_updates (ticket_id, updated_at) SELECT * FROM unnest($1, $2)
            ON CONFLICT (ticket_id) DO UPDATE SET updated_at = excluded.updated_at
             WHERE rm_ticket_updates.updated_at IS DISTINCT FROM excluded.updated_at
            """,
            Typed(Of(r => r.TicketId), NpgsqlDbType.Text),
            Typed(Of(r => r.UpdatedAt), NpgsqlDbType.TimestampTz));

        var stages = rows.SelectMany(t => t.ChangedStages.Select(stage => (t.TicketId, Stage: stage, Time: t.Stages[stage]))).ToList();
        if (stages.Count > 0)
        {
            batch.Add("""
                INSERT INTO rm_ticket_stages (ticket_id, stage, seconds, entries)
                SELECT * FROM unnest($1, $2, $3, $4)
                ON CONFLICT (ticket_id, stage) DO UPDATE SET seconds = excluded.seconds, entries = excluded.entries
                """,
                Typed(stages.Select(s => s.TicketId).ToArray(), NpgsqlDbType.Text),
                Typed(stages.Select(s => s.Stage).ToArray(), NpgsqlDbType.Text),
                Typed(stages.Select(s => s.Time.Seconds).ToArray(), NpgsqlDbType.Double),
                Typed(stages.Select(s => s.Time.Entries).ToArray(), NpgsqlDbType.Integer));
        }

        // The searchable text, indexed once per ticket (migration 0016): it never changes after creation. With the
        // creation time, so that a text search walks its matches newest first (migration 0023).
        var created = rows.Where(t => t.WritesText).ToList();
        if (created.Count > 0)
        {
            batch.Add("""
                INSERT INTO rm_ticket_text (ticket_id, text, created_at) SELECT * FROM unnest($1, $2, $3)
                ON CONFLICT (ticket_id) DO NOTHING
                """,
                Typed(created.Select(t => t.TicketId).ToArray(), NpgsqlDbType.Text),
                Typed(created.Select(t => t.Row!.SearchText).ToArray(), NpgsqlDbType.Text),
                Typed(created.Select(t => t.Row!.CreatedAt).ToArray(), NpgsqlDbType.TimestampTz));
        }
    }

    private static TicketRow ReadRow(NpgsqlDataReader reader)
    {
        string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
        DateTime? Time(int i) => reader.IsDBNull(i) ? null : reader.GetFieldValue<DateTime>(i);
        int? Number(int i) => reader.IsDBNull(i) ? null : reader.GetInt32(i);
        return new TicketRow
        {
            TicketId = reader.GetString(0),
            CustomerId = Text(1),
            Title = Text(2),
            Description = Text(3),
            ExternalId = Text(4),
            Channel = Text(5),
            OpenedBy = Text(6),
            Priority = Text(7),
            Region = Text(8),
            ServiceType = Text(9),
            SlaPolicy = Text(10),
            Status = reader.GetString(11),
            StatusSince = reader.GetFieldValue<DateTime>(12),
            EngineerId = Text(13),
            Engineers = [.. reader.GetFieldValue<string?[]>(14)],
            SlaState = reader.GetString(15),
            BreachedClocks = [.. reader.GetFieldValue<string?[]>(16)],
            EscalationLevel = reader.GetInt32(17),
            CreatedAt = reader.GetFieldValue<DateTime>(18),
            AcceptedAt = Time(19),
            EnRouteAt = Time(20),
            OnSiteAt = Time(21),
            ResolvedAt = Time(22),
            ClosedAt = Time(23),
            CancelledAt = Time(24),
            Visits = reader.GetInt32(25),
            Reopens = reader.GetInt32(26),
            Csat = Number(27),
            Nps = Number(28),
            Ces = Number(29),
            WaitingSeconds = reader.GetDouble(30),
            UpdatedAt = reader.GetFieldValue<DateTime>(31),
            LastSequence = reader.GetInt64(32),
            LastBreachedAt = Time(33),
        };
    }
}
