using Dispatch.Grains.Engineers;
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
public sealed class EngineerHub(IClusterClient cluster) : Hub
{
    public override async Task OnConnectedAsync()
    {
        // The FieldWork policy guarantees the claim; a connection only ever joins its own engineer's group.
        await Groups.AddToGroupAsync(Context.ConnectionId, HubGroups.Engineer(EngineerId));
        await base.OnConnectedAsync();
    }

    public async Task<string> ReportPosition(double lat, double lon, DateTimeOffset at, double? accuracy)
    {
        if (!double.IsFinite(lat) || lat is < -90 or > 90 || !double.IsFinite(lon) || lon is < -180 or > 180)
        {
            throw new HubException("lat must be within [-90, 90] and lon within [-180, 180]");
        }
        if (accuracy is { } meters && (!double.IsFinite(meters) || meters is < 0 or > 100_000))
        {
            throw new HubException("accuracy: meters, 0-100000");
        }
        var reply = await cluster.GetGrain<IEngineerGrain>(EngineerId).ReportPosition(new PositionReport(lat, lon, at, accuracy));
        return reply.Outcome.ToString();
    }

    private string EngineerId => DispatchClaims.EngineerIdOf(Context.User!)!;
}
