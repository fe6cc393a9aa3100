using Dispatch.Grains.Engineers;
using Dispatch.Web.Api;
using Dispatch.Web.Auth;
using Dispatch.Web.Live;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Dispatch.Web.Hubs;

/// <summary>
/// /hubs/engineer: an engineer's own offers and work changes, and nothing else; the engineer reports
/// positions over it. After (re)connecting the app reads its state from /api/engineers/{id}/work.
/// </summary>
[Authorize(Policy = Policies.FieldWork)]
public sealed class EngineerHub(IClusterClient cluster, TimeProvider clock) : Hub
{
    public override async Task OnConnectedAsync()
    {
        // The FieldWork policy guarantees the claim; a connection only ever joins its own engineer's group.
        await Groups.AddToGroupAsync(Context.ConnectionId, HubGroups.Engineer(EngineerId));
        await base.OnConnectedAsync();
    }

    public async Task<string> ReportPosition(double lat, double lon, DateTimeOffset at, double? accuracy)
    {
        var errors = new FieldErrors();
        errors.Coordinate("lat", lat, 90);
        errors.Coordinate("lon", lon, 180);
        errors.DeviceTime("at", at, clock.GetUtcNow(), required: true);
        if (accuracy is { } meters && (!double.IsFinite(meters) || meters is < 0 or > 100_000))
        {
            errors.Add("accuracy", "meters, 0-100000");
        }
        if (!FieldErrors.IsIdentifier(EngineerId))
        {
            errors.Add("engineerId", $"the token's engineer id must be {FieldErrors.IdentifierRule}");
        }
        HubInput.ThrowIfAny(errors);
        var reply = await cluster.Grain<IEngineerGrain>(EngineerId).ReportPosition(new PositionReport(lat, lon, at, accuracy));
        return reply.Outcome.ToString();
    }

    private string EngineerId => DispatchClaims.EngineerIdOf(Context.User!)!;
}
