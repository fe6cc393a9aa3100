using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using static Dispatch.Silo.Projections.JsonFields;
using static Dispatch.Silo.Projections.SqlCommands;

namespace Dispatch.Silo.Projections;

/// <summary>
/// Engineer events ("engineer:{id}") into rm_engineers. Each event carries the engineer as they stand after it
/// ("engineer" in its data), so a batch keeps only each engineer's newest standing and writes them all with one
/// multi-row upsert; an older event never overwrites a newer one.
/// </summary>
/// <remarks>
/// One statement per batch, not one per event: at live pace a batch holds one or two events of hundreds of engineers,
/// and each was a statement of its own. The result is the one the events applied in turn would give: the row takes the
/// standing with the highest sequence (if the table's is lower), and a row the batch inserts was registered at the
/// batch's first event of that engineer.
/// </remarks>
internal sealed class EngineerProjection
{
    public const string StreamPrefix = "engineer:";

    private readonly Dictionary<string, Standing> _newest = new(StringComparer.Ordinal);

    public void Apply(LoggedEvent e)
    {
        if (!e.Data.TryGetProperty("engineer", out var engineer) || engineer.ValueKind != JsonValueKind.Object)
        {
            return;
        }
        var engineerId = e.Stream[StreamPrefix.Length..];
        var at = e.At.ToUniversalTime();
        if (_newest.TryGetValue(engineerId, out var held))
        {
            if (e.Sequence > held.Sequence)
            {
                _newest[engineerId] = Standing.Of(engineerId, engineer, held.FirstAt, at, e.Sequence);
            }
            return;
        }
        _newest[engineerId] = Standing.Of(engineerId, engineer, at, at, e.Sequence);
    }

    /// <summary>Adds to the batch the upsert of every engineer the batch's events touched.</summary>
    public void Write(NpgsqlBatch batch)
    {
        if (_newest.Count == 0)
        {
            return;
        }
        var rows = _newest.Values.ToArray();
        T[] Of<T>(Func<Standing, T> column) => rows.Select(column).ToArray();
        batch.Add("""
            INSERT INTO rm_engineers (engineer_id, name, phone, skills, skill_levels, capacity, shift_calendar, presence, status, on_shift,
                                      region, offer_ticket_id, jobs, job_count, last_seen, last_lat, last_lon, position_flagged,
                                      registered_at, updated_at, last_sequence)
            SELECT r.engineer_id, r.name, r.phone,
                   ARRAY(SELECT v FROM jsonb_array_elements_text(r.skills::jsonb) WITH ORDINALITY AS a (v, n) ORDER BY n),
                   r.skill_levels::jsonb, r.capacity, r.shift_calendar, r.presence, r.status, r.on_shift, r.region, r.offer_ticket_id,
                   ARRAY(SELECT v FROM jsonb_array_elements_text(r.jobs::jsonb) WITH ORDINALITY AS a (v, n) ORDER BY n),
                   r.job_count, r.last_seen, r.last_lat, r.last_lon, r.position_flagged, r.registered_at, r.updated_at, r.last_sequence
              FROM unnest($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)
                   AS r (engineer_id, name, phone, skills, skill_levels, capacity, shift_calendar, presence, status, on_shift, region,
                         offer_ticket_id, jobs, job_count, last_seen, last_lat, last_lon, position_flagged, registered_at, updated_at,
                         last_sequence)
            ON CONFLICT (engineer_id) DO UPDATE
               SET name = excluded.name, phone = excluded.phone, skills = excluded.skills, skill_levels = excluded.skill_levels,
                   capacity = excluded.capacity, shift_calendar = excluded.shift_calendar, presence = excluded.presence,
                   status = excluded.status, on_shift = excluded.on_shift, region = excluded.region,
                   offer_ticket_id = excluded.offer_ticket_id, jobs = excluded.jobs, job_count = excluded.job_count,
                   last_seen = excluded.last_seen, last_lat = excluded.last_lat, last_lon = excluded.last_lon,
                   position_flagged = excluded.position_flagged, updated_at = excluded.updated_at, last_sequence = excluded.last_sequence
             WHERE rm_engineers.last_sequence < excluded.last_sequence
            """,
            Typed(Of(r => r.EngineerId), NpgsqlDbType.Text),
            Typed(Of(r => r.Name), NpgsqlDbType.Text),
            Typed(Of(r => r.Phone), NpgsqlDbType.Text),
            Typed(Of(r => JsonSerializer.Serialize(r.Skills)), NpgsqlDbType.Text),
            Typed(Of(r => r.SkillLevels), NpgsqlDbType.Text),
            Typed(Of(r => r.Capacity), NpgsqlDbType.Integer),
            Typed(Of(r => r.ShiftCalendar), NpgsqlDbType.Text),
            Typed(Of(r => r.Presence), NpgsqlDbType.Text),
            Typed(Of(r => r.Status), NpgsqlDbType.Text),
            Typed(Of(r => r.OnShift), NpgsqlDbType.Boolean),
            Typed(Of(r => r.Region), NpgsqlDbType.Text),
            Typed(Of(r => r.OfferTicketId), NpgsqlDbType.Text),
            Typed(Of(r => JsonSerializer.Serialize(r.Jobs)), NpgsqlDbType.Text),
            Typed(Of(r => r.Jobs.Length), NpgsqlDbType.Integer),
            Typed(Of(r => r.LastSeen), NpgsqlDbType.TimestampTz),
            Typed(Of(r => r.LastLat), NpgsqlDbType.Double),
            Typed(Of(r => r.LastLon), NpgsqlDbType.Double),
            Typed(Of(r => r.PositionFlagged), NpgsqlDbType.Boolean),
            Typed(Of(r => r.FirstAt), NpgsqlDbType.TimestampTz),
            Typed(Of(r => r.At), NpgsqlDbType.TimestampTz),
            Typed(Of(r => r.Sequence), NpgsqlDbType.Bigint));
    }

