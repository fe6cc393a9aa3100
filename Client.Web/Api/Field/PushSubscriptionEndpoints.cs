using System.Buffers.Text;
using System.Security.Claims;
using Dispatch.Web.Api.Search;
using Dispatch.Web.Auth;
using Npgsql;

namespace Dispatch.Web.Api.Field;

/// <summary>
/// Web Push for the field app: the server's VAPID public key, and each engineer's push subscriptions (a phone's push
/// service endpoint and keys), kept in PostgreSQL (engineer_push_subscriptions, migration 0011) for the silos to send to.
/// </summary>
public static class PushSubscriptionEndpoints
{
    private const string PublicKeySetting = "WebPush:PublicKey";

    // Push services are reached over HTTPS; plain HTTP only when configured (a test's local push service).
    private const string AllowHttpSetting = "WebPush:AllowHttpEndpoints";

    public static void MapPushSubscriptionEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/field/push", (IConfiguration configuration) =>
                Results.Ok(new { publicKey = string.IsNullOrWhiteSpace(configuration[PublicKeySetting]) ? null : configuration[PublicKeySetting] }))
            .RequireAuthorization()
            .WithTags("Field work")
            .WithSummary("The VAPID public key to subscribe with (null: no push service is configured)");

        api.MapPut("/engineers/{id}/push-subscription", async (string id, PushSubscriptionBody? body, ClaimsPrincipal user, IConfiguration configuration,
                IServiceProvider services, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                if (!EngineerAccess.IsSelf(user, id))
                {
                    return Results.Forbid();
                }
                if (ReadSide.DataSource(services) is not { } database)
                {
                    return NoStore();
                }
                var errors = new FieldErrors();
                var endpoint = Endpoint(body?.Endpoint, configuration.GetValue<bool>(AllowHttpSetting), errors);
                Key(body?.Keys?.P256dh, "keys.p256dh", 65, errors);
                Key(body?.Keys?.Auth, "keys.auth", 16, errors);
                if (errors.Any)
                {
                    return errors.ToProblem();
                }
                await using var command = database.CreateCommand("""
                    INSERT INTO engineer_push_subscriptions (endpoint, engineer_id, p256dh, auth, created_at) VALUES ($1, $2, $3, $4, $5)
                    ON CONFLICT (endpoint) DO UPDATE SET engineer_id = excluded.engineer_id, p256dh = excluded.p256dh, auth = excluded.auth
                    """);
                command.Parameters.Add(new NpgsqlParameter { Value = endpoint! });
                command.Parameters.Add(new NpgsqlParameter { Value = id });
                command.Parameters.Add(new NpgsqlParameter { Value = body!.Keys!.P256dh! });
                command.Parameters.Add(new NpgsqlParameter { Value = body.Keys.Auth! });
                command.Parameters.Add(new NpgsqlParameter { Value = clock.GetUtcNow() });
                await command.ExecuteNonQueryAsync(cancellationToken);
                return Results.NoContent();
            })
            .RequireAuthorization(Policies.FieldWork)
            .WithTags("Field work")
            .WithSummary("Keeps this phone's push subscription (PushSubscription.toJSON()): new offers are pushed to it");

        api.MapDelete("/engineers/{id}/push-subscription", async (string id, string? endpoint, ClaimsPrincipal user, IServiceProvider services,
                CancellationToken cancellationToken) =>
            {
                if (!EngineerAccess.IsSelf(user, id))
                {
                    return Results.Forbid();
                }
                if (ReadSide.DataSource(services) is not { } database)
                {
                    return NoStore();
                }
                await using var command = database.CreateCommand("DELETE FROM engineer_push_subscriptions WHERE engineer_id = $1 AND endpoint = $2");
                command.Parameters.Add(new NpgsqlParameter { Value = id });
                command.Parameters.Add(new NpgsqlParameter { Value = endpoint ?? "" });
                await command.ExecuteNonQueryAsync(cancellationToken);
                return Results.NoContent();
            })
            .RequireAuthorization(Policies.FieldWork)
            .WithTags("Field work")
            .WithSummary("Forgets a push subscription of this engineer (?endpoint=...)");
    }

    // Subscriptions are kept where the silos read them; in in-memory mode there is no such place.
    private static IResult NoStore() => Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable,
        title: "No push subscriptions", detail: "push subscriptions need PostgreSQL (Cluster:Storage=PostgreSql)");

    private static string? Endpoint(string? value, bool allowHttp, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 2000 || !Uri.TryCreate(value, UriKind.Absolute, out var uri))
        {
            errors.Add("endpoint", "the push service endpoint must be an absolute URL (at most 2000 characters)");
            return null;
        }
        if (uri.Scheme != Uri.UriSchemeHttps && !(allowHttp && uri.Scheme == Uri.UriSchemeHttp))
        {
            errors.Add("endpoint", "the push service endpoint must be an https URL");
            return null;
        }
        return value;
    }

    private static void Key(string? value, string field, int bytes, FieldErrors errors)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 200 || !Base64Url.IsValid(value, out var length) || length != bytes)
        {
            errors.Add(field, $"must be {bytes} bytes in URL-safe base64");
        }
    }

    /// <summary>As PushSubscription.toJSON() gives it; the expiry some push services set is not used.</summary>
    public sealed record PushSubscriptionBody(string? Endpoint, double? ExpirationTime, PushKeys? Keys);

    public sealed record PushKeys(string? P256dh, string? Auth);
}
