using Dispatch.Grains.Live;
using Dispatch.Web.Api;
using Dispatch.Web.Api.Regions;
using Dispatch.Web.Auth;
using Dispatch.Web.Live;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Dispatch.Web.Hubs;

/// <summary>
/// /hubs/dispatch: the live feed for the dispatch console. A connection gets every region until it asks to
/// Watch some; after connecting or reconnecting it reads Snapshot(), so a missed push is never lost.
/// </summary>
[Authorize(Policy = Policies.Operations)]
public sealed class DispatchHub(IClusterClient cluster, KnownNames known, TimeProvider clock) : Hub
{
    private const string WatchedKey = "watched";

    public override async Task OnConnectedAsync()
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, HubGroups.Summary);
        await Groups.AddToGroupAsync(Context.ConnectionId, HubGroups.AllRegions);
        await Groups.AddToGroupAsync(Context.ConnectionId, HubGroups.Person(Context.User!.Identity!.Name!));
        await base.OnConnectedAsync();
    }

    public Task<BoardSnapshot> Snapshot() =>
        cluster.Grain<IOperationsBoardGrain>(0).Snapshot(Context.Items.TryGetValue(WatchedKey, out var watched) ? (string[])watched! : []);

    /// <summary>
    /// The server's time, answered at once: the console asks every few seconds, and shows its data as stale when
    /// no answer (and no push) has arrived lately, long before the transport notices a dead connection.
    /// </summary>
    public DateTimeOffset Pulse() => clock.GetUtcNow();

    public async Task<AlertNote> Acknowledge(string? alertId)
    {
        if (!FieldErrors.IsAlertId(alertId))
        {
            throw new HubException("alertId: not an alert id");
        }
        var note = await cluster.Grain<IOperationsBoardGrain>(0).Acknowledge(alertId!, CallerActor.Of(Context.User!));
        return note ?? throw new HubException($"alertId: no alert '{alertId}'");
    }

    /// <summary>Limits this connection to some regions (none: all), so that its traffic stays bounded.</summary>
    public async Task Watch(string?[]? regions)
    {
        var errors = new FieldErrors();
        var watched = RegionIds.Check("regions", regions, await known.CurrentAsync(), errors);
        HubInput.ThrowIfAny(errors);
        await Watching(watched!);
    }

    private async Task Watching(string[] regions)
    {
        var previous = Context.Items.TryGetValue(WatchedKey, out var old) ? (string[])old! : [];
        foreach (var region in previous)
        {
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, HubGroups.Region(region));
        }
        if (regions.Length == 0)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, HubGroups.AllRegions);
        }
        else
        {
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, HubGroups.AllRegions);
            foreach (var region in regions)
            {
                await Groups.AddToGroupAsync(Context.ConnectionId, HubGroups.Region(region));
            }
        }
        Context.Items[WatchedKey] = regions;
    }
}
