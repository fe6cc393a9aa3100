using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;
using Npgsql;

namespace Dispatch.Web.Accounts;

/// <summary>
/// Rotating refresh tokens (table dispatch_refresh_tokens, hashed): each works once and is replaced by a new one of the
/// same family. One presented again was stolen or replayed: the whole family is revoked, so neither copy works on.
/// </summary>
public sealed class RefreshTokens(NpgsqlDataSource dataSource, AccountSettings settings, TimeProvider clock)
{
    public sealed record Issued(string Token, DateTimeOffset ExpiresAt);

    /// <summary>A new session's first token; a shorter <paramref name="lifetime"/> for one that is only handed over.</summary>
    public Task<Issued> StartAsync(string userName, CancellationToken cancellationToken, TimeSpan? lifetime = null) =>
        IssueAsync(userName, Guid.NewGuid(), lifetime ?? settings.RefreshTokenLifetime, cancellationToken);

    private Task<Issued> IssueAsync(string userName, Guid family, CancellationToken cancellationToken) =>
        IssueAsync(userName, family, settings.RefreshTokenLifetime, cancellationToken);

    private async Task<Issued> IssueAsync(string userName, Guid family, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var secret = RandomNumberGenerator.GetBytes(32);
        var now = clock.GetUtcNow();
        var expires = now + lifetime;
        await using var command = dataSource.CreateCommand(
            "INSERT INTO dispatch_refresh_tokens (token_hash, user_name, family, issued_at, expires_at) VALUES ($1, $2, $3, $4, $5)");
        command.Parameters.Add(new() { Value = SHA256.HashData(secret) });
        command.Parameters.Add(new() { Value = userName });
        command.Parameters.Add(new() { Value = family });
        command.Parameters.Add(new() { Value = now });
        command.Parameters.Add(new() { Value = expires });
        await command.ExecuteNonQueryAsync(cancellationToken);
        return new Issued(WebEncoders.Base64UrlEncode(secret), expires);
    }

    /// <summary>
    /// Uses a refresh token once: the user it belongs to and its successor, or null when it is unknown, expired,
    /// revoked or used before (then its family is revoked).
    /// </summary>
    public async Task<(string UserName, Issued Next)?> RotateAsync(string token, CancellationToken cancellationToken)
    {
        if (Hash(token) is not { } hash)
        {
            return null;
        }
        var now = clock.GetUtcNow();
        // One statement marks it used, so two concurrent refreshes with the same token cannot both succeed.
        await using (var use = dataSource.CreateCommand(
            "UPDATE dispatch_refresh_tokens SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND revoked_at IS NULL " +
            "AND expires_at > $2 RETURNING user_name, family"))
        {
            use.Parameters.Add(new() { Value = hash });
            use.Parameters.Add(new() { Value = now });
            await using var reader = await use.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                var userName = reader.GetString(0);
                var family = reader.GetGuid(1);
                await reader.DisposeAsync();
                return (userName, await IssueAsync(userName, family, cancellationToken));
            }
        }
        await using var revoke = dataSource.CreateCommand(
            "UPDATE dispatch_refresh_tokens SET revoked_at = $2 WHERE revoked_at IS NULL AND family = " +
            "(SELECT family FROM dispatch_refresh_tokens WHERE token_hash = $1 AND used_at IS NOT NULL)");
        revoke.Parameters.Add(new() { Value = hash });
        revoke.Parameters.Add(new() { Value = now });
        await revoke.ExecuteNonQueryAsync(cancellationToken);
        return null;
    }

    /// <summary>Sign-out: the token's family stops working.</summary>
    public async Task RevokeFamilyAsync(string token, CancellationToken cancellationToken)
    {
        if (Hash(token) is not { } hash)
        {
            return;
        }
        await using var command = dataSource.CreateCommand(
            "UPDATE dispatch_refresh_tokens SET revoked_at = $2 WHERE revoked_at IS NULL AND family = " +
            "(SELECT family FROM dispatch_refresh_tokens WHERE token_hash = $1)");
        command.Parameters.Add(new() { Value = hash });
        command.Parameters.Add(new() { Value = clock.GetUtcNow() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A disabled account or a new password: every session of the user ends.</summary>
    public async Task RevokeAllAsync(string userName, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE dispatch_refresh_tokens SET revoked_at = $2 WHERE revoked_at IS NULL AND user_name = $1");
        command.Parameters.Add(new() { Value = userName });
        command.Parameters.Add(new() { Value = clock.GetUtcNow() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static byte[]? Hash(string token)
    {
        if (token.Length is 0 or > 100)
        {
            return null;
        }
        try
        {
            return SHA256.HashData(WebEncoders.Base64UrlDecode(token));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
