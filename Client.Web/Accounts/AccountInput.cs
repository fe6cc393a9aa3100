using Dispatch.Web.Api;
using Dispatch.Web.Auth;

namespace Dispatch.Web.Accounts;

/// <summary>What an account may be: one rule for the admin API, the CSV import and the admin page.</summary>
public sealed record AccountInput(string? UserName, string? DisplayName, string? Role, string? EngineerId, IReadOnlyList<string>? Regions)
{
    public const int MaxRegions = 50;

    /// <summary>The account, or null with the reasons added to <paramref name="errors"/> under <paramref name="prefix"/> + field.</summary>
    public DispatchUser? Check(FieldErrors errors, KnownNames.Snapshot known, string prefix = "")
    {
        var bad = false;
        var userName = errors.Identifier($"{prefix}userName", UserName);
        bad |= userName is null;
        var displayName = errors.Line($"{prefix}displayName", DisplayName, 100, required: false);
        bad |= displayName is null && DisplayName is not null;
        var role = errors.OneOf($"{prefix}role", Role, Roles.All);
        bad |= role is null;
        string? engineerId = null;
        if (role == Roles.Engineer)
        {
            engineerId = errors.Identifier($"{prefix}engineerId", EngineerId);
            bad |= engineerId is null;
        }
        else if (EngineerId is not null)
        {
            errors.Add($"{prefix}engineerId", "only an engineer account is linked to an engineer");
            bad = true;
        }
        var regions = new List<string>();
        if (Regions is { Count: > MaxRegions })
        {
            errors.Add($"{prefix}regions", $"at most {MaxRegions} regions");
            bad = true;
        }
        else
        {
            foreach (var region in Regions ?? [])
            {
                if (!FieldErrors.IsIdentifier(region) || !known.IsRegion(region))
                {
                    errors.Add($"{prefix}regions", $"'{Shorten(region)}' is not a region");
                    bad = true;
                }
                else if (regions.Contains(region))
                {
                    errors.Add($"{prefix}regions", $"'{region}' is named twice");
                    bad = true;
                }
                else
                {
                    regions.Add(region);
                }
            }
        }
        return bad ? null : new DispatchUser
        {
            UserName = userName!,
            DisplayName = displayName,
            Role = role!,
            EngineerId = engineerId,
            Regions = regions,
        };
    }

    private static string Shorten(string? value) => value is null ? "" : value.Length > 40 ? value[..40] + "…" : value;
}
