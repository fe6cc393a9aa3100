namespace Dispatch.Web.Api.Customers;

/// <summary>
/// The tiers a customer may have: "vip" and "standard" always, plus any listed in configuration under
/// Customers:Tiers, so that a new tier needs no code. Compared ignoring case; stored as listed here.
/// </summary>
public static class CustomerTierCatalog
{
    public const string ConfigurationKey = "Customers:Tiers";

    private static readonly string[] BuiltIn = ["vip", "standard"];

    public static IReadOnlyList<string> From(IConfiguration configuration)
    {
        var configured = configuration.GetSection(ConfigurationKey).Get<string[]>() ?? [];
        return [.. BuiltIn.Concat(configured.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim()))
            .Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>The catalog's spelling of <paramref name="tier"/>, or null when it is not a known tier.</summary>
    public static string? Canonical(IReadOnlyList<string> tiers, string tier) =>
        tiers.FirstOrDefault(t => string.Equals(t, tier.Trim(), StringComparison.OrdinalIgnoreCase));
}
