namespace Dispatch.Domain.Engineers;

/// <summary>
/// What the engineer says of themself. Starting a shift is going from Offline to Available; ending it is going
/// Offline (by the engineer, or by dispatch when their phone fell silent).
/// </summary>
public enum Presence
{
    Offline,
    Available,
    OnBreak,
}
