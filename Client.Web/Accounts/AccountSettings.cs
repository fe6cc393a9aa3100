namespace Dispatch.Web.Accounts;

/// <summary>Configuration section "Accounts": Dispatch's own sign-in.</summary>
public sealed class AccountSettings
{
    public const string SectionName = "Accounts";

    /// <summary>How long an access token works; short, because a refresh token renews it.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a refresh token works unused; every refresh issues a new one.</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Failed password attempts in a row before the account is locked.</summary>
    public int MaxFailedAttempts { get; set; } = 5;

    public TimeSpan LockoutTime { get; set; } = TimeSpan.FromMinutes(15);

    public int MinimumPasswordLength { get; set; } = 10;

    /// <summary>
    /// How long a web node trusts what it read of an account (disabled? which stamp?) and of an API key (revoked?).
    /// A change made on this node is seen at once; on another node within this time.
    /// </summary>
    public TimeSpan StateCacheTime { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The first admin's name, created when no admin account exists.</summary>
    public string InitialAdmin { get; set; } = "admin";

    /// <summary>Where the first start writes the one-time password for `./dispatch up` to print (unset: the log only).</summary>
    public string? InitialAdminReportFile { get; set; }
}
