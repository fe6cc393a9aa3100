namespace Dispatch.Web.Accounts;

/// <summary>
/// A person who signs in to Dispatch with a password. The user name is their identity everywhere (the token's
/// subject, the timeline's actor); one role each; an engineer account acts as one engineer.
/// </summary>
public sealed class DispatchUser
{
    public required string UserName { get; set; }

    public string NormalizedUserName { get; set; } = "";

    public string? DisplayName { get; set; }

    public required string Role { get; set; }

    public string? EngineerId { get; set; }

    /// <summary>The regions this person looks after (escalations and views of those regions).</summary>
    public IReadOnlyList<string> Regions { get; set; } = [];

    public string? PasswordHash { get; set; }

    /// <summary>The account version: Identity's security stamp, carried by every access token.</summary>
    public string SecurityStamp { get; set; } = "";

    /// <summary>A password someone else chose (the first admin's, an import's, a reset's) must be replaced at sign-in.</summary>
    public bool MustChangePassword { get; set; }

    public bool Disabled { get; set; }

    public int AccessFailedCount { get; set; }

    public DateTimeOffset? LockoutEnd { get; set; }
}
