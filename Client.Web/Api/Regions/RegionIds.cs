namespace Dispatch.Web.Api.Regions;

/// <summary>A list of region ids to watch, from the console: each one a known region, and not too many.</summary>
public static class RegionIds
{
    public const int Max = 100;

    /// <summary>The ids when all are known regions; null (and the errors say why) otherwise.</summary>
    public static string[]? Check(string field, IReadOnlyList<string?>? ids, KnownNames.Snapshot known, FieldErrors errors)
    {
        if (ids is null)
        {
            errors.Add(field, "required: a list of region ids (empty: all regions)");
            return null;
        }
        if (ids.Count > Max)
        {
            errors.Add(field, $"at most {Max} region ids");
            return null;
        }
        for (var i = 0; i < ids.Count; i++)
        {
            if (!FieldErrors.IsIdentifier(ids[i]) || !known.IsRegion(ids[i]!))
            {
                // The id is not echoed: it may be anything, of any length.
                errors.Add($"{field}[{i}]", "not a known region id");
            }
        }
        return errors.Any ? null : [.. ids.Distinct(StringComparer.Ordinal)!];
    }
}
