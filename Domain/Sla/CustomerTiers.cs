namespace Dispatch.Domain.Sla;

/// <summary>
/// The usual customer tier names. Tiers are data (any string, compared case-insensitively), so a new tier
/// needs only configuration; these constants just avoid typos in code and tests.
/// </summary>
public static class CustomerTiers
{
    public const string Vip = "vip";
    public const string Standard = "standard";
}
