namespace Dispatch.Domain.Sla;

/// <summary>
/// The shared meaning of a match list: null or empty allows anything, otherwise the value must be listed.
/// Names are compared case-insensitively because they come from configuration typed by people ("VIP" = "vip").
/// </summary>
internal static class FactMatching
{
    public static bool Allows(IReadOnlyList<string>? allowed, string? value) =>
        allowed is null || allowed.Count == 0
        || (value is not null && allowed.Contains(value, StringComparer.OrdinalIgnoreCase));

    public static bool Allows(IReadOnlyList<Priority>? allowed, Priority value) =>
        allowed is null || allowed.Count == 0 || allowed.Contains(value);
}
