using Npgsql;
using NpgsqlTypes;
using static Dispatch.Silo.Projections.SqlCommands;

namespace Dispatch.Silo.Projections;

/// <summary>
/// The net change a batch makes to the daily report summary, computed from the rows the fold already holds: what each
/// touched ticket added before the batch (its row as read) is subtracted and what it adds after it is added, per
/// summary row in memory; the rows whose change is not zero are written with one multi-row upsert per table.
/// </summary>
/// <remarks>
/// This needs no read of the summary's views, which at live pace (one event of each of hundreds of tickets a batch)
/// was most of a batch's cost (README, "Measuring the read side at scale"). It holds while the batch changes no
/// customer's tier (a ticket's tier is its customer's): a batch that does sums in SQL instead (<see cref="ReportDays"/>).
/// A summary row's day is sent as the local date and turned into its bounds by PostgreSQL, as the views do.
/// </remarks>
internal sealed class ReportDayChanges
{
    private readonly TimeZoneInfo _zone;
    private readonly List<TicketSummaryFacts> _before;

    private ReportDayChanges(TimeZoneInfo zone, List<TicketSummaryFacts> before) => (_zone, _before) = (zone, before);

    /// <summary>
    /// What the tickets add to the summary now, before the batch's events are folded onto them: for a ticket the last
    /// batch kept, what that batch computed after its fold.
    /// </summary>
    public static ReportDayChanges Before(IEnumerable<ProjectedTicket> tickets, TimeZoneInfo zone) =>
        new(zone, [.. tickets.Where(t => t.Row is not null).Select(t => t.SummaryFacts ?? TicketSummaryFacts.Of(t.Row!, t.Stages, zone))]);

    /// <summary>
    /// Adds to the batch the upserts of the summary rows the batch changes: what the tickets add after the fold less what
    /// they added before it. Reads the tiers of the tickets' customers (they do not change in this batch).
    /// </summary>
    public async Task WriteAsync(NpgsqlBatch batch, IEnumerable<ProjectedTicket> tickets, CancellationToken cancellationToken)
    {
        var after = new List<TicketSummaryFacts>();
        foreach (var ticket in tickets.Where(t => t.Row is not null))
        {
            ticket.SummaryFacts = TicketSummaryFacts.Of(ticket.Row!, ticket.Stages, _zone);
            after.Add(ticket.SummaryFacts);
        }
        var tiers = await TiersAsync(batch.Connection!, batch.Transaction!,
            [.. _before.Concat(after).Select(f => f.CustomerId).OfType<string>().Distinct(StringComparer.Ordinal)], cancellationToken);
        string TierOf(TicketSummaryFacts facts) => facts.CustomerId is { } customer ? tiers.GetValueOrDefault(customer, "") : "";

        var days = new Dictionary<DayKey, decimal[]>();
        var facets = new Dictionary<FacetKey, (decimal Tickets, decimal Seconds)>();
        void Add(TicketSummaryFacts facts, bool subtract)
        {
            var tier = TierOf(facts);
            foreach (var byEngineer in (ReadOnlySpan<bool>)[false, true])
            {
                var key = new DayKey(facts.Day, byEngineer, facts.Region, facts.Priority, facts.ServiceType, tier,
                    byEngineer ? facts.EngineerId : "");
                if (!days.TryGetValue(key, out var sums))
                {
                    days[key] = sums = new decimal[TicketSummaryFacts.MeasureColumns.Length];
                }
                for (var i = 0; i < sums.Length; i++)
                {
                    sums[i] = subtract ? sums[i] - facts.Measures[i] : sums[i] + facts.Measures[i];
                }
                foreach (var facet in facts.Facets)
                {
                    var facetKey = new FacetKey(key, facet.Kind, facet.Name);
                    var (tickets, seconds) = facets.GetValueOrDefault(facetKey);
                    facets[facetKey] = subtract ? (tickets - 1, seconds - facet.Seconds) : (tickets + 1, seconds + facet.Seconds);
                }
            }
        }
        foreach (var facts in _before)
        {
            Add(facts, subtract: true);
        }
        foreach (var facts in after)
        {
            Add(facts, subtract: false);
        }

        WriteDays(batch, [.. days.Where(d => d.Value.Any(v => v != 0))]);
        WriteFacets(batch, [.. facets.Where(f => f.Value.Tickets != 0 || f.Value.Seconds != 0)]);
    }

