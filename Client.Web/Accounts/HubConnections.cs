using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace Dispatch.Web.Accounts;

/// <summary>
/// The live hub connections of each account on this node (every hub, through a hub filter), so that disabling a
/// person closes what they have open instead of leaving it to run until their token expires.
/// </summary>
public sealed class HubConnections : IHubFilter
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, HubCallerContext>> _byUser = new(StringComparer.Ordinal);

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        // Only accounts' tokens: a development or identity-provider token has no account here to disable.
        if (context.Context.User?.FindFirst(AccountClaims.Version) is not null && context.Context.User.Identity?.Name is { } userName)
        {
            _byUser.GetOrAdd(userName, _ => new(StringComparer.Ordinal))[context.Context.ConnectionId] = context.Context;
        }
        await next(context);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        if (context.Context.User?.Identity?.Name is { } userName && _byUser.TryGetValue(userName, out var connections))
        {
            connections.TryRemove(context.Context.ConnectionId, out _);
        }
        await next(context, exception);
    }

    /// <summary>Closes every connection of the account on this node; returns how many.</summary>
    public int Close(string userName)
    {
        if (!_byUser.TryRemove(userName, out var connections))
        {
            return 0;
        }
        foreach (var connection in connections.Values)
        {
            connection.Abort();
        }
        return connections.Count;
    }

    /// <summary>Every tracked connection with its account and the account version its token carries.</summary>
    public IEnumerable<(string UserName, string Version, HubCallerContext Connection)> All() =>
        from user in _byUser
        from connection in user.Value.Values
        let version = connection.User?.FindFirst(AccountClaims.Version)?.Value
        where version is not null
        select (user.Key, version, connection);
}
