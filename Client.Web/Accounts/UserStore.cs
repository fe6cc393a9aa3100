using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace Dispatch.Web.Accounts;

/// <summary>
/// ASP.NET Core Identity's store for <see cref="DispatchUser"/> on table dispatch_users (migration 0008), over the
/// node's NpgsqlDataSource. Identity decides (hashing, lockout, stamps); this only reads and writes rows.
/// </summary>
public sealed class UserStore(NpgsqlDataSource dataSource) :
    IUserPasswordStore<DispatchUser>, IUserLockoutStore<DispatchUser>, IUserSecurityStampStore<DispatchUser>
{
    private const string Columns = "user_name, normalized_user_name, display_name, role, engineer_id, regions, password_hash, " +
        "security_stamp, must_change_password, disabled, access_failed_count, lockout_end";

    public async Task<IdentityResult> CreateAsync(DispatchUser user, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await InsertAsync(connection, null, user, cancellationToken)
            ? IdentityResult.Success
            : IdentityResult.Failed(new IdentityError { Code = "DuplicateUserName", Description = $"user name '{user.UserName}' is taken" });
    }

    /// <summary>Inserts one user; false when the name is taken (nothing written).</summary>
    public static async Task<bool> InsertAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, DispatchUser user, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"INSERT INTO dispatch_users ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT DO NOTHING",
            connection, transaction);
        AddValues(command, user);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<IdentityResult> UpdateAsync(DispatchUser user, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE dispatch_users SET normalized_user_name = $2, display_name = $3, role = $4, engineer_id = $5, regions = $6, " +
            "password_hash = $7, security_stamp = $8, must_change_password = $9, disabled = $10, access_failed_count = $11, " +
            "lockout_end = $12 WHERE user_name = $1");
        AddValues(command, user);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1
            ? IdentityResult.Success
            : IdentityResult.Failed(new IdentityError { Code = "UnknownUser", Description = $"no user '{user.UserName}'" });
    }

    private static void AddValues(NpgsqlCommand command, DispatchUser user)
    {
        command.Parameters.Add(new() { Value = user.UserName });
        command.Parameters.Add(new() { Value = user.NormalizedUserName });
        command.Parameters.Add(new() { Value = (object?)user.DisplayName ?? DBNull.Value });
        command.Parameters.Add(new() { Value = user.Role });
        command.Parameters.Add(new() { Value = (object?)user.EngineerId ?? DBNull.Value });
        command.Parameters.Add(new() { Value = user.Regions.ToArray() });
        command.Parameters.Add(new() { Value = (object?)user.PasswordHash ?? DBNull.Value });
        command.Parameters.Add(new() { Value = user.SecurityStamp });
        command.Parameters.Add(new() { Value = user.MustChangePassword });
        command.Parameters.Add(new() { Value = user.Disabled });
        command.Parameters.Add(new() { Value = user.AccessFailedCount });
        command.Parameters.Add(new() { Value = (object?)user.LockoutEnd ?? DBNull.Value });
    }

    public async Task<IdentityResult> DeleteAsync(DispatchUser user, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM dispatch_users WHERE user_name = $1");
        command.Parameters.Add(new() { Value = user.UserName });
        await command.ExecuteNonQueryAsync(cancellationToken);
        return IdentityResult.Success;
    }

    public Task<DispatchUser?> FindByIdAsync(string userId, CancellationToken cancellationToken) =>
        FindAsync("user_name", userId, cancellationToken);

    public Task<DispatchUser?> FindByNameAsync(string normalizedUserName, CancellationToken cancellationToken) =>
        FindAsync("normalized_user_name", normalizedUserName, cancellationToken);

    private async Task<DispatchUser?> FindAsync(string column, string value, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM dispatch_users WHERE {column} = $1");
        command.Parameters.Add(new() { Value = value });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <summary>Every user, by name (the admin page's list; accounts number in the hundreds, not millions).</summary>
    public async Task<List<DispatchUser>> AllAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM dispatch_users ORDER BY user_name");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var users = new List<DispatchUser>();
        while (await reader.ReadAsync(cancellationToken))
        {
            users.Add(Read(reader));
        }
        return users;
    }

    private static DispatchUser Read(NpgsqlDataReader reader) => new()
    {
        UserName = reader.GetString(0),
        NormalizedUserName = reader.GetString(1),
        DisplayName = reader.IsDBNull(2) ? null : reader.GetString(2),
        Role = reader.GetString(3),
        EngineerId = reader.IsDBNull(4) ? null : reader.GetString(4),
        Regions = reader.GetFieldValue<string[]>(5),
        PasswordHash = reader.IsDBNull(6) ? null : reader.GetString(6),
        SecurityStamp = reader.GetString(7),
        MustChangePassword = reader.GetBoolean(8),
        Disabled = reader.GetBoolean(9),
        AccessFailedCount = reader.GetInt32(10),
        LockoutEnd = reader.IsDBNull(11) ? null : reader.GetFieldValue<DateTimeOffset>(11),
    };

    public Task<string> GetUserIdAsync(DispatchUser user, CancellationToken cancellationToken) => Task.FromResult(user.UserName);

    public Task<string?> GetUserNameAsync(DispatchUser user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.UserName);

    public Task SetUserNameAsync(DispatchUser user, string? userName, CancellationToken cancellationToken)
    {
        // The user name is the identity other records point at (timelines, rotas): it is never renamed.
        if (userName != user.UserName)
        {
            throw new InvalidOperationException("A user name never changes.");
        }
        return Task.CompletedTask;
    }

    public Task<string?> GetNormalizedUserNameAsync(DispatchUser user, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(user.NormalizedUserName);

    public Task SetNormalizedUserNameAsync(DispatchUser user, string? normalizedName, CancellationToken cancellationToken)
    {
        user.NormalizedUserName = normalizedName ?? "";
        return Task.CompletedTask;
    }

    public Task SetPasswordHashAsync(DispatchUser user, string? passwordHash, CancellationToken cancellationToken)
    {
        user.PasswordHash = passwordHash;
        return Task.CompletedTask;
    }

    public Task<string?> GetPasswordHashAsync(DispatchUser user, CancellationToken cancellationToken) => Task.FromResult(user.PasswordHash);

    public Task<bool> HasPasswordAsync(DispatchUser user, CancellationToken cancellationToken) => Task.FromResult(user.PasswordHash is not null);

    public Task<DateTimeOffset?> GetLockoutEndDateAsync(DispatchUser user, CancellationToken cancellationToken) => Task.FromResult(user.LockoutEnd);

    public Task SetLockoutEndDateAsync(DispatchUser user, DateTimeOffset? lockoutEnd, CancellationToken cancellationToken)
    {
        user.LockoutEnd = lockoutEnd;
        return Task.CompletedTask;
    }

    public Task<int> IncrementAccessFailedCountAsync(DispatchUser user, CancellationToken cancellationToken) =>
        Task.FromResult(++user.AccessFailedCount);

    public Task ResetAccessFailedCountAsync(DispatchUser user, CancellationToken cancellationToken)
    {
        user.AccessFailedCount = 0;
        return Task.CompletedTask;
    }

    public Task<int> GetAccessFailedCountAsync(DispatchUser user, CancellationToken cancellationToken) => Task.FromResult(user.AccessFailedCount);

    public Task<bool> GetLockoutEnabledAsync(DispatchUser user, CancellationToken cancellationToken) => Task.FromResult(true);

    public Task SetLockoutEnabledAsync(DispatchUser user, bool enabled, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task SetSecurityStampAsync(DispatchUser user, string stamp, CancellationToken cancellationToken)
    {
        user.SecurityStamp = stamp;
        return Task.CompletedTask;
    }

    public Task<string?> GetSecurityStampAsync(DispatchUser user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.SecurityStamp);

    public void Dispose()
    {
    }
}
