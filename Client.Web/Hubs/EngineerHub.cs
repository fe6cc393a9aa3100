using Dispatch.Web.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Dispatch.Web.Hubs;

/// <summary>/hubs/engineer: an engineer's own offers and jobs, and nothing else.</summary>
[Authorize(Policy = Policies.FieldWork)]
public sealed class EngineerHub : Hub
{
    /// <summary>The group holding one engineer's connections (phone, tablet) on this node.</summary>
    public static string GroupOf(string engineerId) => $"engineer:{engineerId}";

    public override async Task OnConnectedAsync()
    {
        // The FieldWork policy guarantees the claim; a connection only ever joins its own engineer's group.
        var engineerId = DispatchClaims.EngineerIdOf(Context.User!)!;
        await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(engineerId));
        await base.OnConnectedAsync();
    }
}
