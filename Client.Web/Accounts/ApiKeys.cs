using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;
using Npgsql;

namespace Dispatch.Web.Accounts;

/// <summary>
/// Integrators' API keys (table dispatch_api_keys): "dk_ID.SECRET", shown once; only a SHA-256 of the secret is kept
/// (the secret is 32 random bytes, so a slow hash adds nothing). Read per request with a short cache; a revocation
/// on this node takes effect at once.
/// </summary>
public sealed class ApiKeys(NpgsqlDataSource dataSource, AccountSettings settings, TimeProvider clock)
{
    /// <summary>What a key may do: create tickets (as its channel, when it names one).</summary>
    public static readonly IReadOnlyList<string> Scopes = ["intake"];

    public sealed record Key(string Id, string Name, string Scope, string? Channel, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

    public sealed record CreatedKey(string Id, string Name, string Scope, string? Channel, string ApiKey);

    private sealed record Entry(Key? Key, byte[]? SecretHash, DateTimeOffset ReadAt);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public async Task<CreatedKey> CreateAsync(string name, string scope, string? channel, string createdBy)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var secret = RandomNumberGenerator.GetBytes(32);
        await using var command = dataSource.CreateCommand(
            "INSERT INTO dispatch_api_keys (id, name, secret_hash, scope, channel, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)");
        command.Parameters.Add(new() { Value = id });
        command.Parameters.Add(new() { Value = name });
        command.Parameters.Add(new() { Value = SHA256.HashData(secret) });
        command.Parameters.Add(new() { Value = scope });
        command.Parameters.Add(new() { Value = (object?)channel ?? DBNull.Value });
        command.Parameters.Add(new() { Value = createdBy });
        command.Parameters.Add(new() { Value = clock.GetUtcNow() });
        await command.ExecuteNonQueryAsync();
        return new CreatedKey(id, name, scope, channel, $"dk_{id}.{WebEncoders.Base64UrlEncode(secret)}");
    }

    public async Task<List<Key>> AllAsync()
    {
        await using var command = dataSource.CreateCommand(
            "SELECT id, name, scope, channel, created_by, created_at, revoked_at FROM dispatch_api_keys ORDER BY created_at, id");
        await using var reader = await command.ExecuteReaderAsync();
        var keys = new List<Key>();
        while (await reader.ReadAsync())
        {
            keys.Add(ReadKey(reader));
        }
        return keys;
    }

    public async Task<bool> RevokeAsync(string id)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE dispatch_api_keys SET revoked_at = coalesce(revoked_at, $2) WHERE id = $1");
        command.Parameters.Add(new() { Value = id });
        command.Parameters.Add(new() { Value = clock.GetUtcNow() });
        var found = await command.ExecuteNonQueryAsync() == 1;
        _entries.TryRemove(id, out _);
        return found;
    }

    /// <summary>The key presented, when it is well-formed, known, matches and is not revoked.</summary>
    public async Task<Key?> AuthenticateAsync(string presented, CancellationToken cancellationToken)
    {
        var dot = presented.IndexOf('.');
        if (presented.Length > 100 || !presented.StartsWith("dk_", StringComparison.Ordinal) || dot < 4)
        {
            return null;
        }
        var id = presented[3..dot];
        byte[] secret;
        try
        {
            secret = WebEncoders.Base64UrlDecode(presented[(dot + 1)..]);
        }
        catch (FormatException)
        {
            return null;
        }
        var entry = await EntryAsync(id, cancellationToken);
        if (entry.Key is not { RevokedAt: null } key || entry.SecretHash is null)
        {
            return null;
        }
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(secret), entry.SecretHash) ? key : null;
    }

    private async Task<Entry> EntryAsync(string id, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_entries.TryGetValue(id, out var entry) && now - entry.ReadAt < settings.StateCacheTime)
        {
            return entry;
        }
        await using var command = dataSource.CreateCommand(
            "SELECT id, name, scope, channel, created_by, created_at, revoked_at, secret_hash FROM dispatch_api_keys WHERE id = $1");
        command.Parameters.Add(new() { Value = id });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        entry = await reader.ReadAsync(cancellationToken)
            ? new Entry(ReadKey(reader), reader.GetFieldValue<byte[]>(7), now)
            : new Entry(null, null, now);
        // Unknown ids are not remembered: a stream of made-up keys must not fill this node's memory.
        if (entry.Key is not null)
        {
            _entries[id] = entry;
        }
        return entry;
    }

    private static Key ReadKey(NpgsqlDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
        reader.GetString(4), reader.GetFieldValue<DateTimeOffset>(5), reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6));
}
