using System.Globalization;
using Dispatch.Grains.Webhooks;
using Dispatch.Web.Api.Search;
using Dispatch.Web.Auth;
using Npgsql;

namespace Dispatch.Web.Api.Webhooks;

/// <summary>
/// Webhook subscriptions for admins: create, list, pause, resume, delete, rotate the secret; the delivery log and the
/// dead-letter list with replay. The silo's router and deliverers do the sending (Silo/Webhooks).
/// </summary>
public static class WebhookEndpoints
{
    private const int MaxEventTypes = 32;

    public static void MapWebhookEndpoints(this IEndpointRouteBuilder api)
    {
        var webhooks = api.MapGroup("/webhooks").WithTags("Webhooks").RequireAuthorization(Policies.Administration);

        webhooks.MapGet("/event-types", () => Results.Ok(WebhookEventTypes.All))
            .WithSummary("The event types a subscription can ask for");
        webhooks.MapPost("/subscriptions", Create).WithSummary("Subscribe a URL to event types; the answer carries the signing secret");
        webhooks.MapGet("/subscriptions", List).WithSummary("Every subscription with its pending, delivered and dead message counts");
        webhooks.MapGet("/subscriptions/{id}", Get);
        webhooks.MapPost("/subscriptions/{id}/pause", (string id, IServiceProvider services, CancellationToken ct) => SetPaused(id, true, services, ct))
            .WithSummary("Stop sending; messages keep being queued and are sent, in order, on resume");
        webhooks.MapPost("/subscriptions/{id}/resume", (string id, IServiceProvider services, CancellationToken ct) => SetPaused(id, false, services, ct));
        webhooks.MapDelete("/subscriptions/{id}", Delete).WithSummary("Delete the subscription with its queued messages and delivery log");
        webhooks.MapPost("/subscriptions/{id}/rotate-secret", Rotate)
            .WithSummary("A new secret; the old one keeps signing beside it for overlapHours (24)");
        webhooks.MapGet("/subscriptions/{id}/deliveries", Deliveries).WithSummary("The delivery log: every attempt, newest first");
        webhooks.MapGet("/subscriptions/{id}/dead-letters", DeadLetters).WithSummary("Messages given up on after 24 h of retries");
        webhooks.MapPost("/subscriptions/{id}/dead-letters/replay", Replay).WithSummary("Queue dead messages again, with a fresh 24 h of retries");
    }

    private static async Task<IResult> Create(SubscriptionRequest body, IServiceProvider services, TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var url = Url(errors, body.Url);
        var types = EventTypes(errors, body.EventTypes);
        var region = errors.Identifier("region", body.Region, required: false);
        var customerId = errors.Identifier("customerId", body.CustomerId, required: false);
        var description = errors.Line("description", body.Description, 200, required: false);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        if (ReadSide.DataSource(services) is not { } dataSource)
        {
            return Unavailable();
        }
        var id = "sub_" + Guid.NewGuid().ToString("N");
        var secret = WebhookSignature.NewSecret();
        await using var command = dataSource.CreateCommand("""
            INSERT INTO webhook_subscriptions (id, url, event_types, region, customer_id, description, secret, created_at)
            VALUES (@id, @url, @types, @region, @customer, @description, @secret, @at)
            """);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("url", url!);
        command.Parameters.AddWithValue("types", types!);
        command.Parameters.AddWithValue("region", (object?)region ?? DBNull.Value);
        command.Parameters.AddWithValue("customer", (object?)customerId ?? DBNull.Value);
        command.Parameters.AddWithValue("description", (object?)description ?? DBNull.Value);
        command.Parameters.AddWithValue("secret", secret);
        command.Parameters.AddWithValue("at", clock.GetUtcNow());
        await command.ExecuteNonQueryAsync(ct);
        var created = await OneAsync(dataSource, id, ct);
        created!["secret"] = secret;
        return Results.Created($"/api/webhooks/subscriptions/{id}", created);
    }

