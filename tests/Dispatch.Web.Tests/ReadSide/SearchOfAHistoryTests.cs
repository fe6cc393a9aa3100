using System.Net.Http.Json;
using System.Text.Json;
using Dispatch.Testing;
using Dispatch.Web.Tests.Infrastructure;
using Npgsql;

namespace Dispatch.Web.Tests.ReadSide;

/// <summary>
/// GET /api/tickets over a seeded history finds, page after page by cursor, exactly what the filters' plain SQL finds in
/// the same order: the query shapes that serve text, an engineer's work and breached clocks from indexes in creation
/// order (migrations 0023, 0024) change how the tickets are read, not which.
/// </summary>
public sealed class SearchOfAHistoryTests(WebClusterFixture cluster) : IClassFixture<WebClusterFixture>
{
    [Fact]
    public async Task Every_page_of_a_search_holds_what_its_filters_match_in_order()
    {
        await SeededAsync();
        // An engineer who held a ticket that was then reassigned to someone else: found by the second part of the search.
        var engineer = await TextAsync("""
            SELECT engineers[1] FROM rm_tickets WHERE cardinality(engineers) = 2 AND engineers[1] IS DISTINCT FROM engineer_id
             ORDER BY ticket_id LIMIT 1
            """);
        Assert.True(await CountAsync($"SELECT count(*) FROM rm_tickets WHERE engineer_id = '{engineer}'") > 0, "holds some now");
        // The service type and clock breached most often (few tickets of two days breach their resolution clock).
        var breach = (await IdsAsync("""
            SELECT service_type || ' ' || clock FROM rm_tickets, unnest(breached_clocks) AS clock
             GROUP BY service_type, clock ORDER BY count(*) DESC, 1 LIMIT 1
            """)).Single().Split(' ');
        var text = "EXISTS (SELECT 1 FROM rm_ticket_text x WHERE x.ticket_id = t.ticket_id AND x.text ILIKE '%site 3%')";
        var searches = new (string Query, string Where)[]
        {
            ("q=site%203", text),
            ("q=site%203&status=Resolved,Closed", $"{text} AND t.status IN ('Resolved', 'Closed')"),
            ($"engineerId={engineer}", $"t.engineers @> ARRAY['{engineer}']"),
            ($"engineerId={engineer}&status=Resolved,Closed", $"t.engineers @> ARRAY['{engineer}'] AND t.status IN ('Resolved', 'Closed')"),
            ($"engineerId={engineer}&q=site", $"t.engineers @> ARRAY['{engineer}'] AND {text.Replace("site 3", "site", StringComparison.Ordinal)}"),
            ($"serviceType={breach[0]}&breached={breach[1]}", $"t.service_type = '{breach[0]}' AND t.breached_clocks @> ARRAY['{breach[1]}']"),
            ("breached=response", "t.breached_clocks @> ARRAY['response']"),
            // The three ways a status is asked for (migration 0030): one finished status, open ones only, and both.
            ("status=Cancelled", "t.status = 'Cancelled'"),
            ("status=New,Dispatching,Offered,Accepted,EnRoute,OnSite,Waiting",
             "t.status IN ('New', 'Dispatching', 'Offered', 'Accepted', 'EnRoute', 'OnSite', 'Waiting')"),
            ("status=OnSite,Cancelled", "t.status IN ('OnSite', 'Cancelled')"),
        };
        using var dispatcher = await cluster.App.ClientAsAsync("dispatcher");
        foreach (var (query, where) in searches)
        {
            foreach (var (sort, order) in new[] { ("-createdAt", "created_at DESC"), ("createdAt", "created_at"), ("-updatedAt", "updated_at DESC") })
            {
                var direction = order.EndsWith("DESC", StringComparison.Ordinal) ? "DESC" : "";
                var expected = await IdsAsync($"SELECT t.ticket_id FROM rm_tickets t WHERE {where} ORDER BY t.{order}, t.ticket_id {direction}");
                Assert.True(expected.Count > 0, $"{query}: the seeded history has matches");
                var paged = await PagesAsync(dispatcher, $"/api/tickets?{query}&sort={sort}&limit=3");
                Assert.True(expected.SequenceEqual(paged), $"{query}&sort={sort}: {expected.Count} expected, {paged.Count} paged");
            }
            var csv = await dispatcher.GetStringAsync($"/api/tickets?{query}&format=csv");
            var inCsv = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(line => line.Split(',')[0]).ToList();
            Assert.Equal(await IdsAsync($"SELECT t.ticket_id FROM rm_tickets t WHERE {where} ORDER BY t.created_at DESC, t.ticket_id DESC"), inCsv);
        }
    }

    [Fact]
    public async Task A_window_of_creation_times_bounds_a_text_search_and_its_cursor()
    {
        await SeededAsync();
        string At(TimeSpan ago) => (DateTime.UtcNow - ago).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var (from, to) = (At(TimeSpan.FromDays(1)), At(TimeSpan.FromHours(6)));
        var expected = await IdsAsync($"""
            SELECT t.ticket_id FROM rm_tickets t JOIN rm_ticket_text x USING (ticket_id)
             WHERE x.text ILIKE '%site 1%' AND t.created_at >= '{from}' AND t.created_at < '{to}'
             ORDER BY t.created_at DESC, t.ticket_id DESC
            """);
        Assert.NotEmpty(expected);
        using var dispatcher = await cluster.App.ClientAsAsync("dispatcher");
        Assert.Equal(expected, await PagesAsync(dispatcher, $"/api/tickets?q=site%201&createdFrom={from}&createdTo={to}&limit=4"));
    }

