using System.Security.Claims;
using Dispatch.Grains.Notifications;
using Dispatch.Web.Auth;

namespace Dispatch.Web.Api;

/// <summary>
/// A person's inbox of alerts (their own: the caller's user name, the token's subject), and the duty rotas that
/// say who is told, which admins manage.
/// </summary>
public static class NotificationEndpoints
{
    public static void MapNotificationEndpoints(this IEndpointRouteBuilder api)
    {
        var inbox = api.MapGroup("/inbox").WithTags("Notifications").RequireAuthorization(Policies.Operations);

        inbox.MapGet("", async (ClaimsPrincipal user, IClusterClient cluster) =>
                Results.Ok(await cluster.Grain<IInboxGrain>(UserName(user)).Notifications()))
            .WithSummary("The caller's notifications, newest first");

        inbox.MapPost("/{id}/acknowledge", async (string id, ClaimsPrincipal user, IClusterClient cluster) =>
            {
                var acknowledged = FieldErrors.IsAlertId(id) && await cluster.Grain<IInboxGrain>(UserName(user)).Acknowledge(id, CallerActor.Of(user));
                return acknowledged
                    ? Results.NoContent()
                    : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such notification", detail: $"no notification '{id}' in your inbox");
            })
            .WithSummary("Acknowledge the alert of one of the caller's notifications: its chain stops, its ticket records it");

        var rotas = api.MapGroup("/admin/rotas").WithTags("Notifications").RequireAuthorization(Policies.Administration);

        rotas.MapGet("/{region}/{role}", async (string region, string role, IClusterClient cluster) =>
            {
                if (Check(region, role) is { } problem)
                {
                    return problem;
                }
                var rota = await cluster.Grain<IDutyRotaGrain>(DutyRotas.KeyOf(role, region)).Get();
                return rota is null
                    ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No rota", detail: $"no rota for {role} in {region}")
                    : Results.Ok(rota);
            })
            .WithSummary("The duty rota of a role in a region");

        rotas.MapPut("/{region}/{role}", async (string region, string role, DutyRotaDocument? rota, IClusterClient cluster) =>
            {
                if (Check(region, role) is { } problem)
                {
                    return problem;
                }
                var (_, problems) = DutyRotaMapper.Read(role, region, rota);
                if (problems.Count > 0)
                {
                    var errors = new FieldErrors();
                    foreach (var p in problems)
                    {
                        errors.Add(p.Field.Length == 0 ? "body" : p.Field, p.Message);
                    }
                    return errors.ToProblem();
                }
                await cluster.Grain<IDutyRotaGrain>(DutyRotas.KeyOf(role, region)).Put(rota!);
                return Results.Ok(rota);
            })
            .WithSummary("Set who holds a role in a region, and when (local times in the rota's time zone; region \"any\" stands in for every region)");

        rotas.MapDelete("/{region}/{role}", async (string region, string role, IClusterClient cluster) =>
            {
                if (Check(region, role) is { } problem)
                {
                    return problem;
                }
                await cluster.Grain<IDutyRotaGrain>(DutyRotas.KeyOf(role, region)).Remove();
                return Results.NoContent();
            })
            .WithSummary("Remove a rota: nobody holds that role there");
    }

    private static string UserName(ClaimsPrincipal user) => user.Identity?.Name ?? "unknown";

    private static IResult? Check(string region, string role)
    {
        var errors = new FieldErrors();
        errors.Identifier("region", region);
        errors.Identifier("role", role);
        return errors.Any ? errors.ToProblem() : null;
    }
}
