using System.Diagnostics.Metrics;

namespace Dispatch.Web.Telemetry;

/// <summary>The web node's own instruments, in one place (exported at /metrics with ASP.NET Core's and Orleans' meters).</summary>
public static class WebMeters
{
    public const string Name = "Dispatch.Web";

    private static readonly Meter Meter = new(Name);

    private static readonly Counter<long> Intakes = Meter.CreateCounter<long>(
        "dispatch.intakes", unit: "{request}", description: "Intake requests (POST /api/tickets) by outcome");

    private static readonly Counter<long> Pushes = Meter.CreateCounter<long>(
        "dispatch.pushes", unit: "{message}", description: "Messages pushed to SignalR groups (dispatch center and engineers) by kind");

    /// <summary>
    /// created (201), duplicate (200: an idempotent retry), refused (4xx: bad input, unknown names),
    /// unauthorized (401/403), shed (429: beyond admission limits), unavailable (503), failed (anything else).
    /// </summary>
    public static void IntakeAnswered(int status) => Intakes.Add(1, new KeyValuePair<string, object?>("outcome", status switch
    {
        StatusCodes.Status201Created => "created",
        StatusCodes.Status200OK => "duplicate",
        StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden => "unauthorized",
        StatusCodes.Status429TooManyRequests => "shed",
        StatusCodes.Status503ServiceUnavailable => "unavailable",
        >= 400 and < 500 => "refused",
        _ => "failed",
    }));

    public static void Pushed(string kind) => Pushes.Add(1, new KeyValuePair<string, object?>("kind", kind));
}
