using Dispatch.Silo.Projections;
using Dispatch.Testing;
using Npgsql;

namespace Dispatch.Web.Tests.ReadSide;

/// <summary>
/// The projector folds a batch's events of a ticket onto its row in memory and writes it once: a ticket's whole life in
/// one batch (created, reassigned, waiting, breached, resolved, reopened, surveyed, closed) ends as computed by hand,
/// and whatever the batch size, from one event a batch up, the read models and the report summary end the same.
/// </summary>
public sealed class TicketFoldTests : ReadSideDatabase
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_tickets_creation_and_its_whole_life_in_one_batch_fold_to_the_hand_computed_row()
    {
        await WriteHistoryAsync();
        Assert.Equal(HistoryEvents, await ProjectorRuns.CatchUpAsync(new ReadModelProjector(DataSource)));

        Assert.Equal(
            "Closed|e-2|{e-1,e-2}|breached|{resolution}|2|3|1|4|9|2|P1|9000|22|"
            + "00:02|00:15|00:45|07:00|09:00|-|09:00",
            await TextAsync("""
                SELECT concat_ws('|', status, engineer_id, engineers::text, sla_state, breached_clocks::text, escalation_level, visits,
                                 reopens, csat, nps, ces, priority, waiting_seconds, last_sequence,
                                 to_char(accepted_at - @start, 'HH24:MI'),
                                 to_char(en_route_at - @start, 'HH24:MI'), to_char(on_site_at - @start, 'HH24:MI'),
                                 to_char(resolved_at - @start, 'HH24:MI'), to_char(closed_at - @start, 'HH24:MI'),
                                 coalesce(to_char(cancelled_at, 'HH24:MI'), '-'), to_char(updated_at - @start, 'HH24:MI'))
                  FROM rm_tickets WHERE ticket_id = 't-life'
                """, Start));
        // Each stage: the seconds of every stay in it, summed, and how many stays.
        Assert.Equal(
            "Accepted 2100 3|Dispatching 419 3|EnRoute 1800 1|New 1 1|Offered 180 2|OnSite 8100 3|Resolved 10800 2|Waiting 9000 1",
            await TextAsync("SELECT string_agg(stage || ' ' || seconds || ' ' || entries, '|' ORDER BY stage) FROM rm_ticket_stages WHERE ticket_id = 't-life'"));
        Assert.Equal("Boiler leaks Hot water gone EXT-9", await TextAsync("SELECT text FROM rm_ticket_text WHERE ticket_id = 't-life'"));
        // A ticket's events before its creation is projected change nothing; a second creation changes nothing either.
        Assert.Equal("New|1|0", await TextAsync("SELECT concat_ws('|', status, last_sequence, visits) FROM rm_tickets WHERE ticket_id = 't-short'"));
        Assert.Equal("", await TextAsync("SELECT coalesce(string_agg(ticket_id, ','), '') FROM rm_tickets WHERE ticket_id = 't-ghost'"));
    }

    [Fact]
    public async Task Any_batch_size_gives_the_same_read_models_and_summary_as_one_event_a_batch()
    {
        await WriteHistoryAsync();
        Assert.Equal(HistoryEvents, await ProjectorRuns.CatchUpAsync(new ReadModelProjector(DataSource, batchSize: 1)));
        var oneByOne = await ReadModelAsync();
        Assert.Contains("t-life", oneByOne);

        foreach (var batchSize in new[] { 2, 3, 7, ReadModelProjector.BatchSize })
        {
            await ExecuteAsync("SELECT dispatch_projections_rebuild()");
            Assert.Equal(HistoryEvents, await ProjectorRuns.CatchUpAsync(new ReadModelProjector(DataSource, batchSize: batchSize)));
            Assert.Equal(oneByOne, await ReadModelAsync());
        }
    }

    private const int HistoryEvents = 31;

    /// <summary>
    /// One ticket's life with every kind of change, minutes after <see cref="Start"/>; a customer whose tier changes halfway
    /// (its tickets move in the summary); a short ticket created twice; events of a ticket never created.
    /// </summary>
    private async Task WriteHistoryAsync()
    {
        static DateTimeOffset At(double minutes) => Start.AddSeconds(Math.Round(minutes * 60));
        await using var connection = await DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        async Task Customer(long sequence, string type, string tier, double minutes) => await EventLogRows.InsertAsync(connection, transaction,
            "customer:c-1", sequence, type, At(minutes), "{\"profile\": {\"name\": \"Acme\", \"tier\": \"" + tier + "\"}}");
        async Task Ticket(string ticket, long sequence, string type, string? to, double minutes, string details = "{}") =>
            await EventLogRows.InsertAsync(connection, transaction, "ticket:" + ticket, sequence, type, At(minutes),
                $$"""{"ticketId": "{{ticket}}", "customerId": "c-1", "to": {{(to is null ? "null" : $"\"{to}\"")}}, "details": {{details}}}""");

        await Customer(1, "customer.registered", "standard", -10);
        await Ticket("t-ghost", 2, "ticket.on-site", "OnSite", -5);
        await Ticket("t-life", 1, "ticket.created", "New", 0, """
            {"priority": "P2", "region": "riverside", "serviceType": "repair", "slaPolicy": "standard", "title": "Boiler leaks",
             "description": "Hot water gone", "externalId": "EXT-9", "channel": "api"}
            """);
        await Ticket("t-short", 1, "ticket.created", "New", 0.5, """{"priority": "P3", "region": "harbour", "serviceType": "install"}""");
        await Ticket("t-life", 2, "ticket.dispatching", "Dispatching", 1.0 / 60);
        await Ticket("t-life", 3, "ticket.offered", "Offered", 1, """{"engineerId": "e-1"}""");
        await Ticket("t-life", 4, "ticket.accepted", "Accepted", 2, """{"engineerId": "e-1"}""");
        await Ticket("t-life", 5, "ticket.released", "Dispatching", 7, """{"engineerId": "e-1"}""");
        await Ticket("t-short", 2, "ticket.created", "Dispatching", 7.5, """{"priority": "P1", "region": "north"}""");
        await Ticket("t-life", 6, "ticket.offered", "Offered", 8, """{"engineerId": "e-2"}""");
        await Ticket("t-life", 7, "ticket.accepted", "Accepted", 10, """{"engineerId": "e-2"}""");
        await Ticket("t-life", 8, "ticket.en-route", "EnRoute", 15);
        await Ticket("t-life", 9, "ticket.on-site", "OnSite", 45);
        await Ticket("t-life", 10, "ticket.waiting", "Waiting", 60);
        await Customer(2, "customer.updated", "vip", 100);
        await Ticket("t-life", 11, "ticket.on-site", "OnSite", 210);
        await Ticket("t-life", 12, "sla.warning", null, 240);
        await Ticket("t-life", 13, "sla.breached", null, 250, """{"metric": "resolution", "level": "1"}""");
        await Ticket("t-life", 14, "sla.escalated", null, 260, """{"level": "2"}""");
        await Ticket("t-life", 15, "ticket.resolved", "Resolved", 300);
        await Ticket("t-life", 16, "ticket.reopened", "Dispatching", 360);
        await Ticket("t-life", 17, "ticket.accepted", "Accepted", 365, """{"engineerId": "e-2"}""");
        await Ticket("t-life", 18, "ticket.on-site", "OnSite", 390);
        await Ticket("t-life", 19, "ticket.resolved", "Resolved", 420);
        await Ticket("t-life", 20, "ticket.survey", null, 480, """{"csat": "4", "nps": "9", "ces": "2"}""");
        await Ticket("t-life", 21, "ticket.priority-changed", null, 490, """{"to": "P1"}""");
        await Ticket("t-life", 22, "ticket.closed", "Closed", 540);
        await Customer(3, "customer.updated", "gold", 600);
        await Ticket("t-ghost", 3, "ticket.resolved", "Resolved", 601);
        await Ticket("t-late", 1, "ticket.created", "New", 602, """{"priority": "P4", "region": "riverside", "serviceType": "repair"}""");
        await Ticket("t-late", 2, "ticket.accepted", "Accepted", 603, """{"engineerId": "e-1"}""");
        await transaction.CommitAsync();
    }

    /// <summary>Every read model a ticket event writes, and the summary's rows that count something, as text.</summary>
    private async Task<string> ReadModelAsync() => await TextAsync("""
        SELECT concat_ws(E'\n--\n',
            (SELECT string_agg(t::text, E'\n' ORDER BY t.ticket_id) FROM rm_tickets t),
            (SELECT string_agg(s::text, E'\n' ORDER BY s.ticket_id, s.stage) FROM rm_ticket_stages s),
            (SELECT string_agg(u::text, E'\n' ORDER BY u.ticket_id) FROM rm_ticket_updates u),
            (SELECT string_agg(x::text, E'\n' ORDER BY x.ticket_id) FROM rm_ticket_text x),
            (SELECT string_agg(c::text, E'\n' ORDER BY c.customer_id) FROM rm_customers c),
            (SELECT string_agg(d::text, E'\n' ORDER BY d::text) FROM rm_ticket_days d WHERE created <> 0),
            (SELECT string_agg(f::text, E'\n' ORDER BY f::text) FROM rm_ticket_day_facets f WHERE tickets <> 0))
        """);
}