    private void WriteDays(NpgsqlBatch batch, List<KeyValuePair<DayKey, decimal[]>> rows)
    {
        if (rows.Count == 0)
        {
            return;
        }
        var measures = TicketSummaryFacts.MeasureColumns;
        var parameters = new List<object?> { _zone.Id };
        parameters.AddRange(KeyParameters([.. rows.Select(r => r.Key)]));
        for (var i = 0; i < measures.Length; i++)
        {
            parameters.Add(Typed(rows.Select(r => r.Value[i]).ToArray(), NpgsqlDbType.Numeric));
        }
        batch.Add($"""
            INSERT INTO rm_ticket_days AS d (day_start, day_end, by_engineer, region, priority, service_type, tier, engineer_id,
                                             {string.Join(", ", measures)})
            SELECT r.day::timestamp AT TIME ZONE $1, (r.day + 1)::timestamp AT TIME ZONE $1, r.by_engineer, r.region, r.priority,
                   r.service_type, r.tier, r.engineer_id, {string.Join(", ", measures.Select(m => "r." + m))}
              FROM unnest({string.Join(", ", Enumerable.Range(2, parameters.Count - 1).Select(n => "$" + n))})
                   AS r (day, by_engineer, region, priority, service_type, tier, engineer_id, {string.Join(", ", measures)})
            ON CONFLICT (day_start, by_engineer, region, priority, service_type, tier, engineer_id) DO UPDATE
               SET {string.Join(", ", measures.Select(m => $"{m} = d.{m} + excluded.{m}"))}
            """, [.. parameters]);
    }

    private void WriteFacets(NpgsqlBatch batch, List<KeyValuePair<FacetKey, (decimal Tickets, decimal Seconds)>> rows)
    {
        if (rows.Count == 0)
        {
            return;
        }
        batch.Add("""
            INSERT INTO rm_ticket_day_facets AS d (day_start, day_end, by_engineer, region, priority, service_type, tier, engineer_id,
                                                   kind, name, tickets, seconds)
            SELECT r.day::timestamp AT TIME ZONE $1, (r.day + 1)::timestamp AT TIME ZONE $1, r.by_engineer, r.region, r.priority,
                   r.service_type, r.tier, r.engineer_id, r.kind, r.name, r.tickets, r.seconds
              FROM unnest($2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
                   AS r (day, by_engineer, region, priority, service_type, tier, engineer_id, kind, name, tickets, seconds)
            ON CONFLICT (day_start, by_engineer, region, priority, service_type, tier, engineer_id, kind, name) DO UPDATE
               SET tickets = d.tickets + excluded.tickets, seconds = d.seconds + excluded.seconds
            """,
            [_zone.Id, .. KeyParameters([.. rows.Select(r => r.Key.Row)]),
             Typed(rows.Select(r => r.Key.Kind).ToArray(), NpgsqlDbType.Text),
             Typed(rows.Select(r => r.Key.Name).ToArray(), NpgsqlDbType.Text),
             Typed(rows.Select(r => r.Value.Tickets).ToArray(), NpgsqlDbType.Numeric),
             Typed(rows.Select(r => r.Value.Seconds).ToArray(), NpgsqlDbType.Numeric)]);
    }

    private static NpgsqlParameter[] KeyParameters(DayKey[] keys) =>
    [
        Typed(keys.Select(k => k.Day).ToArray(), NpgsqlDbType.Date),
        Typed(keys.Select(k => k.ByEngineer).ToArray(), NpgsqlDbType.Boolean),
        Typed(keys.Select(k => k.Region).ToArray(), NpgsqlDbType.Text),
        Typed(keys.Select(k => k.Priority).ToArray(), NpgsqlDbType.Text),
        Typed(keys.Select(k => k.ServiceType).ToArray(), NpgsqlDbType.Text),
        Typed(keys.Select(k => k.Tier).ToArray(), NpgsqlDbType.Text),
        Typed(keys.Select(k => k.EngineerId).ToArray(), NpgsqlDbType.Text),
    ];

    private static async Task<Dictionary<string, string>> TiersAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        string[] customerIds, CancellationToken cancellationToken)
    {
        var tiers = new Dictionary<string, string>(StringComparer.Ordinal);
        if (customerIds.Length == 0)
        {
            return tiers;
        }
        await using var command = new NpgsqlCommand("SELECT customer_id, coalesce(tier, '') FROM rm_customers WHERE customer_id = ANY($1)",
            connection, transaction);
        command.Parameters.Add(Typed(customerIds, NpgsqlDbType.Text));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            tiers[reader.GetString(0)] = reader.GetString(1);
        }
        return tiers;
    }

    /// <summary>The key of a row of rm_ticket_days (its day as the local date).</summary>
    private readonly record struct DayKey(DateOnly Day, bool ByEngineer, string Region, string Priority, string ServiceType, string Tier,
        string EngineerId);

    /// <summary>The key of a row of rm_ticket_day_facets.</summary>
    private readonly record struct FacetKey(DayKey Row, string Kind, string Name);
}
