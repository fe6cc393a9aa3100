using Dispatch.Silo.Projections;
using Dispatch.Testing;

namespace Dispatch.Web.Tests.ReadSide;

/// <summary>
/// The projector keeps each engineer's newest standing of a batch and writes all of them with one statement: the rows
/// end as the events applied one by one would leave them, whatever the batch size, also when a stream's events come
/// with their sequences out of order or the table already holds a newer standing.
/// </summary>
public sealed class EngineerFoldTests : ReadSideDatabase
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 1, 0, 0, TimeSpan.Zero);

    private const string Row = """
        SELECT string_agg(concat_ws('|', engineer_id, name, coalesce(phone, '-'), skills::text, skill_levels::text, capacity,
                                    coalesce(shift_calendar, '-'), presence, status, on_shift, coalesce(region, '-'),
                                    coalesce(offer_ticket_id, '-'), jobs::text, job_count,
                                    coalesce(to_char(last_seen - @start, 'HH24:MI'), '-'), coalesce(last_lat::text, '-'),
                                    coalesce(last_lon::text, '-'), position_flagged, to_char(registered_at - @start, 'HH24:MI'),
                                    to_char(updated_at - @start, 'HH24:MI'), last_sequence), E'\n' ORDER BY engineer_id)
          FROM rm_engineers
        """;

    [Fact]
    public async Task An_engineers_events_in_one_batch_leave_the_newest_standing_registered_at_the_first()
    {
        await WriteHistoryAsync();
        Assert.Equal(HistoryEvents, await ProjectorRuns.CatchUpAsync(new ReadModelProjector(DataSource)));

        Assert.Equal(
            """
            e-1|Ada|+100|{electrical,hvac}|{"hvac": 40, "electrical": 80}|2|-|Busy|EnRoute|t|north|-|{t-1,t-2}|2|00:20|31.2|121.4|f|00:00|00:30|5
            e-2|Bo|-|{}|{}|1|weekdays|Offline|Offline|f|-|-|{}|0|-|-|-|f|00:05|00:50|4
            """.ReplaceLineEndings("\n"),
            await TextAsync(Row, Start));
    }

    [Fact]
    public async Task Any_batch_size_gives_the_same_engineer_rows_as_one_event_a_batch()
    {
        await WriteHistoryAsync();
        Assert.Equal(HistoryEvents, await ProjectorRuns.CatchUpAsync(new ReadModelProjector(DataSource, batchSize: 1)));
        var oneByOne = await TextAsync(Row, Start);
        Assert.Contains("e-1|Ada", oneByOne);

        foreach (var batchSize in new[] { 2, 3, ReadModelProjector.BatchSize })
        {
            await ExecuteAsync("SELECT dispatch_projections_rebuild()");
            Assert.Equal(HistoryEvents, await ProjectorRuns.CatchUpAsync(new ReadModelProjector(DataSource, batchSize: batchSize)));
            Assert.Equal(oneByOne, await TextAsync(Row, Start));
        }
    }

    [Fact]
    public async Task A_batch_never_moves_a_row_back_to_an_older_standing_than_the_table_holds()
    {
        await WriteHistoryAsync();
        await ProjectorRuns.CatchUpAsync(new ReadModelProjector(DataSource));
        // An older standing of e-2 logged late, beside a newer one of e-1: only e-1 moves.
        await using (var connection = await DataSource.OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await EventLogRows.InsertAsync(connection, transaction, "engineer:e-2", 2, "engineer.shift-started", Start.AddMinutes(60),
                Standing("Bo", "Available", "Available", region: "south"));
            await EventLogRows.InsertAsync(connection, transaction, "engineer:e-1", 6, "engineer.job-advanced", Start.AddMinutes(61),
                Standing("Ada", "Busy", "OnSite", region: "north", jobs: "\"t-1\", \"t-2\"", skills: """{"hvac": 40, "electrical": 80}""",
                    capacity: 2, phone: "+100", seen: """{"at": "2026-11-02T01:20:00Z", "lat": 31.2, "lon": 121.4, "flagged": false}"""));
            await transaction.CommitAsync();
        }
        Assert.Equal(2, await ProjectorRuns.CatchUpAsync(new ReadModelProjector(DataSource)));

        Assert.Equal("Busy|OnSite|6|01:01", await TextAsync(
            "SELECT concat_ws('|', presence, status, last_sequence, to_char(updated_at - @start, 'HH24:MI')) FROM rm_engineers WHERE engineer_id = 'e-1'",
            Start));
        Assert.Equal("Offline|4|00:50", await TextAsync(
            "SELECT concat_ws('|', presence, last_sequence, to_char(updated_at - @start, 'HH24:MI')) FROM rm_engineers WHERE engineer_id = 'e-2'",
            Start));
    }

    private const int HistoryEvents = 9;

    /// <summary>
    /// Engineer e-1 registered, on shift, offered a job, accepting two and on the way; e-2 registered, on shift and off
    /// again, its sequences 4 and 3 logged in that order; an event with no standing in it (ignored).
    /// </summary>
    private async Task WriteHistoryAsync()
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        async Task Event(string engineer, long sequence, string type, double minutes, string data) =>
            await EventLogRows.InsertAsync(connection, transaction, "engineer:" + engineer, sequence, type, Start.AddMinutes(minutes), data);
        const string skills = """{"hvac": 40, "electrical": 80}""";
        const string seen = """{"at": "2026-11-02T01:20:00Z", "lat": 31.2, "lon": 121.4, "flagged": false}""";

        await Event("e-1", 1, "engineer.registered", 0, Standing("Ada", "Offline", "Offline", skills: skills, capacity: 2, phone: "+100"));
        await Event("e-2", 1, "engineer.registered", 5, Standing("Bo", "Offline", "Offline", calendar: "weekdays"));
        await Event("e-1", 2, "engineer.shift-started", 10, Standing("Ada", "Available", "Available", region: "north", skills: skills,
            capacity: 2, phone: "+100"));
        await Event("e-1", 3, "engineer.offered", 15, Standing("Ada", "Available", "Available", region: "north", skills: skills,
            capacity: 2, phone: "+100", offer: "t-1"));
        await Event("e-1", 4, "engineer.job-accepted", 20, Standing("Ada", "Busy", "Accepted", region: "north", skills: skills,
            capacity: 2, phone: "+100", jobs: "\"t-1\"", seen: seen));
        await Event("e-1", 5, "engineer.job-accepted", 30, Standing("Ada", "Busy", "EnRoute", region: "north", skills: skills,
            capacity: 2, phone: "+100", jobs: "\"t-1\", \"t-2\"", seen: seen));
        await Event("e-2", 4, "engineer.shift-ended", 50, Standing("Bo", "Offline", "Offline", calendar: "weekdays"));
        await Event("e-2", 3, "engineer.shift-started", 40, Standing("Bo", "Available", "Available", calendar: "weekdays", region: "south"));
        await Event("e-1", 9, "engineer.note", 35, """{"note": "no standing in this one"}""");
        await transaction.CommitAsync();
    }

    private static string Standing(string name, string presence, string status, string? region = null, string skills = "{}",
        int capacity = 1, string? phone = null, string? calendar = null, string? offer = null, string jobs = "", string? seen = null) =>
        $$$"""
        {"engineer": {"name": "{{{name}}}", "presence": "{{{presence}}}", "status": "{{{status}}}", "region": {{{Json(region)}}},
                      "skills": {{{skills}}}, "capacity": {{{capacity}}}, "phone": {{{Json(phone)}}}, "shiftCalendar": {{{Json(calendar)}}},
                      "offer": {{{Json(offer)}}}, "jobs": [{{{jobs}}}], "lastSeen": {{{seen ?? "null"}}}}}
        """;

    private static string Json(string? text) => text is null ? "null" : $"\"{text}\"";
}
