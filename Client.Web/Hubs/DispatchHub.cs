using Dispatch.Web.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Dispatch.Web.Hubs;

/// <summary>/hubs/dispatch: the operations feed for the dispatch console.</summary>
[Authorize(Policy = Policies.Operations)]
public sealed class DispatchHub : Hub
{
    /// <summary>Every dispatch-center connection on this node; the live feed is sent to this group.</summary>
    public const string OperationsGroup = "operations";

    public override async Task OnConnectedAsync()
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, OperationsGroup);
        await base.OnConnectedAsync();
    }
}
