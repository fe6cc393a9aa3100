using System.Security.Claims;
using Dispatch.Domain.Sla;
using Dispatch.Grains.Customers;
using Dispatch.Grains.Tickets;
using Dispatch.Web.Api.Skills;
using Dispatch.Web.Auth;
using Dispatch.Web.Http;

namespace Dispatch.Web.Api.Tickets;

/// <summary>Intake, reading, and the transitions people make over HTTP.</summary>
public static class TicketEndpoints
{
    public const string IdempotencyHeader = "Idempotency-Key";

    public static void MapTicketEndpoints(this IEndpointRouteBuilder api)
    {
        var tickets = api.MapGroup("/tickets").WithTags("Tickets");

        tickets.MapPost("/", Open).RequireAuthorization(Policies.Intake).RequireRateLimiting(Admission.Intake)
            .WithSummary("Open a ticket (idempotent on externalId per channel, or on the Idempotency-Key header)");
        tickets.MapGet("/{id}", Get).RequireAuthorization(Policies.ReadTickets)
            .WithSummary("A ticket with its SLA clocks and timeline");
        tickets.MapGet("/{id}/sla/explain", Explain).RequireAuthorization(Policies.ReadTickets)
            .WithSummary("How each SLA number was computed: counted intervals, pauses, calendar gaps");

        tickets.MapPost("/{id}/triage", (string id, NoteRequest body, ClaimsPrincipal user, IClusterClient cluster) =>
                WithText("note", body.Note, required: false, note => Command(id, cluster, t => t.Triage(CallerActor.Of(user), note))))
            .RequireAuthorization(Policies.Operations);
        tickets.MapPost("/{id}/wait", async (string id, ReasonRequest body, ClaimsPrincipal user, IClusterClient cluster, KnownNames known) =>
            {
                var errors = new FieldErrors();
                var reason = TicketRequestValidation.WaitingReason(body.Reason, await known.CurrentAsync(), errors);
                return errors.Any ? errors.ToProblem() : await Command(id, cluster, t => t.Wait(CallerActor.Of(user), reason!));
            })
            .RequireAuthorization(Policies.Operations);
        tickets.MapPost("/{id}/resume", (string id, NoteRequest body, ClaimsPrincipal user, IClusterClient cluster) =>
                WithText("note", body.Note, required: false, note => Command(id, cluster, t => t.Resume(CallerActor.Of(user), note))))
            .RequireAuthorization(Policies.Operations);
        tickets.MapPost("/{id}/cancel", (string id, ReasonRequest body, ClaimsPrincipal user, IClusterClient cluster) =>
                WithText("reason", body.Reason, required: true, reason => Command(id, cluster, t => t.Cancel(CallerActor.Of(user), reason!))))
            .RequireAuthorization(Policies.Operations);
        tickets.MapPost("/{id}/reopen", (string id, ReasonRequest body, ClaimsPrincipal user, IClusterClient cluster) =>
                WithText("reason", body.Reason, required: true, reason => Command(id, cluster, t => t.Reopen(CallerActor.Of(user), reason!))))
            .RequireAuthorization(Policies.Operations);
        tickets.MapPost("/{id}/resolve", (string id, ResolveRequest body, ClaimsPrincipal user, IClusterClient cluster) =>
                WithText("notes", body.Notes, required: false, notes => Command(id, cluster, t => t.Resolve(CallerActor.Of(user), notes, null))))
            .RequireAuthorization(Policies.Operations)
            .WithSummary("Resolve a ticket whose service type has no on-site stage (e.g. a consultation)");
        tickets.MapPost("/{id}/priority", (string id, PriorityRequest body, ClaimsPrincipal user, IClusterClient cluster) =>
            {
                var errors = new FieldErrors();
                var priority = errors.OneOf<Priority>("priority", body.Priority);
                var reason = errors.Text("reason", body.Reason, 500);
                return errors.Any ? Task.FromResult(errors.ToProblem()) : Command(id, cluster, t => t.ChangePriority(priority!.Value, CallerActor.Of(user), reason!));
            })
            .RequireAuthorization(Policies.Operations)
            .WithSummary("Change the priority; the SLA policy is matched again");
        tickets.MapPost("/{id}/survey", async (string id, SurveyRequest body, ClaimsPrincipal user, IClusterClient cluster) =>
            {
                var errors = new FieldErrors();
                var survey = TicketRequestValidation.Validate(body, errors);
                if (survey is null)
                {
                    return errors.ToProblem();
                }
                return await Reaches(id, user, cluster) ? await Command(id, cluster, t => t.RecordSurvey(survey, CallerActor.Of(user))) : TicketResults.NotFound(id);
            })
            .RequireAuthorization(Policies.Intake)
            .WithSummary("Record the follow-up survey (CSAT 1-5, NPS 0-10); closes a resolved ticket");
    }

