using Dispatch.Grains.Customers;
using Npgsql;

namespace Dispatch.Silo.Projections;

/// <summary>
/// The daily report summary (rm_ticket_days, rm_ticket_day_facets; migration 0017) kept in the projector's transaction:
/// the tickets a batch touches are taken out of it before the batch's writes and put back after them.
/// </summary>
internal static class ReportDays
{
    /// <summary>The tickets of the batch, and the customers whose profile (so their tickets' tier) it may change.</summary>
    public static (string[] Tickets, string[] Customers) Touched(IReadOnlyList<LoggedEvent> events)
    {
        var tickets = new HashSet<string>(StringComparer.Ordinal);
        var customers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            if (e.Stream.StartsWith(TicketProjection.StreamPrefix, StringComparison.Ordinal))
            {
                tickets.Add(e.Text("ticketId") ?? e.Stream[TicketProjection.StreamPrefix.Length..]);
            }
            else if (e.Stream.StartsWith(CustomerProjection.StreamPrefix, StringComparison.Ordinal)
                     && e.Type is CustomerEventTypes.Registered or CustomerEventTypes.Updated)
            {
                customers.Add(e.Stream[CustomerProjection.StreamPrefix.Length..]);
            }
        }
        return ([.. tickets], [.. customers]);
    }

    /// <summary>Adds (sign 1) or subtracts (sign -1) what the tickets, as the read model holds them at that point of the batch, add up to.</summary>
    public static void Add(NpgsqlBatch batch, int sign, (string[] Tickets, string[] Customers) touched, string zone)
    {
        if (touched.Tickets.Length == 0 && touched.Customers.Length == 0)
        {
            return;
        }
        batch.Add("SELECT rm_ticket_days_add($1, $2, $3, $4)", sign, touched.Tickets, touched.Customers, zone);
    }
}
