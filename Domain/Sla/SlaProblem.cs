using System.Globalization;

namespace Dispatch.Domain.Sla;

/// <summary>
/// What is wrong with one field of an SLA policy, calendar or rule. <see cref="Field"/> is the path from what was
/// checked, in the words of the JSON documents ("targets[1].target"), so that the admin API can name it as sent.
/// </summary>
public sealed record SlaProblem(string Field, string Message)
{
    /// <summary>The same problem seen from the object that holds this one ("ladder[2]" + "percent").</summary>
    public SlaProblem Under(string prefix) => this with { Field = Join(prefix, Field) };

    public static string Join(string prefix, string field) =>
        prefix.Length == 0 ? field
        : field.Length == 0 ? prefix
        : field[0] == '[' ? prefix + field
        : prefix + "." + field;

    public static string Index(string list, int index) => string.Create(CultureInfo.InvariantCulture, $"{list}[{index}]");
}

public static class SlaProblemExtensions
{
    public static IEnumerable<SlaProblem> Under(this IEnumerable<SlaProblem> problems, string prefix) =>
        problems.Select(p => p.Under(prefix));
}
