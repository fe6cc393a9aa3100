using System.Globalization;
using System.Security.Claims;
using Dispatch.Grains.Engineers;
using Dispatch.Grains.Tickets;
using Dispatch.Web.Api.Tickets;
using Dispatch.Web.Auth;
using Npgsql;

namespace Dispatch.Web.Api.Field;

/// <summary>
/// POST /api/tickets/{id}/photos: a photo (or, with ?kind=signature, the customer's signature) for the service report
/// of a job the engineer holds; the raw image is the body. GET /api/tickets/{id}/photos/{photoId} reads one back.
/// </summary>
public static class PhotoEndpoints
{
    private static readonly HashSet<string> ImageTypes = ["image/jpeg", "image/png", "image/webp"];

    public static void MapPhotoEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapPost("/tickets/{id}/photos", Upload)
            .RequireAuthorization(Policies.FieldWork)
            .WithTags("Field work")
            .WithSummary("Store a photo or the customer's signature (image/jpeg, image/png or image/webp, at most ServiceReports:PhotoMaxBytes) for a job's service report");

        api.MapGet("/tickets/{id}/photos/{photoId:guid}", Download)
            .RequireAuthorization()
            .WithTags("Field work")
            .WithSummary("A stored photo or signature of the ticket's service report");
    }

    private static async Task<IResult> Upload(string id, string? kind, HttpContext http, ClaimsPrincipal user, IClusterClient cluster, CancellationToken cancellationToken)
    {
        if (!FieldErrors.IsIdentifier(id))
        {
            return TicketResults.NotFound(id);
        }
        kind ??= "photo";
        if (kind is not ("photo" or "signature"))
        {
            return Invalid("kind", "photo or signature");
        }
        var engineerId = DispatchClaims.EngineerIdOf(user)!;
        var engineer = await cluster.Grain<IEngineerGrain>(engineerId).GetView();
        if (engineer is null || !engineer.Jobs.Contains(id))
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not your job",
                detail: $"Ticket '{id}' is not one of your jobs: its report takes no photos from you.");
        }
        var contentType = http.Request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (contentType is null || !ImageTypes.Contains(contentType))
        {
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Not a photo",
                detail: "Send the image itself as the body, as image/jpeg, image/png or image/webp.");
        }
        var catalog = (await cluster.Grain<IServiceCatalogGrain>(0).Read()).Reports;
        var limit = catalog?.PhotoMaxBytes ?? 512 * 1024;
        if (http.Request.ContentLength > limit)
        {
            return TooLarge(http.Request.ContentLength.Value, limit);
        }
        var bytes = await ReadUpToAsync(http.Request.Body, limit + 1, cancellationToken);
        if (bytes.Length > limit)
        {
            return TooLarge(null, limit);
        }
        if (bytes.Length == 0)
        {
            return Invalid("body", "the image is empty");
        }
        if (PhotoStoreOf(http) is not { } store)
        {
            return Search.ReadSide.Unavailable();
        }
        if (kind == "photo" && await store.CountAsync(id, cancellationToken) >= (catalog?.PhotosPerTicket ?? 6))
        {
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Enough photos",
                detail: $"This job's report already has {catalog?.PhotosPerTicket ?? 6} photos, the most it may have.");
        }
        var photoId = await store.AddAsync(id, engineerId, kind, contentType, bytes, cancellationToken);
        return Results.Created($"/api/tickets/{id}/photos/{photoId}", new { id = photoId, kind, bytes = bytes.Length });
    }

    private static async Task<IResult> Download(string id, Guid photoId, HttpContext http, ClaimsPrincipal user, IClusterClient cluster, CancellationToken cancellationToken)
    {
        if (!FieldErrors.IsIdentifier(id))
        {
            return TicketResults.NotFound(id);
        }
        if (!await JobCustomerAccess.MayReadAsync(user, id, cluster))
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not your job", detail: $"Ticket '{id}' is not offered or assigned to you.");
        }
        if (PhotoStoreOf(http) is not { } store)
        {
            return Search.ReadSide.Unavailable();
        }
        return await store.ReadAsync(id, photoId, cancellationToken) is { } photo
            ? Results.File(photo.Bytes, photo.ContentType)
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such photo", detail: $"ticket '{id}' has no photo '{photoId}'");
    }

    private static IResult Invalid(string field, string message)
    {
        var errors = new FieldErrors();
        errors.Add(field, message);
        return errors.ToProblem();
    }

    internal static PhotoStore? PhotoStoreOf(HttpContext http) =>
        http.RequestServices.GetService<NpgsqlDataSource>() is { } database ? new PhotoStore(database, http.RequestServices.GetRequiredService<TimeProvider>()) : null;

    private static IResult TooLarge(long? size, int limit) => Results.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "The photo is too large",
        detail: string.Create(CultureInfo.InvariantCulture,
            $"{(size is { } s ? $"The photo is {s / 1024} KB; a" : "A")} photo may be at most {limit / 1024} KB. Take it at a lower resolution; nothing was stored."),
        extensions: new Dictionary<string, object?> { ["maxBytes"] = limit });

    private static async Task<byte[]> ReadUpToAsync(Stream body, int most, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while (buffer.Length < most && (read = await body.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, most - buffer.Length)), cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
