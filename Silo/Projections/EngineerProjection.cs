using System.Text.Json;
using Npgsql;

namespace Dispatch.Silo.Projections;

/// <summary>
/// Engineer events ("engineer:{id}") into rm_engineers. Each event carries the engineer as they stand after it
/// ("engineer" in its data), so every event is one upsert of that standing; an older event never overwrites a newer one.
/// </summary>
internal static class EngineerProjection
{
    public const string StreamPrefix = "engineer:";

    public static void Apply(NpgsqlBatch batch, LoggedEvent e)
    {
        if (!e.Data.TryGetProperty("engineer", out var engineer) || engineer.ValueKind != JsonValueKind.Object)
        {
            return;
        }
        var skills = engineer.TryGetProperty("skills", out var s) && s.ValueKind == JsonValueKind.Object ? s : default;
        var skillNames = skills.ValueKind == JsonValueKind.Object ? skills.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray() : [];
        var jobs = engineer.TryGetProperty("jobs", out var j) && j.ValueKind == JsonValueKind.Array
            ? j.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToArray()
            : [];
        var seen = engineer.TryGetProperty("lastSeen", out var l) && l.ValueKind == JsonValueKind.Object ? l : default;
        var presence = Text(engineer, "presence") ?? "Offline";
        var at = e.At.ToUniversalTime();
        batch.Add("""
            INSERT INTO rm_engineers (engineer_id, name, phone, skills, skill_levels, capacity, shift_calendar, presence, status, on_shift,
                                      region, offer_ticket_id, jobs, job_count, last_seen, last_lat, last_lon, position_flagged,
                                      registered_at, updated_at, last_sequence)
            VALUES ($1, $2, $3::text, $4, $5::jsonb, $6, $7::text, $8, $9, $10, $11::text, $12::text, $13, $14, $15::timestamptz,
                    $16::double precision, $17::double precision, $18, $19, $19, $20)
            ON CONFLICT (engineer_id) DO UPDATE
               SET name = excluded.name, phone = excluded.phone, skills = excluded.skills, skill_levels = excluded.skill_levels,
                   capacity = excluded.capacity, shift_calendar = excluded.shift_calendar, presence = excluded.presence,
                   status = excluded.status, on_shift = excluded.on_shift, region = excluded.region,
                   offer_ticket_id = excluded.offer_ticket_id, jobs = excluded.jobs, job_count = excluded.job_count,
                   last_seen = excluded.last_seen, last_lat = excluded.last_lat, last_lon = excluded.last_lon,
                   position_flagged = excluded.position_flagged, updated_at = excluded.updated_at, last_sequence = excluded.last_sequence
             WHERE rm_engineers.last_sequence < excluded.last_sequence
            """,
            e.Stream[StreamPrefix.Length..],
            Text(engineer, "name") ?? "",
            Text(engineer, "phone"),
            skillNames,
            skills.ValueKind == JsonValueKind.Object ? skills.GetRawText() : "{}",
            engineer.TryGetProperty("capacity", out var c) && c.TryGetInt32(out var capacity) ? capacity : 1,
            Text(engineer, "shiftCalendar"),
            presence,
            Text(engineer, "status") ?? presence,
            presence != "Offline",
            Text(engineer, "region"),
            Text(engineer, "offer"),
            jobs,
            jobs.Length,
            seen.ValueKind == JsonValueKind.Object && seen.TryGetProperty("at", out var seenAt) && seenAt.TryGetDateTimeOffset(out var when) ? when.ToUniversalTime() : null,
            Number(seen, "lat"),
            Number(seen, "lon"),
            seen.ValueKind == JsonValueKind.Object && seen.TryGetProperty("flagged", out var f) && f.ValueKind == JsonValueKind.True,
            at,
            e.Sequence);
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static double? Number(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.TryGetDouble(out var n) ? n : null;
}
