using System.Globalization;
using System.Security.Claims;
using Dispatch.Domain.Dispatching;
using Dispatch.Domain.Engineers;
using Dispatch.Grains.Engineers;
using Dispatch.Grains.Sla;
using Dispatch.Grains.Tickets;
using Dispatch.Web.Api.Search;
using Dispatch.Web.Auth;
using NodaTime;
using Npgsql;

namespace Dispatch.Web.Api.Engineers;

/// <summary>
/// GET /api/engineers/{id}/day: the engineer's day as it happened and as it stands (see <see cref="EngineerDay"/>):
/// the shift from their shift calendar, breaks from their presence events, jobs from the ticket read model, the
/// current travel leg's estimated arrival from the dispatcher's own travel-time estimate.
/// </summary>
public static class EngineerDayEndpoint
{
    private static readonly string[] PresenceEvents = ["engineer.break-started", "engineer.break-ended", "engineer.shift-started", "engineer.shift-ended"];

    public static void MapEngineerDay(this IEndpointRouteBuilder engineers) =>
        engineers.MapGet("/{id}/day", Read)
            .RequireAuthorization()
            .WithSummary("The engineer's day (date=YYYY-MM-DD, today in the service's time zone by default): shift, breaks, travel, work, planned jobs");

    private static async Task<IResult> Read(string id, string? date, ClaimsPrincipal user, IServiceProvider services, IClusterClient cluster,
        KnownNames known, ITravelTimeEstimator travel, IConfiguration configuration, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!EngineerAccess.IsSelfOrOperations(user, id))
        {
            return Results.Forbid();
        }
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(configuration["Reports:TimeZone"] ?? Reports.ReportFilter.DefaultZone) ?? DateTimeZone.Utc;
        var now = clock.GetUtcNow();
        var day = Instant.FromDateTimeOffset(now).InZone(zone).Date;
        if (date is not null)
        {
            if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var asked))
            {
                var errors = new FieldErrors();
                errors.Add("date", "a day as YYYY-MM-DD");
                return errors.ToProblem();
            }
            day = LocalDate.FromDateOnly(asked);
        }
        var view = FieldErrors.IsIdentifier(id) ? await cluster.Grain<IEngineerGrain>(id).GetView() : null;
        if (view is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such engineer", detail: $"engineer '{id}' does not exist");
        }
        if (ReadSide.DataSource(services) is not { } dataSource)
        {
            return ReadSide.Unavailable();
        }
        var start = zone.AtStartOfDay(day).ToInstant();
        var end = zone.AtStartOfDay(day.PlusDays(1)).ToInstant();
        var (from, to) = (start.ToDateTimeOffset(), end.ToDateTimeOffset());

        var presence = await PresenceAsync(dataSource, id, from, to, cancellationToken);
        var jobs = await JobsAsync(dataSource, id, from, to, cancellationToken);
        var shifts = await ShiftsAsync(cluster, view.Profile.ShiftCalendar, start, end);
        var arrival = from <= now && now < to ? await ArrivalAsync(view, jobs, cluster, known, travel, now) : null;
        var segments = EngineerDay.Of(from, to, shifts, presence, jobs.Select(j => j.Times), now, arrival);
        return Results.Ok(new
        {
            engineerId = id,
            date = day.ToDateOnly().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            timeZone = zone.Id,
            from,
            to,
            now,
            shiftCalendar = view.Profile.ShiftCalendar,
            segments,
        });
    }

    // No calendar means always on shift (as for dispatch); so does a calendar the book no longer has.
    private static async Task<IEnumerable<(DateTimeOffset, DateTimeOffset)>> ShiftsAsync(IClusterClient cluster, string? calendarId, Instant start, Instant end)
    {
        if (calendarId is null)
        {
            return [(start.ToDateTimeOffset(), end.ToDateTimeOffset())];
        }
        var stored = await cluster.Grain<ISlaBookGrain>(0).Read();
        if (!SlaDocumentMapper.ToBook(stored.Book, stored.Version).Calendars.TryGet(calendarId, out var calendar))
        {
            return [(start.ToDateTimeOffset(), end.ToDateTimeOffset())];
        }
        return calendar.WorkingIntervals(start, end).Select(i => (i.Start.ToDateTimeOffset(), i.End.ToDateTimeOffset())).ToList();
    }

    private static async Task<List<PresenceMark>> PresenceAsync(NpgsqlDataSource dataSource, string id, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        // The day's presence changes and the last one before it: a break begun before midnight is still one.
        await using var command = dataSource.CreateCommand("""
            (SELECT at, data->>'to' FROM dispatch_events WHERE stream = $1 AND type = ANY($2) AND at < $3 ORDER BY at DESC LIMIT 1)
            UNION ALL
            (SELECT at, data->>'to' FROM dispatch_events WHERE stream = $1 AND type = ANY($2) AND at >= $3 AND at < $4)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = $"engineer:{id}" });
        command.Parameters.Add(new NpgsqlParameter { Value = PresenceEvents });
        command.Parameters.Add(new NpgsqlParameter { Value = from });
        command.Parameters.Add(new NpgsqlParameter { Value = to });
        var marks = new List<PresenceMark>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (!reader.IsDBNull(1) && Enum.TryParse<Presence>(reader.GetString(1), out var presence))
            {
                marks.Add(new PresenceMark(reader.GetFieldValue<DateTimeOffset>(0), presence));
            }
        }
        return marks;
    }

    private sealed record Job(JobTimes Times, string Status);

    private static async Task<List<Job>> JobsAsync(NpgsqlDataSource dataSource, string id, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT ticket_id, status, accepted_at, en_route_at, on_site_at, coalesce(resolved_at, cancelled_at)
              FROM rm_tickets
             WHERE engineer_id = $1 AND coalesce(accepted_at, en_route_at, on_site_at) < $3
               AND (coalesce(resolved_at, cancelled_at) IS NULL OR coalesce(resolved_at, cancelled_at) >= $2)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter { Value = from });
        command.Parameters.Add(new NpgsqlParameter { Value = to });
        var jobs = new List<Job>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        DateTimeOffset? At(int i) => reader.IsDBNull(i) ? null : reader.GetFieldValue<DateTimeOffset>(i);
        while (await reader.ReadAsync(cancellationToken))
        {
            jobs.Add(new Job(new JobTimes(reader.GetString(0), At(2), At(3), At(4), At(5)), reader.GetString(1)));
        }
        return jobs;
    }

    /// <summary>Where the engineer is on the way to: the estimate dispatch ranks engineers by, from where they are now.</summary>
    private static async Task<(string, DateTimeOffset)?> ArrivalAsync(EngineerView view, List<Job> jobs, IClusterClient cluster, KnownNames known,
        ITravelTimeEstimator travel, DateTimeOffset now)
    {
        if (view.Position is not { } position || view.Region is null || jobs.FirstOrDefault(j => j.Status == "EnRoute") is not { } job)
        {
            return null;
        }
        var ticket = await cluster.Grain<ITicketGrain>(job.Times.TicketId).GetView();
        if (ticket is null || !(await known.CurrentAsync()).Regions.TryGet(view.Region, out var region))
        {
            return null;
        }
        return (job.Times.TicketId, now + travel.Estimate(position.Point, ticket.Location, region));
    }
}
