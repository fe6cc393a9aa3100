using System.Net.Http.Json;
using System.Text.Json;
using Dispatch.Testing;
using Dispatch.Web.Tests.Infrastructure;
using Npgsql;

namespace Dispatch.Web.Tests.ReadSide;

/// <summary>
/// Reports over a hand-built event history (written into the log as the grains would, in 2020 and in a region
/// of its own so that nothing else counts), each figure against the value computed by hand.
/// </summary>
public sealed class ReportTests(WebClusterFixture cluster) : IClassFixture<WebClusterFixture>
{
    private static readonly DateTimeOffset T0 = new(2020, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Kpis_and_stages_equal_the_hand_computed_values_with_a_reopened_and_a_reassigned_ticket()
    {
        var region = "rpt-" + Guid.NewGuid().ToString("N")[..8];
        var (t1, t2, t3) = ($"{region}-1", $"{region}-2", $"{region}-3");
        var history = new List<Event>();
        // t1: accepted after 10 min, on site after 40, resolved after 100; CSAT 5, NPS 10 (a promoter). Fixed first time.
        history.AddRange(Ticket(t1, region, T0,
            (10, "ticket.accepted", "Accepted", Details("engineerId", "e-1")), (40, "ticket.on-site", "OnSite", null),
            (100, "ticket.resolved", "Resolved", null), (110, "ticket.survey", null, Details("csat", "5", "nps", "10"))));
        // t2: accepted by e-1 after 20 min, released at 30, accepted by e-2 at 35, on site at 60, resolved at 120,
        // reopened at 150, accepted by e-2 again at 180, on site again at 200, resolved at 260; resolution clock breached; CSAT 2, NPS 3 (a detractor).
        history.AddRange(Ticket(t2, region, T0.AddHours(1),
            (20, "ticket.accepted", "Accepted", Details("engineerId", "e-1")), (30, "ticket.released", "Dispatching", Details("engineerId", "e-1")),
            (35, "ticket.accepted", "Accepted", Details("engineerId", "e-2")), (60, "ticket.on-site", "OnSite", null),
            (90, "sla.breached", null, Details("metric", "resolution", "level", "1")),
            (120, "ticket.resolved", "Resolved", null), (150, "ticket.reopened", "Dispatching", null),
            (180, "ticket.accepted", "Accepted", Details("engineerId", "e-2")), (200, "ticket.on-site", "OnSite", null), (260, "ticket.resolved", "Resolved", null),
            (270, "ticket.survey", null, Details("csat", "2", "nps", "3"))));
        // t3: cancelled after 30 min, on the next day in Shanghai (04:00 on 3 March) though on 2 March in UTC.
        history.AddRange(Ticket(t3, region, new DateTimeOffset(2020, 3, 2, 20, 0, 0, TimeSpan.Zero),
            (30, "ticket.cancelled", "Cancelled", null)));
        await WriteAsync(history);

        using var supervisor = await cluster.App.ClientAsAsync("supervisor");
        var window = $"region={region}&from=2020-03-01T00:00:00%2B08:00&to=2020-03-04T00:00:00%2B08:00&tz=Asia/Shanghai";
        var all = await Eventually.Until(() => supervisor.GetFromJsonAsync<JsonElement>($"/api/reports/kpis?{window}"),
            // Until the last event written (t3's cancellation): each is its own transaction, and the projector may
            // apply the log between any two of them.
            r => r.GetProperty("groups").GetArrayLength() == 1 && r.GetProperty("groups")[0].GetProperty("created").GetInt64() == 3
                 && r.GetProperty("groups")[0].GetProperty("surveys").GetInt64() == 2
                 && r.GetProperty("groups")[0].GetProperty("cancelled").GetInt64() == 1,
            what: "the hand-built history in the report");
        var kpis = all.GetProperty("groups")[0];
        Assert.Equal(2, kpis.GetProperty("resolved").GetInt64());
        Assert.Equal(1, kpis.GetProperty("cancelled").GetInt64());
        Assert.Equal((600 + 1200) / 2.0, kpis.GetProperty("meanSecondsToRespond").GetDouble(), 3);
        Assert.Equal((2400 + 3600) / 2.0, kpis.GetProperty("meanSecondsToArrive").GetDouble(), 3);
        Assert.Equal((6000 + 15600) / 2.0, kpis.GetProperty("meanSecondsToResolve").GetDouble(), 3);
        Assert.Equal(0.5, kpis.GetProperty("firstTimeFixRate").GetDouble(), 6);
        Assert.Equal(1, kpis.GetProperty("breached").GetInt64());
        Assert.Equal(2 / 3.0, kpis.GetProperty("slaCompliance").GetDouble(), 6);
        Assert.Equal(1, kpis.GetProperty("breachesByClock").GetProperty("resolution").GetInt64());
        Assert.Equal(3.5, kpis.GetProperty("meanCsat").GetDouble(), 6);
        Assert.Equal(0.0, kpis.GetProperty("nps").GetDouble(), 6);

        // Days in the service's zone, quiet days included.
        var days = await supervisor.GetFromJsonAsync<JsonElement>($"/api/reports/kpis?{window}&groupBy=day");
        Assert.Equal(["2020-03-01:2", "2020-03-02:0", "2020-03-03:1"],
            days.GetProperty("groups").EnumerateArray().Select(d => $"{d.GetProperty("group").GetString()}:{d.GetProperty("created").GetInt64()}"));

        // The engineer now holding the reassigned ticket.
        var byEngineer = await supervisor.GetFromJsonAsync<JsonElement>($"/api/reports/kpis?{window}&groupBy=engineer");
        Assert.Equal([":1", "e-1:1", "e-2:1"],
            byEngineer.GetProperty("groups").EnumerateArray().Select(d => $"{d.GetProperty("group").GetString()}:{d.GetProperty("created").GetInt64()}"));

        // Completed time per stage: New 600/1200/1800; Accepted 1800 and 600+1500+1200; OnSite 3600 and 3600+3600;
        // Dispatching 300+1800; Resolved (waiting after resolution, until the reopen) 1800. The bottleneck is on site.
        var stages = await supervisor.GetFromJsonAsync<JsonElement>($"/api/reports/stages?{window}");
        var mean = stages.GetProperty("stages").EnumerateArray()
            .ToDictionary(s => s.GetProperty("stage").GetString()!, s => s.GetProperty("meanSeconds").GetDouble());
        Assert.Equal(1200, mean["New"], 3);
        Assert.Equal(2550, mean["Accepted"], 3);
        Assert.Equal(5400, mean["OnSite"], 3);
        Assert.Equal(2100, mean["Dispatching"], 3);
        Assert.Equal(1800, mean["Resolved"], 3);
        Assert.Equal("OnSite", stages.GetProperty("bottleneck").GetString());

        var csv = await supervisor.GetStringAsync($"/api/reports/kpis?{window}&groupBy=priority&format=csv");
        Assert.StartsWith("group,created,resolved", csv);
        Assert.Contains("\nP2,3,2,1,", csv);
    }

    [Fact]
    public async Task A_paused_clock_is_left_out_of_the_time_to_resolve_without_waiting_and_ces_is_averaged()
    {
        var region = "pause-" + Guid.NewGuid().ToString("N")[..8];
        // t1: accepted at 10 min, on site at 30, waits for parts from 40 to 160 (the clocks paused, nothing breached),
        // resolved at 200; CSAT 4, NPS 9, CES 2; closed at 2000. t2: accepted at 20, on site at 50, resolved at 110; CSAT 5,
        // NPS 10, CES 6.
        await WriteAsync([
            .. Ticket($"{region}-1", region, T0,
                (10, "ticket.accepted", "Accepted", Details("engineerId", "e-1")), (30, "ticket.on-site", "OnSite", null),
                (40, "ticket.waiting", "Waiting", Details("reason", "parts")), (160, "ticket.resumed", "OnSite", null),
                (200, "ticket.resolved", "Resolved", null), (210, "ticket.survey", null, Details("csat", "4", "nps", "9", "ces", "2")),
                (2000, "ticket.closed", "Closed", null)),
            .. Ticket($"{region}-2", region, T0.AddHours(1),
                (20, "ticket.accepted", "Accepted", Details("engineerId", "e-2")), (50, "ticket.on-site", "OnSite", null),
                (110, "ticket.resolved", "Resolved", null), (120, "ticket.survey", null, Details("csat", "5", "nps", "10", "ces", "6"))),
        ]);
        using var supervisor = await cluster.App.ClientAsAsync("supervisor");
        var window = $"region={region}&from=2020-03-01T00:00:00Z&to=2020-03-02T00:00:00Z";
        var report = await Eventually.Until(() => supervisor.GetFromJsonAsync<JsonElement>($"/api/reports/kpis?{window}"),
            r => r.GetProperty("groups").GetArrayLength() == 1 && r.GetProperty("groups")[0].GetProperty("surveys").GetInt64() == 2,
            what: "both surveys in the report");
        var kpis = report.GetProperty("groups")[0];
        Assert.Equal((12000 + 6600) / 2.0, kpis.GetProperty("meanSecondsToResolve").GetDouble(), 3);
        Assert.Equal((12000 - 7200 + 6600) / 2.0, kpis.GetProperty("meanSecondsToResolveExcludingWaiting").GetDouble(), 3);
        Assert.Equal(1.0, kpis.GetProperty("slaCompliance").GetDouble(), 6);
        Assert.Equal(1.0, kpis.GetProperty("firstTimeFixRate").GetDouble(), 6);
        Assert.Equal(4.0, kpis.GetProperty("meanCes").GetDouble(), 6);
        Assert.Equal(4.5, kpis.GetProperty("meanCsat").GetDouble(), 6);
        Assert.Equal(100.0, kpis.GetProperty("nps").GetDouble(), 6);

        // On site: t1 600 before the wait and 2400 after it, t2 3600; waiting 7200 for t1 alone; resolved 108,000 for t1 until
        // it was closed: the longest, but a resolved ticket is done, so the bottleneck is the wait.
        var stages = await supervisor.GetFromJsonAsync<JsonElement>($"/api/reports/stages?{window}");
        var mean = stages.GetProperty("stages").EnumerateArray()
            .ToDictionary(s => s.GetProperty("stage").GetString()!, s => s.GetProperty("meanSeconds").GetDouble());
        Assert.Equal(3300, mean["OnSite"], 3);
        Assert.Equal(7200, mean["Waiting"], 3);
        Assert.Equal(108000, mean["Resolved"], 3);
        Assert.Equal("Resolved", stages.GetProperty("stages")[0].GetProperty("stage").GetString());
        Assert.Equal("Waiting", stages.GetProperty("bottleneck").GetString());

        // Every report answers CSV.
        Assert.StartsWith("stage,tickets,totalSeconds,meanSeconds\n", (await supervisor.GetStringAsync($"/api/reports/stages?{window}&format=csv")).ReplaceLineEndings("\n"));
        Assert.StartsWith("status,tickets,", await supervisor.GetStringAsync($"/api/reports/backlog?region={region}&format=csv"));
        var fiveFifteenThirty = await supervisor.GetStringAsync($"/api/reports/5-15-30?region={region}&format=csv");
        Assert.StartsWith("view,group,created,", fiveFifteenThirty);
        Assert.Contains("\nlive,all,0,", fiveFifteenThirty.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Five_fifteen_thirty_puts_each_ticket_in_the_views_its_creation_falls_in()
    {
        var region = "v5-" + Guid.NewGuid().ToString("N")[..8];
        var now = DateTimeOffset.UtcNow;
        // Half a minute ago (live, team, these 30 days), 10 days ago (team, these 30 days), 40 days ago (the 30 before).
        await WriteAsync([
            .. Ticket($"{region}-now", region, now.AddSeconds(-30), (0, "ticket.accepted", "Accepted", Details("engineerId", "e-5"))),
            .. Ticket($"{region}-10d", region, now.AddDays(-10),
                (10, "ticket.accepted", "Accepted", Details("engineerId", "e-5")), (70, "ticket.resolved", "Resolved", null)),
            .. Ticket($"{region}-40d", region, now.AddDays(-40),
                (20, "ticket.accepted", "Accepted", Details("engineerId", "e-6")), (80, "ticket.resolved", "Resolved", null)),
        ]);
        using var supervisor = await cluster.App.ClientAsAsync("supervisor");
        // The history is written one event a transaction, and the projector may apply any part of it: wait until every
        // view holds every ticket it should. (The endpoint reads its four views from one snapshot; before it did, the
        // team view could lag behind the views read after it.)
        static long Count(JsonElement rows, string measure) => rows.EnumerateArray().Sum(r => r.GetProperty(measure).GetInt64());
        var views = await Eventually.Until(() => supervisor.GetFromJsonAsync<JsonElement>($"/api/reports/5-15-30?region={region}"),
            r => r.GetProperty("live").GetProperty("created").GetInt64() == 1
                 && Count(r.GetProperty("team"), "created") == 2 && Count(r.GetProperty("team"), "resolved") == 1
                 && Count(r.GetProperty("customers").GetProperty("current"), "created") == 2
                 && Count(r.GetProperty("customers").GetProperty("current"), "resolved") == 1
                 && Count(r.GetProperty("customers").GetProperty("previous"), "created") == 1
                 && Count(r.GetProperty("customers").GetProperty("previous"), "resolved") == 1,
            what: "the three tickets in their views");
        var team = Assert.Single(views.GetProperty("team").EnumerateArray());
        Assert.Equal("e-5", team.GetProperty("group").GetString());
        Assert.Equal(2, team.GetProperty("created").GetInt64());
        Assert.Equal(1, team.GetProperty("resolved").GetInt64());
        Assert.Equal(300.0, team.GetProperty("meanSecondsToRespond").GetDouble(), 3); // (0 + 600) / 2
        var current = Assert.Single(views.GetProperty("customers").GetProperty("current").EnumerateArray());
        Assert.Equal(2, current.GetProperty("created").GetInt64());
        var previous = views.GetProperty("customers").GetProperty("previous")[0];
        Assert.Equal(1, previous.GetProperty("created").GetInt64());
        Assert.Equal(4800.0, previous.GetProperty("meanSecondsToResolve").GetDouble(), 3);
    }

    [Fact]
    public async Task A_daily_series_counts_the_23_hour_spring_forward_day_in_the_services_zone()
    {
        var region = "dst-" + Guid.NewGuid().ToString("N")[..8];
        // Berlin springs forward on 29 March 2020 at 02:00 CET: that day runs from 23:00Z on the 28th to 22:00Z on the 29th.
        await WriteAsync([
            .. Ticket($"{region}-a", region, new DateTimeOffset(2020, 3, 28, 22, 30, 0, TimeSpan.Zero)), // 23:30 on the 28th
            .. Ticket($"{region}-b", region, new DateTimeOffset(2020, 3, 28, 23, 30, 0, TimeSpan.Zero)), // 00:30 CET on the 29th
            .. Ticket($"{region}-c", region, new DateTimeOffset(2020, 3, 29, 21, 30, 0, TimeSpan.Zero)), // 23:30 CEST on the 29th
            .. Ticket($"{region}-d", region, new DateTimeOffset(2020, 3, 29, 22, 30, 0, TimeSpan.Zero)), // 00:30 CEST on the 30th
        ]);
        using var supervisor = await cluster.App.ClientAsAsync("supervisor");
        var url = $"/api/reports/kpis?region={region}&from=2020-03-28T00:00:00%2B01:00&to=2020-03-31T00:00:00%2B02:00&tz=Europe/Berlin&groupBy=day";
        var days = await Eventually.Until(() => supervisor.GetFromJsonAsync<JsonElement>(url),
            r => r.GetProperty("groups").EnumerateArray().Sum(d => d.GetProperty("created").GetInt64()) == 4, what: "four tickets");
        Assert.Equal(["2020-03-28:1", "2020-03-29:2", "2020-03-30:1"],
            days.GetProperty("groups").EnumerateArray().Select(d => $"{d.GetProperty("group").GetString()}:{d.GetProperty("created").GetInt64()}"));
    }

    private sealed record Event(string Ticket, long Sequence, string Type, DateTimeOffset At, string? To, Dictionary<string, string> Details);

    private static Dictionary<string, string> Details(params string[] pairs) =>
        Enumerable.Range(0, pairs.Length / 2).ToDictionary(i => pairs[2 * i], i => pairs[2 * i + 1]);

    private static IEnumerable<Event> Ticket(string id, string region, DateTimeOffset created,
        params (int Minutes, string Type, string? To, Dictionary<string, string>? Details)[] then)
    {
        yield return new Event(id, 1, "ticket.created", created, "New",
            Details("priority", "P2", "region", region, "serviceType", "repair", "customerId", "c-report", "title", "Hand-built"));
        var sequence = 1;
        foreach (var (minutes, type, to, details) in then)
        {
            yield return new Event(id, ++sequence, type, created.AddMinutes(minutes), to, details ?? []);
        }
    }

    private async Task WriteAsync(IEnumerable<Event> events)
    {
        await using var connection = new NpgsqlConnection(cluster.Database.ConnectionString);
        await connection.OpenAsync();
        foreach (var e in events)
        {
            await using var command = new NpgsqlCommand("""
                INSERT INTO dispatch_events (stream, sequence, type, at, actor_name, actor_role, data)
                VALUES ('ticket:' || @ticket, @sequence, @type, @at, 'test', 'system',
                        jsonb_build_object('ticketId', @ticket, 'customerId', 'c-report', 'from', NULL, 'to', @to::text,
                                           'why', NULL, 'details', @details::jsonb))
                """, connection);
            command.Parameters.AddWithValue("ticket", e.Ticket);
            command.Parameters.AddWithValue("sequence", e.Sequence);
            command.Parameters.AddWithValue("type", e.Type);
            command.Parameters.AddWithValue("at", e.At);
            command.Parameters.AddWithValue("to", (object?)e.To ?? DBNull.Value);
            command.Parameters.AddWithValue("details", JsonSerializer.Serialize(e.Details));
            await command.ExecuteNonQueryAsync();
        }
    }
}
