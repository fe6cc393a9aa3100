namespace Dispatch.Domain.Engineers;

/// <summary>Who changed an engineer: the engineer, a dispatcher or admin, or the system (dispatch, timers).</summary>
public sealed record EngineerActor(string Name, string Role)
{
    public static EngineerActor System { get; } = new("system", "system");
}
