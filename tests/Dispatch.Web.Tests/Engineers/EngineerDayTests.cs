using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dispatch.Testing;
using Dispatch.Web.Tests.Infrastructure;
using Dispatch.Web.Tests.ReadSide;
using Npgsql;
using static Dispatch.Web.Tests.Infrastructure.JsonBody;

namespace Dispatch.Web.Tests.Engineers;

/// <summary>
/// GET /api/engineers/{id}/day over a day built by hand in the event log and the ticket read model: the shift from the
/// engineer's calendar (shanghai-business, 09:00-18:00 in Asia/Shanghai, the service's zone), the break as it was taken,
/// a job done earlier that day with its travel, and a job still on the way; nothing of other engineers or other days.
/// </summary>
public sealed class EngineerDayTests(WebClusterFixture cluster) : IClassFixture<WebClusterFixture>
{
    // Tuesday 10 March 2026 in Shanghai (UTC+8): the day runs 2026-03-09T16:00Z to 2026-03-10T16:00Z.
    private const string Day = "2026-03-10";

    private static DateTimeOffset Local(int hour, int minute) => new DateTimeOffset(2026, 3, 10, hour, minute, 0, TimeSpan.FromHours(8)).ToUniversalTime();

    [Fact]
    public async Task A_day_shows_the_shift_the_break_the_finished_job_with_its_travel_and_the_job_under_way()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var engineer = $"eng-day-{tag}";
        var other = $"eng-other-{tag}";
        using var dispatcher = await cluster.App.ClientAsAsync("dispatcher");
        foreach (var id in new[] { engineer, other })
        {
            var registered = await dispatcher.PutAsync($"/api/engineers/{id}", Json("""
                {"name": "Day Test", "skills": {"hvac": 70}, "homeBase": {"lat": 31.2, "lon": 121.5}, "shiftCalendar": "shanghai-business"}
                """));
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        }

        await using (var connection = new NpgsqlConnection(cluster.Database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            var stream = $"engineer:{engineer}";
            // Presence events as the grain logs them (its own sequences are far below these); a break from 12:00 to 12:30.
            await EventLogRows.InsertAsync(connection, transaction, stream, 1_000_001, "engineer.shift-started", Local(8, 55), """{"from": "Offline", "to": "Available"}""");
            await EventLogRows.InsertAsync(connection, transaction, stream, 1_000_002, "engineer.break-started", Local(12, 0), """{"from": "Available", "to": "OnBreak"}""");
            await EventLogRows.InsertAsync(connection, transaction, stream, 1_000_003, "engineer.break-ended", Local(12, 30), """{"from": "OnBreak", "to": "Available"}""");
            // Done earlier: accepted 09:10, set off 09:15, on site 09:40, resolved 10:30.
            await TicketRowAsync(connection, transaction, $"t-done-{tag}", engineer, "Resolved", Local(9, 10), Local(9, 15), Local(9, 40), Local(10, 30));
            // Under way: accepted 13:00, set off 13:05, not there by the day's end.
            await TicketRowAsync(connection, transaction, $"t-going-{tag}", engineer, "EnRoute", Local(13, 0), Local(13, 5), null, null);
            // Someone else's job, and one of this engineer's resolved the day before: neither is in the day.
            await TicketRowAsync(connection, transaction, $"t-other-{tag}", other, "Resolved", Local(9, 0), Local(9, 5), Local(9, 30), Local(10, 0));
            await TicketRowAsync(connection, transaction, $"t-before-{tag}", engineer, "Resolved", Local(9, 0).AddDays(-1), null, Local(9, 30).AddDays(-1), Local(10, 0).AddDays(-1));
            await transaction.CommitAsync();
        }

        var day = await dispatcher.GetFromJsonAsync<JsonElement>($"/api/engineers/{engineer}/day?date={Day}");

        Assert.Equal("Asia/Shanghai", day.GetProperty("timeZone").GetString());
        Assert.Equal(Local(0, 0), day.GetProperty("from").GetDateTimeOffset());
        string Row(JsonElement s) => string.Join(' ', s.GetProperty("kind").GetString(),
            s.GetProperty("from").GetDateTimeOffset().ToOffset(TimeSpan.FromHours(8)).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            s.GetProperty("to").ValueKind == JsonValueKind.Null ? "open" : s.GetProperty("to").GetDateTimeOffset().ToOffset(TimeSpan.FromHours(8)).ToString("HH:mm dd", System.Globalization.CultureInfo.InvariantCulture),
            s.GetProperty("ticketId").GetString() ?? "-");
        Assert.Equal(
            [
                "shift 09:00 18:00 10 -",
                "break 12:00 12:30 10 -",
                $"travel 09:15 09:40 10 t-done-{tag}",
                $"work 09:40 10:30 10 t-done-{tag}",
                // Still on the way when the day ended: the leg runs to the day's end (midnight in Shanghai).
                $"travel 13:05 00:00 11 t-going-{tag}",
            ],
            day.GetProperty("segments").EnumerateArray().Select(Row));
    }

