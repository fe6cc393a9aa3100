namespace Dispatch.Grains.Common;

/// <summary>Who did something: a person in a role, or the system itself (timers, rules, dispatch).</summary>
[GenerateSerializer, Immutable, Alias("dispatch.actor")]
public sealed record Actor([property: Id(0)] string Name, [property: Id(1)] string Role)
{
    public static Actor System { get; } = new("system", "system");
}
