using Dispatch.Grains.Customers;
using Npgsql;

namespace Dispatch.Silo.Projections;

/// <summary>
/// The daily report summary (rm_ticket_days, rm_ticket_day_facets; migration 0017) kept in the projector's transaction
/// for a batch that changes a customer's profile, and so the tier of every ticket of the customer, which the batch's
/// fold does not hold: what the tickets add is summed in SQL through the views before the batch's writes and after them,
/// and the summary rows change by the difference, once each (migration 0021). Other batches: <see cref="ReportDayChanges"/>.
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
                tickets.Add(TicketProjection.TicketIdOf(e));
            }
            else if (e.Stream.StartsWith(CustomerProjection.StreamPrefix, StringComparison.Ordinal)
                     && e.Type is CustomerEventTypes.Registered or CustomerEventTypes.Updated)
            {
                customers.Add(e.Stream[CustomerProjection.StreamPrefix.Length..]);
            }
        }
        return ([.. tickets], [.. customers]);
    }

    /// <summary>
    /// Stashes what the tickets add to the summary as the read model holds them at that point of the batch: subtracted
    /// (sign -1) before the batch's writes, added (sign 1) after them; <see cref="Settle"/> then writes the net change.
    /// </summary>
    public static void Stash(NpgsqlBatch batch, int sign, (string[] Tickets, string[] Customers) touched, string zone)
    {
        if (touched.Tickets.Length == 0 && touched.Customers.Length == 0)
        {
            return;
        }
        batch.Add("SELECT rm_ticket_days_stash($1, $2, $3, $4)", sign, touched.Tickets, touched.Customers, zone);
    }

    /// <summary>Writes the net of the stashed halves into the summary, only the rows that change (migration 0021).</summary>
    public static void Settle(NpgsqlBatch batch, (string[] Tickets, string[] Customers) touched)
    {
        if (touched.Tickets.Length == 0 && touched.Customers.Length == 0)
        {
            return;
        }
        batch.Add("SELECT rm_ticket_days_settle()");
    }
}
