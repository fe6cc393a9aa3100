using NodaTime;

namespace Dispatch.Domain.Sla;

/// <summary>
/// A stretch during which a started clock did not count, clipped to the clock's own span.
/// <see cref="End"/> is null while the pause is still going on.
/// </summary>
/// <param name="Cause">
/// <see cref="SlaEventKind.Paused"/> for a waiting state; <see cref="SlaEventKind.Resolved"/> or
/// <see cref="SlaEventKind.Closed"/> for the time a reopened ticket spent resolved (resolution clock only).
/// </param>
public sealed record PauseInterval(Instant Start, Instant? End, string? Reason, SlaEventKind Cause = SlaEventKind.Paused);