    private static async Task<IResult> Open(OpenTicketRequest body, HttpRequest request, ClaimsPrincipal user, IClusterClient cluster, KnownNames known,
        SkillCatalogueCache skillCatalogue, CustomerLinks.StatusLinks links)
    {
        var errors = new FieldErrors();
        var idempotencyKey = request.Headers[IdempotencyHeader].ToString();
        if (idempotencyKey.Length > 100)
        {
            errors.Add(IdempotencyHeader, "at most 100 characters");
        }
        var open = await TicketRequestValidation.Validate(body, await known.CurrentAsync(), errors, skillCatalogue);
        if (open is null || errors.Any)
        {
            // The ticket grain judges the customer too, but alone; here it is named with the other bad fields.
            if (FieldErrors.IsIdentifier(body.CustomerId) && await cluster.Grain<ICustomerGrain>(body.CustomerId!).GetProfile() is null)
            {
                errors.Add("customerId", $"unknown customer '{body.CustomerId}'");
            }
            return errors.ToProblem();
        }
        var caller = IntakeCaller.Of(user);
        var id = open.ExternalId is { } externalId ? TicketIds.ForExternalId(caller, open.Channel, externalId)
            : idempotencyKey.Length > 0 ? TicketIds.ForIdempotencyKey(caller, idempotencyKey)
            : TicketIds.New();
        return TicketResults.From(links.WithLink(await cluster.Grain<ITicketGrain>(id).Open(open with { OpenedBy = caller }, CallerActor.Of(user))));
    }

    private static async Task<IResult> Get(string id, ClaimsPrincipal user, IClusterClient cluster, CustomerLinks.StatusLinks links)
    {
        var view = FieldErrors.IsIdentifier(id) ? await cluster.Grain<ITicketGrain>(id).GetView() : null;
        // Another channel's ticket is answered as if it did not exist: its id tells a stranger nothing.
        return view is null || !IntakeCaller.MayRead(user, view) ? TicketResults.NotFound(id) : Results.Ok(links.WithLink(view));
    }

    private static async Task<IResult> Explain(string id, ClaimsPrincipal user, IClusterClient cluster)
    {
        var explanation = await Reaches(id, user, cluster) ? await cluster.Grain<ITicketGrain>(id).ExplainSla() : null;
        return explanation is null ? TicketResults.NotFound(id) : Results.Ok(explanation);
    }

    /// <summary>Whether the caller may see this ticket at all: a channel reaches only the tickets it opened.</summary>
    private static async Task<bool> Reaches(string id, ClaimsPrincipal user, IClusterClient cluster) =>
        FieldErrors.IsIdentifier(id)
        && (IntakeCaller.ReadsEveryTicket(user)
            || (await cluster.Grain<ITicketGrain>(id).GetView() is { } view && IntakeCaller.MayRead(user, view)));

    private static async Task<IResult> Command(string id, IClusterClient cluster, Func<ITicketGrain, Task<TicketReply>> command) =>
        FieldErrors.IsIdentifier(id) ? TicketResults.From(await command(cluster.Grain<ITicketGrain>(id))) : TicketResults.NotFound(id);

    /// <summary>Runs the command with the checked text (a reason, a note), or answers 400 naming the field.</summary>
    private static Task<IResult> WithText(string field, string? value, bool required, Func<string?, Task<IResult>> command)
    {
        var errors = new FieldErrors();
        var text = errors.Text(field, value, 2000, required);
        return errors.Any ? Task.FromResult(errors.ToProblem()) : command(text);
    }
}