    private static string? Url(FieldErrors errors, string? value)
    {
        if (errors.Line("url", value, 2000) is not { } text)
        {
            return null;
        }
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.UserInfo.Length > 0
            || uri.Fragment.Length > 0)
        {
            errors.Add("url", "an absolute http or https URL, without user info or fragment");
            return null;
        }
        return uri.AbsoluteUri;
    }

    private static string[]? EventTypes(FieldErrors errors, string[]? values)
    {
        if (values is null || values.Length == 0)
        {
            errors.Add("eventTypes", $"at least one of {string.Join(", ", WebhookEventTypes.All)}");
            return null;
        }
        if (values.Length > MaxEventTypes)
        {
            errors.Add("eventTypes", $"at most {MaxEventTypes}");
            return null;
        }
        var unknown = values.Where(v => v is null || !WebhookEventTypes.FromLog.ContainsKey(v)).ToList();
        if (unknown.Count > 0)
        {
            errors.Add("eventTypes", $"each one of {string.Join(", ", WebhookEventTypes.All)}");
            return null;
        }
        return [.. values.Distinct(StringComparer.Ordinal)];
    }

    private const string SubscriptionColumns = """
        s.id, s.url, s.event_types AS "eventTypes", s.region, s.customer_id AS "customerId", s.description, s.paused,
        s.created_at AS "createdAt", s.previous_secret_expires_at AS "previousSecretExpiresAt",
        (SELECT count(*) FROM webhook_messages m WHERE m.subscription = s.number AND m.state = 'pending') AS pending,
        (SELECT count(*) FROM webhook_messages m WHERE m.subscription = s.number AND m.state = 'delivered') AS delivered,
        (SELECT count(*) FROM webhook_messages m WHERE m.subscription = s.number AND m.state = 'dead') AS dead
        """;

    private static async Task<IResult> List(IServiceProvider services, CancellationToken ct)
    {
        if (ReadSide.DataSource(services) is not { } dataSource)
        {
            return Unavailable();
        }
        await using var command = dataSource.CreateCommand($"SELECT {SubscriptionColumns} FROM webhook_subscriptions s ORDER BY s.number");
        return Results.Ok(new { items = await ReadSide.RowsAsync(command, ct) });
    }

    private static async Task<IResult> Get(string id, IServiceProvider services, CancellationToken ct)
    {
        if (ReadSide.DataSource(services) is not { } dataSource)
        {
            return Unavailable();
        }
        return await OneAsync(dataSource, id, ct) is { } subscription ? Results.Ok(subscription) : NotFound(id);
    }

    private static async Task<Dictionary<string, object?>?> OneAsync(NpgsqlDataSource dataSource, string id, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"SELECT {SubscriptionColumns} FROM webhook_subscriptions s WHERE s.id = @id");
        command.Parameters.AddWithValue("id", id);
        return (await ReadSide.RowsAsync(command, ct)).SingleOrDefault();
    }

    private static async Task<IResult> SetPaused(string id, bool paused, IServiceProvider services, CancellationToken ct)
    {
        if (ReadSide.DataSource(services) is not { } dataSource)
        {
            return Unavailable();
        }
        await using var command = dataSource.CreateCommand("UPDATE webhook_subscriptions SET paused = @paused WHERE id = @id");
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("paused", paused);
        return await command.ExecuteNonQueryAsync(ct) == 0 ? NotFound(id) : Results.Ok(await OneAsync(dataSource, id, ct));
    }

    private static async Task<IResult> Delete(string id, IServiceProvider services, CancellationToken ct)
    {
        if (ReadSide.DataSource(services) is not { } dataSource)
        {
            return Unavailable();
        }
        await using var command = dataSource.CreateCommand("DELETE FROM webhook_subscriptions WHERE id = @id");
        command.Parameters.AddWithValue("id", id);
        return await command.ExecuteNonQueryAsync(ct) == 0 ? NotFound(id) : Results.NoContent();
    }

    private static async Task<IResult> Rotate(string id, RotateRequest? body, IServiceProvider services, TimeProvider clock, CancellationToken ct)
    {
        var overlap = body?.OverlapHours ?? 24;
        if (!double.IsFinite(overlap) || overlap is < 0 or > 168)
        {
            var errors = new FieldErrors();
            errors.Add("overlapHours", "a number of hours from 0 to 168");
            return errors.ToProblem();
        }
        if (ReadSide.DataSource(services) is not { } dataSource)
        {
            return Unavailable();
        }
        var secret = WebhookSignature.NewSecret();
        var expires = clock.GetUtcNow() + TimeSpan.FromHours(overlap);
        await using var command = dataSource.CreateCommand("""
            UPDATE webhook_subscriptions
               SET previous_secret = secret, previous_secret_expires_at = @expires, secret = @secret
             WHERE id = @id
            """);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("secret", secret);
        command.Parameters.AddWithValue("expires", expires);
        if (await command.ExecuteNonQueryAsync(ct) == 0)
        {
            return NotFound(id);
        }
        return Results.Ok(new { secret, previousSecretExpiresAt = expires });
    }

    private static async Task<IResult> Deliveries(string id, int? limit, IServiceProvider services, CancellationToken ct)
    {
        if (limit is < 1 or > 1000)
        {
            var errors = new FieldErrors();
            errors.Add("limit", "from 1 to 1000");
            return errors.ToProblem();
        }
        if (ReadSide.DataSource(services) is not { } dataSource)
        {
            return Unavailable();
        }
        await using var command = dataSource.CreateCommand("""
            SELECT 'msg_' || m.id AS "messageId", m.event_type AS "eventType", m.ordering_key AS stream, a.attempt, a.at,
                   a.status_code AS "statusCode", a.latency_ms AS "latencyMs", a.error
              FROM webhook_subscriptions s
              JOIN webhook_messages m ON m.subscription = s.number
              JOIN webhook_attempts a ON a.message = m.id
             WHERE s.id = @id
             ORDER BY a.at DESC, m.id DESC, a.attempt DESC
             LIMIT @limit
            """);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("limit", limit ?? 100);
        return await Exists(dataSource, id, ct) ? Results.Ok(new { items = await ReadSide.RowsAsync(command, ct) }) : NotFound(id);
    }

    private static async Task<IResult> DeadLetters(string id, IServiceProvider services, CancellationToken ct)
    {
        if (ReadSide.DataSource(services) is not { } dataSource)
        {
            return Unavailable();
        }
        await using var command = dataSource.CreateCommand("""
            SELECT 'msg_' || m.id AS "messageId", m.event_type AS "eventType", m.ordering_key AS stream, m.attempts,
                   m.first_attempt_at AS "firstAttemptAt", m.finished_at AS "deadAt", m.last_status AS "lastStatus", m.last_error AS "lastError"
              FROM webhook_subscriptions s JOIN webhook_messages m ON m.subscription = s.number
             WHERE s.id = @id AND m.state = 'dead'
             ORDER BY m.id
             LIMIT 1000
            """);
        command.Parameters.AddWithValue("id", id);
        return await Exists(dataSource, id, ct) ? Results.Ok(new { items = await ReadSide.RowsAsync(command, ct) }) : NotFound(id);
    }

    private static async Task<IResult> Replay(string id, ReplayRequest? body, IServiceProvider services, CancellationToken ct)
    {
        long[]? numbers = null;
        if (body?.MessageIds is { } ids)
        {
            numbers = new long[ids.Length];
            for (var i = 0; i < ids.Length; i++)
            {
                if (ids[i] is not { } text || !text.StartsWith("msg_", StringComparison.Ordinal)
                    || !long.TryParse(text.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i]))
                {
                    var errors = new FieldErrors();
                    errors.Add($"messageIds[{i}]", "a message id: msg_ and a number");
                    return errors.ToProblem();
                }
            }
        }
        if (ReadSide.DataSource(services) is not { } dataSource)
        {
            return Unavailable();
        }
        // Due at once whatever the silo's clock says; a fresh 24 h of retries from the next attempt.
        await using var command = dataSource.CreateCommand("""
            UPDATE webhook_messages m
               SET state = 'pending', next_attempt_at = '-infinity', first_attempt_at = NULL, finished_at = NULL
              FROM webhook_subscriptions s
             WHERE s.id = @id AND m.subscription = s.number AND m.state = 'dead' AND (@ids::bigint[] IS NULL OR m.id = ANY(@ids))
            """);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.Add(new NpgsqlParameter("ids", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Bigint)
        {
            Value = (object?)numbers ?? DBNull.Value,
        });
        if (!await Exists(dataSource, id, ct))
        {
            return NotFound(id);
        }
        return Results.Ok(new { replayed = await command.ExecuteNonQueryAsync(ct) });
    }

    private static async Task<bool> Exists(NpgsqlDataSource dataSource, string id, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM webhook_subscriptions WHERE id = @id)");
        command.Parameters.AddWithValue("id", id);
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    private static IResult NotFound(string id) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such subscription", detail: id);

    private static IResult Unavailable() => Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable,
        title: "No webhooks", detail: "webhooks need PostgreSQL (Cluster:Storage=PostgreSql)");
}
