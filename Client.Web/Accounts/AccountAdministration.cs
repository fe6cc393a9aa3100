using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace Dispatch.Web.Accounts;

/// <summary>What an admin does to accounts; every change that ends a person's access ends it everywhere it can reach.</summary>
public sealed class AccountAdministration(
    UserManager<DispatchUser> users, NpgsqlDataSource dataSource, RefreshTokens refreshTokens, AccountStates states, HubConnections connections)
{
    public sealed record Created(string UserName, string OneTimePassword);

    /// <summary>Creates an account with a one-time password (to be changed at first sign-in); null when the name is taken.</summary>
    public async Task<Created?> CreateAsync(DispatchUser user, string? password = null)
    {
        var oneTime = password ?? OneTimePassword.New();
        user.MustChangePassword = true;
        var result = await users.CreateAsync(user, oneTime);
        if (result.Succeeded)
        {
            return new Created(user.UserName, oneTime);
        }
        if (result.Errors.Any(e => e.Code == "DuplicateUserName"))
        {
            return null;
        }
        throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
    }

    /// <summary>The names among these that exist already (compared as Identity normalizes them).</summary>
    public async Task<HashSet<string>> ExistingAsync(IEnumerable<string> userNames)
    {
        var normalized = userNames.Select(n => users.NormalizeName(n)).ToArray();
        await using var command = dataSource.CreateCommand("SELECT normalized_user_name FROM dispatch_users WHERE normalized_user_name = ANY($1)");
        command.Parameters.Add(new() { Value = normalized });
        await using var reader = await command.ExecuteReaderAsync();
        var found = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            found.Add(reader.GetString(0));
        }
        return found;
    }

    public string Normalize(string userName) => users.NormalizeName(userName);

    /// <summary>
    /// Creates every account or none, in one transaction: the name of one that was taken meanwhile, or the passwords.
    /// </summary>
    public async Task<(IReadOnlyList<Created>? Created, string? Taken)> CreateAllAsync(IReadOnlyList<DispatchUser> accounts)
    {
        var created = new List<Created>();
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        foreach (var user in accounts)
        {
            var oneTime = OneTimePassword.New();
            user.NormalizedUserName = users.NormalizeName(user.UserName);
            user.PasswordHash = users.PasswordHasher.HashPassword(user, oneTime);
            user.SecurityStamp = Guid.NewGuid().ToString("N");
            user.MustChangePassword = true;
            if (!await UserStore.InsertAsync(connection, transaction, user, CancellationToken.None))
            {
                await transaction.RollbackAsync();
                return (null, user.UserName);
            }
            created.Add(new Created(user.UserName, oneTime));
        }
        await transaction.CommitAsync();
        return (created, null);
    }

    /// <summary>Disables an account: its refresh tokens are revoked, its access tokens refused, its hub connections closed.</summary>
    public async Task<bool> DisableAsync(string userName)
    {
        if (await users.FindByIdAsync(userName) is not { } user)
        {
            return false;
        }
        user.Disabled = true;
        // A new stamp: an access token issued before is refused by every node once it reads the account again.
        await users.UpdateSecurityStampAsync(user);
        await EndSessionsAsync(userName);
        return true;
    }

    public async Task<bool> EnableAsync(string userName)
    {
        if (await users.FindByIdAsync(userName) is not { } user)
        {
            return false;
        }
        user.Disabled = false;
        user.AccessFailedCount = 0;
        user.LockoutEnd = null;
        await users.UpdateAsync(user);
        states.Forget(userName);
        return true;
    }

    /// <summary>A new one-time password; the old one and every session stop working. Null for an unknown user.</summary>
    public async Task<string?> ResetPasswordAsync(string userName)
    {
        if (await users.FindByIdAsync(userName) is not { } user)
        {
            return null;
        }
        var oneTime = OneTimePassword.New();
        user.MustChangePassword = true;
        user.AccessFailedCount = 0;
        user.LockoutEnd = null;
        // Dispatch chose this password (long and random): it is hashed as it is, and the new stamp is written with it.
        user.PasswordHash = users.PasswordHasher.HashPassword(user, oneTime);
        await users.UpdateSecurityStampAsync(user);
        await EndSessionsAsync(userName);
        return oneTime;
    }

    private async Task EndSessionsAsync(string userName)
    {
        await refreshTokens.RevokeAllAsync(userName, CancellationToken.None);
        states.Forget(userName);
        connections.Close(userName);
    }
}
