using System.Collections.Concurrent;
using Npgsql;

namespace Dispatch.Web.Accounts;

/// <summary>
/// Whether an account may still act, read per request with a short cache (<see cref="AccountSettings.StateCacheTime"/>).
/// A change made through this node forgets the entry at once, so it takes effect on the next request here.
/// </summary>
public sealed class AccountStates(NpgsqlDataSource dataSource, AccountSettings settings, TimeProvider clock)
{
    public sealed record State(bool Disabled, string SecurityStamp);

    private sealed record Entry(State? State, DateTimeOffset ReadAt);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>True when the account exists, is enabled, and still has the stamp the token carries.</summary>
    public async Task<bool> AcceptsAsync(string userName, string version, CancellationToken cancellationToken)
    {
        var state = await StateAsync(userName, cancellationToken);
        return state is { Disabled: false } && state.SecurityStamp == version;
    }

    private async Task<State?> StateAsync(string userName, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_entries.TryGetValue(userName, out var entry) && now - entry.ReadAt < settings.StateCacheTime)
        {
            return entry.State;
        }
        await using var command = dataSource.CreateCommand("SELECT disabled, security_stamp FROM dispatch_users WHERE user_name = $1");
        command.Parameters.Add(new() { Value = userName });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var state = await reader.ReadAsync(cancellationToken) ? new State(reader.GetBoolean(0), reader.GetString(1)) : null;
        _entries[userName] = new Entry(state, now);
        return state;
    }

    public void Forget(string userName) => _entries.TryRemove(userName, out _);
}
