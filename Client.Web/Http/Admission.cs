using System.Security.Claims;
using Microsoft.Extensions.Options;

namespace Dispatch.Web.Http;

/// <summary>The lanes of this web node, one shared set for HTTP and the hubs (positions count together).</summary>
public sealed class Admission : IDisposable
{
    public const string Intake = "intake";
    public const string FieldActions = "field actions";
    public const string Positions = "positions";
    public const string Api = "api";
    public const string HubMessages = "hub messages";

    public Admission(IOptions<AdmissionOptions> options, TimeProvider clock)
    {
        var o = options.Value;
        Lanes = new Dictionary<string, AdmissionLane>
        {
            [Intake] = new(Intake, nameof(o.Intake), o.Intake, o, clock),
            [FieldActions] = new(FieldActions, nameof(o.FieldActions), o.FieldActions, o, clock),
            [Positions] = new(Positions, nameof(o.Positions), o.Positions, o, clock),
            [Api] = new(Api, nameof(o.Api), o.Api, o, clock),
            [HubMessages] = new(HubMessages, nameof(o.HubMessages), o.HubMessages, o, clock),
        };
    }

    public IReadOnlyDictionary<string, AdmissionLane> Lanes { get; }

    /// <summary>
    /// Who a request counts against: the token's subject (a channel, an integrator, a person), or the remote
    /// address when there is no token, so that one caller's flood is refused while the others are served.
    /// </summary>
    public static string CallerOf(HttpContext context) =>
        context.User.Identity is { IsAuthenticated: true, Name: { } subject }
            ? "sub:" + subject
            : "addr:" + context.Connection.RemoteIpAddress;

    public static string CallerOf(ClaimsPrincipal? user, string connectionId) =>
        user?.Identity is { IsAuthenticated: true, Name: { } subject } ? "sub:" + subject : "connection:" + connectionId;

    public void Dispose()
    {
        foreach (var lane in Lanes.Values)
        {
            lane.Dispose();
        }
    }
}
