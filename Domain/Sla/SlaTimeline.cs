using NodaTime;

namespace Dispatch.Domain.Sla;

/// <summary>
/// Puts a ticket's SLA history into the order the arithmetic needs. Events can arrive late (a phone that was
/// offline reports "on site" an hour later), so order of arrival means nothing: events are sorted by their
/// timestamp, stably, so events with the same timestamp keep the order they were recorded in.
/// </summary>
public static class SlaTimeline
{
    /// <summary>The events known as of <paramref name="now"/> (later ones are ignored), ordered by time.</summary>
    public static IReadOnlyList<SlaEvent> AsOf(IReadOnlyList<SlaEvent> timeline, Instant now) =>
        [.. timeline.Where(e => e.At <= now).OrderBy(e => e.At)];

    /// <summary>
    /// Like <see cref="AsOf"/>, but anchored at the first <see cref="SlaEventKind.Created"/> event, which comes
    /// first. Events stamped before creation (device clock skew) are treated as happening at creation, so a
    /// skewed "accepted" still stops the response clock instead of being ignored. Null when not created yet.
    /// </summary>
    public static IReadOnlyList<SlaEvent>? FromCreation(IReadOnlyList<SlaEvent> timeline, Instant now)
    {
        var ordered = AsOf(timeline, now);
        var createdIndex = -1;
        for (var i = 0; i < ordered.Count && createdIndex < 0; i++)
        {
            createdIndex = ordered[i].Kind == SlaEventKind.Created ? i : -1;
        }

        if (createdIndex < 0)
        {
            return null;
        }

        var created = ordered[createdIndex];
        var anchored = new List<SlaEvent>(ordered.Count) { created };
        for (var i = 0; i < ordered.Count; i++)
        {
            if (i != createdIndex)
            {
                var e = ordered[i];
                anchored.Add(e.At < created.At ? e with { At = created.At } : e);
            }
        }

        return anchored;
    }

    /// <summary>
    /// Whether the ticket is over as far as waiting for milestones goes: resolved, closed or cancelled, and not
    /// reopened since.
    /// </summary>
    public static bool IsFinished(IReadOnlyList<SlaEvent> ordered) =>
        ordered.LastOrDefault(e => e.Kind is SlaEventKind.Resolved or SlaEventKind.Closed or SlaEventKind.Cancelled or SlaEventKind.Reopened)
            is { Kind: not SlaEventKind.Reopened };
}
