using System.Security.Claims;
using Dispatch.Domain.Engineers;
using Dispatch.Domain.Geo;
using Dispatch.Grains.Engineers;
using Dispatch.Grains.Sla;
using Dispatch.Grains.Tickets;
using Dispatch.Web.Api.Skills;
using Dispatch.Web.Api.Tickets;
using Dispatch.Web.Auth;
using Dispatch.Web.Http;

namespace Dispatch.Web.Api.Engineers;

/// <summary>Engineers: their profile (dispatch center), and what they report (themselves).</summary>
public static class EngineerEndpoints
{
    public const int MaxSkills = 50;

    public static void MapEngineerEndpoints(this IEndpointRouteBuilder api)
    {
        var engineers = api.MapGroup("/engineers").WithTags("Engineers");

        engineers.MapPut("/{id}", Register)
            .RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Dispatcher))
            .WithSummary("Create or change an engineer: skills with proficiency, home base, shift, capacity");

        engineers.MapGet("/{id}", async (string id, ClaimsPrincipal user, IClusterClient cluster) =>
            {
                if (!EngineerAccess.IsSelfOrOperations(user, id))
                {
                    return Results.Forbid();
                }
                var view = FieldErrors.IsIdentifier(id) ? await cluster.Grain<IEngineerGrain>(id).GetView() : null;
                return view is null ? NotFound(id) : Results.Ok(view);
            })
            .RequireAuthorization()
            .WithSummary("Status, position and its age, offer, jobs, jobs done today");

        engineers.MapEngineerDay();

        engineers.MapGet("/{id}/work", async (string id, ClaimsPrincipal user, IClusterClient cluster) =>
            {
                if (!EngineerAccess.IsSelfOrOperations(user, id))
                {
                    return Results.Forbid();
                }
                var view = FieldErrors.IsIdentifier(id) ? await cluster.Grain<IEngineerGrain>(id).GetView() : null;
                if (view is null)
                {
                    return NotFound(id);
                }
                var offer = view.Offer is null ? null : await cluster.Grain<ITicketGrain>(view.Offer.TicketId).GetView();
                var jobs = await Task.WhenAll(view.Jobs.Select(j => cluster.Grain<ITicketGrain>(j).GetView()));
                return Results.Ok(new { engineer = view, offer = offer is null ? null : new { details = view.Offer, ticket = offer }, jobs = jobs.OfType<TicketView>() });
            })
            .RequireAuthorization()
            .WithSummary("The engineer's current offer and jobs with their tickets, read from state (what the app shows after login or reconnect)");

        engineers.MapPost("/{id}/status", async (string id, PresenceRequest body, ClaimsPrincipal user, IClusterClient cluster) =>
            {
                if (!EngineerAccess.IsSelfOrOperations(user, id))
                {
                    return Results.Forbid();
                }
                var errors = new FieldErrors();
                var status = errors.OneOf("status", body.Status, ["Available", "OnBreak", "Offline"]);
                if (status is null)
                {
                    return errors.ToProblem();
                }
                if (!FieldErrors.IsIdentifier(id))
                {
                    return NotFound(id);
                }
                var reply = await cluster.Grain<IEngineerGrain>(id).SetPresence(Enum.Parse<ShownStatus>(status), CallerActor.Of(user));
                return reply.Refusal is { } refusal ? TicketResults.Problem(refusal) : Results.Ok(reply.Engineer);
            })
            .RequireAuthorization()
            .WithSummary("Available, OnBreak or Offline; going offline gives back offered and unstarted jobs");

        engineers.MapPost("/{id}/position", async (string id, PositionRequest body, ClaimsPrincipal user, IClusterClient cluster, TimeProvider clock) =>
            {
                if (!EngineerAccess.IsSelf(user, id))
                {
                    return Results.Forbid();
                }
                var errors = new FieldErrors();
                var report = Validate(body, clock.GetUtcNow(), errors);
                if (report is null)
                {
                    return errors.ToProblem();
                }
                if (!FieldErrors.IsIdentifier(id))
                {
                    return NotFound(id);
                }
                var reply = await cluster.Grain<IEngineerGrain>(id).ReportPosition(report);
                // A jump no vehicle makes is kept for the record but not taken as the engineer's position.
                return reply.Outcome == PositionOutcome.Flagged
                    ? Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Position not taken", detail: reply.Why,
                        extensions: new Dictionary<string, object?> { ["outcome"] = reply.Outcome.ToString() })
                    : Results.Ok(new { outcome = reply.Outcome.ToString(), why = reply.Why });
            })
            .RequireAuthorization(Policies.FieldWork)
            .RequireRateLimiting(Admission.Positions)
            .WithSummary("A position from the engineer's device; stale or out-of-order reports are ignored, impossible jumps flagged");
    }

    private static async Task<IResult> Register(string id, EngineerRequest body, IClusterClient cluster, SkillCatalogueCache skillCatalogue, ClaimsPrincipal user)
    {
        var errors = new FieldErrors();
        if (!FieldErrors.IsIdentifier(id))
        {
            errors.Add("id", FieldErrors.IdentifierRule);
        }
        var name = errors.Line("name", body.Name, 200);
        var skills = body.Skills ?? [];
        if (skills.Count > MaxSkills)
        {
            errors.Add("skills", $"at most {MaxSkills} skills");
        }
        foreach (var (skill, proficiency) in skills)
        {
            if (!FieldErrors.IsIdentifier(skill))
            {
                // Named by the field, not by the key: a key that breaks the rule is not echoed back.
                errors.Add("skills", $"a skill tag is {FieldErrors.IdentifierRule}");
            }
            else if (proficiency is < 0 or > 100)
            {
                errors.Add($"skills.{skill}", "proficiency is 0-100");
            }
        }
        Position? home = null;
        if (body.HomeBase is null)
        {
            errors.Add("homeBase", "required: {\"lat\": ..., \"lon\": ...}");
        }
        else if (errors.Coordinate("homeBase.lat", body.HomeBase.Lat, 90) is { } lat && errors.Coordinate("homeBase.lon", body.HomeBase.Lon, 180) is { } lon)
        {
            home = new Position(lat, lon);
        }
        var shift = errors.Identifier("shiftCalendar", body.ShiftCalendar, required: false);
        if (body.Capacity is < 1 or > 20)
        {
            errors.Add("capacity", "1-20 concurrent jobs");
        }
        var phone = errors.Line("phone", body.Phone, 32, required: false);
        if (skills.Count <= MaxSkills)
        {
            await skillCatalogue.RequireKnownAsync([.. skills.Keys.Where(FieldErrors.IsIdentifier).Select(s => ($"skills.{s}", s))], errors);
        }
        // An unknown shift calendar would mean "always on shift" without anyone having said so.
        if (shift is not null && !(await cluster.Grain<ISlaBookGrain>(0).Read()).Book.HasCalendar(shift))
        {
            errors.Add("shiftCalendar", $"'{shift}' is not a calendar of the SLA book (GET /api/sla/policies lists them)");
        }
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        var engineer = cluster.Grain<IEngineerGrain>(id);
        var existed = await engineer.GetView() is not null;
        var reply = await engineer.Register(new EngineerProfile(name!, skills, home!.Value, shift, body.Capacity ?? 1, phone), CallerActor.Of(user));
        return existed ? Results.Ok(reply.Engineer) : Results.Created($"/api/engineers/{id}", reply.Engineer);
    }

    private static PositionReport? Validate(PositionRequest body, DateTimeOffset now, FieldErrors errors)
    {
        var lat = errors.Coordinate("lat", body.Lat, 90);
        var lon = errors.Coordinate("lon", body.Lon, 180);
        errors.DeviceTime("at", body.At, now, required: true);
        if (body.Accuracy is { } accuracy && (!double.IsFinite(accuracy) || accuracy < 0 || accuracy > 100_000))
        {
            errors.Add("accuracy", "meters, 0-100000");
        }
        return errors.Any ? null : new PositionReport(lat!.Value, lon!.Value, body.At!.Value, body.Accuracy);
    }

    private static IResult NotFound(string id) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such engineer", detail: $"engineer '{id}' does not exist");
}
