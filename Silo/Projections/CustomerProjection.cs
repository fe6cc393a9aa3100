using System.Text.Json;
using Dispatch.Grains.Customers;
using Npgsql;
using static Dispatch.Silo.Projections.JsonFields;

namespace Dispatch.Silo.Projections;

/// <summary>Customer events ("customer:{id}") into rm_customers: name, tier and contact for search, surveys and health.</summary>
internal static class CustomerProjection
{
    public const string StreamPrefix = "customer:";

    public static void Apply(NpgsqlBatch batch, LoggedEvent e)
    {
        var customerId = e.Stream[StreamPrefix.Length..];
        var at = e.At.ToUniversalTime();
        switch (e.Type)
        {
            case CustomerEventTypes.Registered or CustomerEventTypes.Updated
                when e.Data.TryGetProperty("profile", out var profile) && profile.ValueKind == JsonValueKind.Object:
                batch.Add("""
                    INSERT INTO rm_customers (customer_id, name, tier, phone, email, registered_at, updated_at, last_sequence)
                    VALUES ($1, $2, $3, $4::text, $5::text, $6, $6, $7)
                    ON CONFLICT (customer_id) DO UPDATE
                       SET name = excluded.name, tier = excluded.tier, phone = excluded.phone, email = excluded.email,
                           updated_at = excluded.updated_at, last_sequence = excluded.last_sequence
                    """,
                    customerId, Text(profile, "name") ?? customerId, Text(profile, "tier") ?? "", Text(profile, "phone"),
                    Text(profile, "email"), at, e.Sequence);
                break;
            case CustomerEventTypes.Survey when e.Data.TryGetProperty("csat", out var csat) && csat.TryGetInt32(out var score):
                batch.Add("UPDATE rm_customers SET surveys = surveys + 1, csat_sum = csat_sum + $2, last_sequence = $3 WHERE customer_id = $1",
                    customerId, score, e.Sequence);
                break;
            case CustomerEventTypes.HealthLow when e.Data.TryGetProperty("score", out var health) && health.TryGetInt32(out var value):
                batch.Add("UPDATE rm_customers SET last_health_score = $2, health_low_at = $3, last_sequence = $4 WHERE customer_id = $1",
                    customerId, value, at, e.Sequence);
                break;
        }
    }
}