    [Fact]
    public async Task A_window_of_breach_times_finds_the_tickets_whose_latest_breach_is_in_it_whenever_they_were_created()
    {
        await SeededAsync();
        // Each ticket's latest breach as the log has it: what the projector keeps (migration 0031).
        Assert.Equal(0, await CountAsync("""
            SELECT count(*)
              FROM rm_tickets t
              FULL JOIN (SELECT substr(stream, 8) AS ticket_id, max(at) AS at FROM dispatch_events
                          WHERE type = 'sla.breached' AND stream LIKE 'ticket:seed-%' GROUP BY stream) b USING (ticket_id)
             WHERE t.ticket_id LIKE 'seed-%' AND t.last_breached_at IS DISTINCT FROM b.at
            """));

        // "Breached today" as the console's tile asks for it: the last day, up to now. A ticket breached in it is listed
        // whenever it was created, also the day before (which a window of creation times missed); one whose latest breach
        // is older is not. Two tickets of the test's own beside the seeded ones (which of those fall in the window depends
        // on the time of day).
        var now = DateTimeOffset.UtcNow;
        var (listed, before) = ("breach-in-" + Guid.NewGuid().ToString("N")[..8], "breach-out-" + Guid.NewGuid().ToString("N")[..8]);
        await using (var dataSource = NpgsqlDataSource.Create(cluster.Database.ConnectionString))
        {
            const string opened = """{"priority": "P2", "region": "riverside", "serviceType": "repair"}""";
            const string breach = """{"metric": "response", "level": 1}""";
            await EventLogRows.TicketEventAsync(dataSource, listed, 1, "ticket.created", "New", now.AddHours(-30), opened);
            await EventLogRows.TicketEventAsync(dataSource, listed, 2, "sla.breached", "New", now.AddHours(-2), breach);
            await EventLogRows.TicketEventAsync(dataSource, before, 1, "ticket.created", "New", now.AddHours(-40), opened);
            await EventLogRows.TicketEventAsync(dataSource, before, 2, "sla.breached", "New", now.AddHours(-30), breach);
        }
        await Eventually.Until(
            () => CountAsync($"SELECT count(*) FROM rm_tickets WHERE ticket_id IN ('{listed}', '{before}') AND last_breached_at IS NOT NULL"),
            count => count == 2, within: TimeSpan.FromMinutes(1), what: "the two breaches projected");
        string At(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var (from, to) = (At(now.AddDays(-1)), At(now.AddHours(1)));
        var expected = await IdsAsync($"""
            SELECT t.ticket_id
              FROM rm_tickets t,
                   LATERAL (SELECT max(e.at) AS at FROM dispatch_events e WHERE e.stream = 'ticket:' || t.ticket_id AND e.type = 'sla.breached') b
             WHERE b.at >= '{from}' AND b.at < '{to}'
             ORDER BY t.created_at DESC, t.ticket_id DESC
            """);
        Assert.Contains(listed, expected);
        Assert.DoesNotContain(before, expected);
        using var dispatcher = await cluster.App.ClientAsAsync("dispatcher");
        Assert.Equal(expected, await PagesAsync(dispatcher, $"/api/tickets?breachedFrom={from}&breachedTo={to}&limit=20"));
        // With another condition, and ordered by update time, the same tickets.
        const string region = "riverside";
        var inRegion = await IdsAsync($"""
            SELECT t.ticket_id FROM rm_tickets t
             WHERE t.region = '{region}' AND t.ticket_id = ANY(ARRAY['{string.Join("','", expected)}'])
             ORDER BY t.updated_at, t.ticket_id
            """);
        Assert.Equal(inRegion, await PagesAsync(dispatcher, $"/api/tickets?breachedFrom={from}&breachedTo={to}&region={region}&sort=updatedAt&limit=7"));
    }

    /// <summary>
    /// Sixteen days of 100 tickets, seeded once for the class and projected whole: three weeks or more, which a text alone
    /// is searched one at a time (migration 0024), so that its pages cross from one week to the next.
    /// </summary>
    private async Task SeededAsync()
    {
        // xUnit runs a class's tests one after another: the first seeds, the second finds the history there.
        if (await CountAsync("SELECT count(*) FROM rm_tickets WHERE ticket_id LIKE 'seed-%'") == 0)
        {
            await DispatchScript.RunAsync(cluster.Database.ScriptEnvironment, "seed", "--days", "16", "--per-day", "100");
        }
        await Eventually.Until(
            () => CountAsync("SELECT events_behind FROM dispatch_projection_lag('read-model')"), behind => behind == 0,
            within: TimeSpan.FromMinutes(3), what: "the seeded history projected");
        Assert.True(await CountAsync("SELECT count(DISTINCT dispatch_week(created_at)) FROM rm_ticket_text") >= 3, "three weeks or more");
    }

    private static async Task<List<string>> PagesAsync(HttpClient client, string url)
    {
        var ids = new List<string>();
        string? cursor = null;
        for (var page = 0; page < 500; page++)
        {
            var body = await client.GetFromJsonAsync<JsonElement>(cursor is null ? url : $"{url}&cursor={cursor}");
            ids.AddRange(body.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("ticketId").GetString()!));
            cursor = body.GetProperty("nextCursor").GetString();
            if (cursor is null)
            {
                return ids;
            }
        }
        throw new InvalidOperationException($"{url}: more than 500 pages");
    }

    private async Task<List<string>> IdsAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(cluster.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<string>();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }
        return ids;
    }

    private async Task<string> TextAsync(string sql) => (await IdsAsync(sql)).Single();

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(cluster.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
