namespace Dispatch.Web.Accounts;

/// <summary>Claims only Dispatch's own access tokens carry (beside sub, role and engineer_id).</summary>
public static class AccountClaims
{
    /// <summary>The account's security stamp when the token was issued; a token with an older one is refused.</summary>
    public const string Version = "acct_ver";

    /// <summary>The regions the person looks after (a JSON array).</summary>
    public const string Regions = "regions";
}