    [Fact]
    public async Task An_engineer_reads_only_their_own_day_and_a_bad_date_is_named()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var engineer = $"eng-own-{tag}";
        using var dispatcher = await cluster.App.ClientAsAsync("dispatcher");
        Assert.Equal(HttpStatusCode.Created, (await dispatcher.PutAsync($"/api/engineers/{engineer}", Json("""
            {"name": "Own Day", "skills": {"hvac": 70}, "homeBase": {"lat": 31.2, "lon": 121.5}}
            """))).StatusCode);

        using var self = await cluster.App.ClientAsAsync("engineer", engineer);
        using var someoneElse = await cluster.App.ClientAsAsync("engineer", $"eng-else-{tag}");
        var own = await self.GetFromJsonAsync<JsonElement>($"/api/engineers/{engineer}/day?date={Day}");
        // No shift calendar: always on shift, the whole day.
        Assert.Equal("shift", own.GetProperty("segments")[0].GetProperty("kind").GetString());
        Assert.Equal(Local(0, 0), own.GetProperty("segments")[0].GetProperty("from").GetDateTimeOffset());
        Assert.Equal(HttpStatusCode.Forbidden, (await someoneElse.GetAsync($"/api/engineers/{engineer}/day?date={Day}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await dispatcher.GetAsync($"/api/engineers/{engineer}/day")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await dispatcher.GetAsync($"/api/engineers/nobody-{tag}/day")).StatusCode);

        var bad = await dispatcher.GetAsync($"/api/engineers/{engineer}/day?date=2026-13-01");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("date", out _));
    }

    [Fact]
    public async Task Today_the_break_taken_ends_when_it_ended_and_the_leg_under_way_carries_the_estimated_arrival()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var engineer = $"eng-today-{tag}";
        var skill = $"today-{tag}";
        const double lat = 31.198, lon = 121.4765;
        using (var admin = await cluster.App.ClientAsAsync("admin"))
        {
            await admin.AddSkillAsync(skill);
            Assert.Equal(HttpStatusCode.Created, (await admin.PutAsync($"/api/engineers/{engineer}", Json($$"""
                {"name": "Today", "skills": {"{{skill}}": 90}, "homeBase": {"lat": {{lat}}, "lon": {{lon}}}, "shiftCalendar": "24x7"}
                """))).StatusCode);
        }
        using var phone = await cluster.App.ClientAsAsync("engineer", engineer);
        foreach (var status in new[] { "Available", "OnBreak", "Available" })
        {
            Assert.Equal(HttpStatusCode.OK, (await phone.PostAsync($"/api/engineers/{engineer}/status", Json($$"""{"status":"{{status}}"}"""))).StatusCode);
        }
        var position = JsonSerializer.Serialize(new { lat, lon, at = DateTimeOffset.UtcNow, accuracy = 8.0 });
        Assert.Equal(HttpStatusCode.OK, (await phone.PostAsync($"/api/engineers/{engineer}/position", Json(position))).StatusCode);
        using var dispatcher = await cluster.App.ClientAsAsync("dispatcher");
        var customer = $"cust-today-{tag}";
        (await dispatcher.PutAsync($"/api/customers/{customer}", Json("""{"name": "Acme", "tier": "standard", "sites": []}"""))).EnsureSuccessStatusCode();
        using var intake = await cluster.App.ClientAsAsync("intake");
        // About 1.1 km north of the engineer.
        var opened = await intake.PostAsync("/api/tickets", Json($$"""
            {"customerId": "{{customer}}", "title": "No cooling", "serviceType": "repair", "priority": "P2",
             "location": {"lat": {{lat + 0.01}}, "lon": {{lon}}}, "requiredSkills": ["{{skill}}"], "channel": "web"}
            """));
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var ticketId = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await Eventually.Until(() => phone.GetFromJsonAsync<JsonElement>($"/api/engineers/{engineer}/work"),
            w => w.GetProperty("offer").ValueKind == JsonValueKind.Object, TimeSpan.FromSeconds(30), "the offer");
        Assert.Equal(HttpStatusCode.OK, (await phone.PostAsync($"/api/tickets/{ticketId}/accept", Json("{}"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await phone.PostAsync($"/api/tickets/{ticketId}/en-route", Json("{}"))).StatusCode);

        var day = await Eventually.Until(() => phone.GetFromJsonAsync<JsonElement>($"/api/engineers/{engineer}/day"),
            d => d.GetProperty("segments").EnumerateArray().Any(s => s.GetProperty("kind").GetString() == "travel"), TimeSpan.FromSeconds(30), "the travel leg");

        var segments = day.GetProperty("segments").EnumerateArray().ToList();
        var pause = Assert.Single(segments, s => s.GetProperty("kind").GetString() == "break");
        Assert.NotEqual(JsonValueKind.Null, pause.GetProperty("to").ValueKind);
        var leg = Assert.Single(segments, s => s.GetProperty("kind").GetString() == "travel");
        Assert.Equal(ticketId, leg.GetProperty("ticketId").GetString());
        Assert.Equal(JsonValueKind.Null, leg.GetProperty("to").ValueKind);
        var now = day.GetProperty("now").GetDateTimeOffset();
        var arrival = leg.GetProperty("estimatedTo").GetDateTimeOffset() - now;
        // 1.1 km at a region's straight-line speed: more than a minute, less than an hour.
        Assert.InRange(arrival, TimeSpan.FromMinutes(1), TimeSpan.FromHours(1));
    }

    private static async Task TicketRowAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string ticketId, string engineerId,
        string status, DateTimeOffset accepted, DateTimeOffset? enRoute, DateTimeOffset? onSite, DateTimeOffset? resolved)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO rm_tickets (ticket_id, title, status, status_since, engineer_id, engineers, created_at, accepted_at, en_route_at,
                                    on_site_at, resolved_at, updated_at, last_sequence)
            VALUES (@id, 'hand-built', @status, @accepted, @engineer, ARRAY[@engineer], @created, @accepted, @enRoute, @onSite, @resolved, @accepted, 1)
            """, connection, transaction);
        command.Parameters.AddWithValue("id", ticketId);
        command.Parameters.AddWithValue("status", status);
        command.Parameters.AddWithValue("engineer", engineerId);
        command.Parameters.AddWithValue("created", accepted.AddMinutes(-5));
        command.Parameters.AddWithValue("accepted", accepted);
        command.Parameters.Add(new NpgsqlParameter("enRoute", NpgsqlTypes.NpgsqlDbType.TimestampTz) { Value = (object?)enRoute ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("onSite", NpgsqlTypes.NpgsqlDbType.TimestampTz) { Value = (object?)onSite ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("resolved", NpgsqlTypes.NpgsqlDbType.TimestampTz) { Value = (object?)resolved ?? DBNull.Value });
        await command.ExecuteNonQueryAsync();
    }
}
