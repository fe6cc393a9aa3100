using System.Globalization;
using Dispatch.Domain.Tickets;
using Dispatch.Grains.Customers;

namespace Dispatch.Grains.Tickets;

/// <summary>
/// The stored <see cref="TicketState"/> (its ids fixed by what earlier releases wrote) as the <see cref="Ticket"/>
/// aggregate's <see cref="TicketRecord"/>, and back once the aggregate's events are applied.
/// </summary>
internal static class TicketRecords
{
    public static TicketRecord Read(string id, TicketState t) => new()
    {
        Id = id,
        Title = t.Request?.Title ?? "",
        Status = t.Status,
        Priority = t.Priority,
        EscalationLevel = t.EscalationLevel,
        SearchWidening = t.SearchWidening,
        // A copy: the aggregate applies its events to the record before the grain decides to store them.
        AlertLevels = new(t.AlertLevels ??= AlertLevelsIn(t.Timeline), StringComparer.Ordinal),
        ServiceTypeId = t.Request?.ServiceType ?? "",
        RequiredSkills = [.. t.Request?.RequiredSkills ?? []],
        StatusBeforeWait = t.StatusBeforeWait,
        WaitingReason = t.WaitingReason,
        OfferedEngineerId = t.OfferedEngineerId,
        OfferExpiresAt = t.OfferExpiresAt,
        AssignedEngineerId = t.AssignedEngineerId,
        Excluded = [.. t.Excluded],
        ResolvedAt = t.ResolvedAt,
        Survey = t.Survey is { } s ? ToSurvey(s) : null,
        CompletionConfirmedAt = t.CompletionConfirmedAt,
        Marks = [.. t.SlaMarks.Select(m => new TicketMark(m.At, m.Kind, m.Reason))],
        LastEventAt = t.Timeline.Count > 0 ? t.Timeline[^1].At : t.CreatedAt,
    };

    /// <summary>The level each alert reached, from the timeline that records each raise and rise.</summary>
    private static Dictionary<string, int> AlertLevelsIn(List<TimelineEntry> timeline)
    {
        var levels = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in timeline)
        {
            if (entry.What is "alert.raised" or "alert.level-changed" && entry.Details is { } details
                && details.TryGetValue("alert", out var alert) && int.TryParse(details.GetValueOrDefault("level"), CultureInfo.InvariantCulture, out var level))
            {
                levels[alert] = level;
            }
        }
        return levels;
    }

    public static TicketSurvey ToSurvey(Survey s) => new(s.Csat, s.Nps, s.Comment, s.BlamedStage, s.Ces);

    public static Survey ToSurvey(TicketSurvey s) => new(s.Csat, s.Nps, s.Comment, s.BlamedStage, s.Ces);

    public static void Write(TicketRecord r, TicketState t)
    {
        t.Status = r.Status;
        t.Priority = r.Priority;
        t.EscalationLevel = r.EscalationLevel;
        t.SearchWidening = r.SearchWidening;
        t.AlertLevels = r.AlertLevels;
        if (t.Request is { } request && (request.ServiceType != r.ServiceTypeId || !request.RequiredSkills.SequenceEqual(r.RequiredSkills, StringComparer.Ordinal)))
        {
            t.Request = request with { ServiceType = r.ServiceTypeId, RequiredSkills = [.. r.RequiredSkills] };
        }
        t.StatusBeforeWait = r.StatusBeforeWait;
        t.WaitingReason = r.WaitingReason;
        t.OfferedEngineerId = r.OfferedEngineerId;
        t.OfferExpiresAt = r.OfferExpiresAt;
        t.AssignedEngineerId = r.AssignedEngineerId;
        t.Excluded = r.Excluded;
        t.ResolvedAt = r.ResolvedAt;
        t.Survey = r.Survey is { } survey ? ToSurvey(survey) : null;
        t.CompletionConfirmedAt = r.CompletionConfirmedAt;
        // Marks only grow: the new ones are appended.
        for (var i = t.SlaMarks.Count; i < r.Marks.Count; i++)
        {
            var mark = r.Marks[i];
            t.SlaMarks.Add(new SlaMark(mark.At, mark.Kind, mark.Reason));
        }
    }
}