    /// <summary>An engineer as an event says they stand after it, in the read model's columns.</summary>
    private sealed record Standing(
        string EngineerId,
        string Name,
        string? Phone,
        string[] Skills,
        string SkillLevels,
        int Capacity,
        string? ShiftCalendar,
        string Presence,
        string Status,
        bool OnShift,
        string? Region,
        string? OfferTicketId,
        string[] Jobs,
        DateTimeOffset? LastSeen,
        double? LastLat,
        double? LastLon,
        bool PositionFlagged,
        DateTimeOffset FirstAt,
        DateTimeOffset At,
        long Sequence)
    {
        public static Standing Of(string engineerId, JsonElement engineer, DateTimeOffset firstAt, DateTimeOffset at, long sequence)
        {
            var skills = engineer.TryGetProperty("skills", out var s) && s.ValueKind == JsonValueKind.Object ? s : default;
            var seen = engineer.TryGetProperty("lastSeen", out var l) && l.ValueKind == JsonValueKind.Object ? l : default;
            var presence = Text(engineer, "presence") ?? "Offline";
            return new Standing(
                engineerId,
                Text(engineer, "name") ?? "",
                Text(engineer, "phone"),
                skills.ValueKind == JsonValueKind.Object
                    ? skills.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray()
                    : [],
                skills.ValueKind == JsonValueKind.Object ? skills.GetRawText() : "{}",
                engineer.TryGetProperty("capacity", out var c) && c.TryGetInt32(out var capacity) ? capacity : 1,
                Text(engineer, "shiftCalendar"),
                presence,
                Text(engineer, "status") ?? presence,
                presence != "Offline",
                Text(engineer, "region"),
                Text(engineer, "offer"),
                engineer.TryGetProperty("jobs", out var j) && j.ValueKind == JsonValueKind.Array
                    ? j.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToArray()
                    : [],
                seen.ValueKind == JsonValueKind.Object && seen.TryGetProperty("at", out var seenAt)
                    && seenAt.TryGetDateTimeOffset(out var when) ? when.ToUniversalTime() : null,
                Number(seen, "lat"),
                Number(seen, "lon"),
                seen.ValueKind == JsonValueKind.Object && seen.TryGetProperty("flagged", out var f) && f.ValueKind == JsonValueKind.True,
                firstAt,
                at,
                sequence);
        }

        private static double? Number(JsonElement element, string property) =>
            element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.TryGetDouble(out var n)
                ? n
                : null;
    }
}
