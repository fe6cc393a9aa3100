using Dispatch.Domain.Geo;

namespace Dispatch.Domain.Engineers;

/// <summary>
/// An engineer as a decision maker: a command looks at <see cref="State"/> and answers with an
/// <see cref="EngineerDecision"/> (events and effects) or a refusal; it changes nothing itself. <see cref="Apply"/> is
/// the only way the state changes. The engineer alone decides whether they take an offer: never beyond their
/// capacity, never two offers at once.
/// </summary>
public sealed class Engineer(EngineerRules rules, EngineerRecord state)
{
    public EngineerRecord State { get; } = state;

    public bool Registered => State.Card is not null;

    /// <summary>Registers the engineer, or changes their profile: one event per aspect that changed, none for the same card again.</summary>
    public EngineerDecision Register(EngineerCard card, EngineerActor by, DateTimeOffset now)
    {
        if (State.Card is not { } before)
        {
            return new([new EngineerRegistered(now, by, card)], [], null);
        }
        List<EngineerEvent> events = [];
        var changed = new List<string>();
        if (before.Name != card.Name) changed.Add("name");
        if (before.HomeBase != card.HomeBase) changed.Add("homeBase");
        if (before.ShiftCalendar != card.ShiftCalendar) changed.Add("shiftCalendar");
        if (before.Phone != card.Phone) changed.Add("phone");
        if (changed.Count > 0)
        {
            events.Add(new ProfileChanged(now, by, card, changed));
        }
        if (!before.SameSkills(card))
        {
            events.Add(new SkillsChanged(now, by, card.Skills));
        }
        List<EngineerEffect> effects = [];
        if (before.Capacity != card.Capacity)
        {
            events.Add(new CapacityChanged(now, by, before.Capacity, card.Capacity));
            // A held offer must still fit: the jobs already taken stay, but an offer would take them over the new capacity.
            if (State.Offer is { } offer && State.Jobs.Count + 1 > card.JobsAtOnce)
            {
                events.Add(new OfferReleased(now, by, "capacity lowered", offer.TicketId));
                effects.Add(new LapseTicketOffer(offer.TicketId, "capacity lowered"));
                effects.Add(new WorkChanged("capacity lowered"));
            }
        }
        return new(events, effects, null);
    }

    /// <summary>Available (starts a shift or ends a break), OnBreak, or Offline (ends the shift, giving back unstarted work).</summary>
    public EngineerDecision SetPresence(Presence to, EngineerActor by, DateTimeOffset now, string? why = null)
    {
        if (!Registered)
        {
            return EngineerDecision.Refuse(EngineerRefusalCause.NotFound, "no such engineer");
        }
        if (to == State.Presence)
        {
            return EngineerDecision.Nothing;
        }
        List<EngineerEvent> events = [new PresenceChanged(now, by, why, State.Presence, to)];
        List<EngineerEffect> effects = [];
        if (to == Presence.Offline)
        {
            GiveBackUnstartedWork(by, why ?? "engineer went offline", now, events, effects);
        }
        return new(events, effects, null);
    }

    /// <summary>An available engineer whose phone fell silent for too long is taken off shift.</summary>
    public EngineerDecision NoticeSilence(DateTimeOffset now)
    {
        if (State.Presence != Presence.Available || now - (State.LastReport?.At ?? DateTimeOffset.MinValue) <= rules.PositionStaleAfter)
        {
            return EngineerDecision.Nothing;
        }
        return SetPresence(Presence.Offline, EngineerActor.System, now, $"no position for {rules.PositionStaleAfter}");
    }

    /// <summary>
    /// A position from the phone. The device-time rule says which time counts; a report not newer than the last one
    /// is ignored; a jump faster than <see cref="EngineerRules.MaxSpeedKmh"/> is kept but flagged.
    /// </summary>
    /// <param name="regionThere">The service region the reported point lies in (null: outside all).</param>
    public PositionDecision ReportPosition(Position point, DateTimeOffset? reportedAt, double? accuracyMeters, string? regionThere, DateTimeOffset now)
    {
        if (!Registered)
        {
            return new(PositionVerdict.Ignored, "no such engineer", EngineerDecision.Refuse(EngineerRefusalCause.NotFound, "no such engineer"));
        }
        var last = State.LastReport;
        var judged = rules.DeviceTime.Judge(reportedAt, now, last?.At);
        // A believed device time is kept as the device said it (even a moment ahead of the server), so that the
        // order of a phone's reports is judged by the phone's own clock.
        var at = judged.IsDevices && reportedAt is { } device ? device : judged.At;
        if (last is not null && (judged.Verdict == Devices.DeviceTimeVerdict.BeforePreviousEvent || at <= last.At))
        {
            return new(PositionVerdict.Ignored, $"not newer than the last report ({last.At:O})", EngineerDecision.Nothing);
        }
        var by = EngineerActor.System;
        if (State.Position is { } trusted && TooFast(trusted, point, at))
        {
            var flagged = new Fix(point, at, accuracyMeters, Flagged: true);
            return new(PositionVerdict.Flagged, $"implies more than {rules.MaxSpeedKmh} km/h since the last trusted position",
                new([new PositionReported(at, by, flagged, LoggedAsSeen: false)], [], null));
        }
        List<EngineerEvent> events = [];
        List<EngineerEffect> effects = [];
        var regionChanged = regionThere != State.Region;
        if (regionChanged)
        {
            events.Add(new RegionChanged(at, by, State.Region, regionThere));
            if (State.Region is { } left)
            {
                effects.Add(new LeaveRegion(left));
            }
        }
        var logged = regionChanged || State.SeenLoggedAt is not { } seen || now - seen >= rules.SeenLoggedEvery;
        events.Insert(0, new PositionReported(at, by, new Fix(point, at, accuracyMeters, Flagged: false), logged));
        return new(PositionVerdict.Accepted, null, new(events, effects, null));
    }

    private bool TooFast(Fix trusted, Position point, DateTimeOffset at)
    {
        var meters = GreatCircle.DistanceMeters(trusted.Point, point);
        var hours = (at - trusted.At).TotalHours;
        var kmh = hours > 0 ? meters / 1000 / hours : double.PositiveInfinity;
        return meters > 50 && kmh > rules.MaxSpeedKmh;
    }

    /// <summary>
    /// Whether dispatch may offer this engineer a job now: registered, available, on shift, no offer pending, a fresh
    /// trusted position, and room under their capacity for one more job.
    /// </summary>
    /// <param name="onShift">Whether the engineer's shift calendar is open now (the caller reads the calendar).</param>
    public string? WhyNotAvailable(bool onShift, DateTimeOffset now) =>
        State.Card is not { } card ? "not registered"
        : State.Presence != Presence.Available ? $"{State.Presence}"
        : State.Offer is not null ? "holding another offer"
        : State.Jobs.Count >= card.JobsAtOnce ? $"at capacity ({card.JobsAtOnce} jobs)"
        : State.Position is not { Flagged: false } position ? "no trusted position"
        : now - position.At > rules.PositionStaleAfter ? $"no position for {rules.PositionStaleAfter}"
        : !onShift ? "off shift"
        : null;

    /// <summary>Holds the engineer for an offer, if <see cref="WhyNotAvailable"/> allows; the same offer again is already held.</summary>
    public EngineerDecision Reserve(JobOffer offer, bool onShift, DateTimeOffset now)
    {
        if (State.Offer?.TicketId == offer.TicketId)
        {
            return EngineerDecision.Nothing;
        }
        return WhyNotAvailable(onShift, now) is { } why
            ? EngineerDecision.Refuse(EngineerRefusalCause.NotNow, why)
            : new([new JobOffered(now, EngineerActor.System, offer)], [], null);
    }

    /// <summary>Whether the engineer may accept this ticket: it is their offer (or already their job, a retried tap).</summary>
    public EngineerDecision Accept(string ticketId, EngineerActor by, DateTimeOffset now)
    {
        if (State.Jobs.ContainsKey(ticketId))
        {
            return EngineerDecision.Nothing;
        }
        if (State.Offer?.TicketId != ticketId)
        {
            return EngineerDecision.Refuse(EngineerRefusalCause.NotYours, $"ticket '{ticketId}' is not offered to this engineer");
        }
        if (State.Card is { } card && State.Jobs.Count >= card.JobsAtOnce)
        {
            // Unreachable while offers are held only under capacity; kept so that capacity holds whatever comes.
            return EngineerDecision.Refuse(EngineerRefusalCause.NotNow, $"at capacity ({card.JobsAtOnce} jobs)");
        }
        return new([new JobAccepted(now, by, ticketId)], [new WorkChanged("accepted")], null);
    }

    /// <summary>The offer's ticket moved on before the accept reached it (expired, cancelled, reassigned).</summary>
    public EngineerDecision LoseOffer(string ticketId, string why, DateTimeOffset now) =>
        State.Offer?.TicketId != ticketId
            ? EngineerDecision.Nothing
            : new([new OfferReleased(now, EngineerActor.System, why, ticketId)], [new WorkChanged(why)], null);

    /// <summary>The engineer says no: the ticket hears and goes to the next candidate.</summary>
    public EngineerDecision Decline(string ticketId, EngineerActor by, string? reason, DateTimeOffset now)
    {
        if (State.Offer?.TicketId != ticketId)
        {
            return EngineerDecision.Refuse(EngineerRefusalCause.NotYours, $"ticket '{ticketId}' is not offered to this engineer");
        }
        var why = reason is null ? "declined" : $"declined: {reason}";
        return new([new OfferReleased(now, by, why, ticketId)], [new LapseTicketOffer(ticketId, why)], null);
    }

    /// <summary>The ticket ended the offer (expired, cancelled, reassigned): the hold is let go.</summary>
    public EngineerDecision ReleaseOffer(string ticketId, string why, DateTimeOffset now) => LoseOffer(ticketId, why, now);

    /// <summary>The ticket no longer needs this engineer: whatever they hold of it, offer or job, is let go.</summary>
    public EngineerDecision ReleaseJob(string ticketId, string why, DateTimeOffset now)
    {
        List<EngineerEvent> events = [];
        if (State.Jobs.ContainsKey(ticketId))
        {
            events.Add(new JobReleased(now, EngineerActor.System, why, ticketId));
        }
        if (State.Offer?.TicketId == ticketId)
        {
            events.Add(new OfferReleased(now, EngineerActor.System, why, ticketId));
        }
        return events.Count == 0 ? EngineerDecision.Nothing : new(events, [new WorkChanged(why)], null);
    }

    /// <summary>The job's ticket was resolved: done, counted for today, capacity free again.</summary>
    public EngineerDecision CompleteJob(string ticketId, DateTimeOffset now) =>
        !State.Jobs.ContainsKey(ticketId)
            ? EngineerDecision.Nothing
            : new([new JobFinished(now, EngineerActor.System, ticketId, DateOnly.FromDateTime(now.UtcDateTime))], [new WorkChanged("job done")], null);

    /// <summary>Whether this ticket is one of the engineer's jobs: only then may they move it on.</summary>
    public EngineerDecision CheckHolds(string ticketId) =>
        State.Jobs.ContainsKey(ticketId)
            ? EngineerDecision.Nothing
            : EngineerDecision.Refuse(EngineerRefusalCause.NotYours, $"ticket '{ticketId}' is not a job of this engineer");

    /// <summary>The job moved on (the ticket agreed first): en route, on site, waiting for parts.</summary>
    public EngineerDecision Advance(string ticketId, JobStep to, EngineerActor by, DateTimeOffset now) =>
        CheckHolds(ticketId) is { Refused: true } refused ? refused
        : State.Jobs[ticketId] == to ? EngineerDecision.Nothing
        : new([new JobAdvanced(now, by, ticketId, to)], [], null);

    /// <summary>What the engineer is doing: their presence, unless their work says more.</summary>
    public ShownStatus Status =>
        State.Presence switch
        {
            Presence.Offline => ShownStatus.Offline,
            Presence.OnBreak => ShownStatus.OnBreak,
            _ when State.Jobs.ContainsValue(JobStep.OnSite) => ShownStatus.OnSite,
            _ when State.Jobs.ContainsValue(JobStep.EnRoute) => ShownStatus.EnRoute,
            _ when State.Offer is not null => ShownStatus.Offered,
            _ => ShownStatus.Available,
        };

    /// <summary>The only way the state changes.</summary>
    public void Apply(EngineerEvent happened)
    {
        var s = State;
        switch (happened)
        {
            case EngineerRegistered registered:
                s.Card = registered.Card;
                break;
            case ProfileChanged profile:
                s.Card = s.Card! with
                {
                    Name = profile.Card.Name, HomeBase = profile.Card.HomeBase, ShiftCalendar = profile.Card.ShiftCalendar, Phone = profile.Card.Phone,
                };
                break;
            case SkillsChanged skills:
                s.Card = s.Card! with { Skills = skills.Skills };
                break;
            case CapacityChanged capacity:
                s.Card = s.Card! with { Capacity = capacity.To };
                break;
            case PresenceChanged presence:
                s.Presence = presence.To;
                break;
            case JobOffered offered:
                s.Offer = offered.Offer;
                break;
            case OfferReleased released when s.Offer?.TicketId == released.TicketId:
                s.Offer = null;
                break;
            case JobAccepted accepted:
                s.Offer = s.Offer?.TicketId == accepted.TicketId ? null : s.Offer;
                s.Jobs[accepted.TicketId] = JobStep.Accepted;
                break;
            case JobAdvanced advanced:
                s.Jobs[advanced.TicketId] = advanced.To;
                break;
            case JobReleased released:
                s.Jobs.Remove(released.TicketId);
                break;
            case JobFinished finished:
                s.Jobs.Remove(finished.TicketId);
                (s.DoneOn, s.DoneCount) = s.DoneOn == finished.Day ? (finished.Day, s.DoneCount + 1) : (finished.Day, 1);
                break;
            case PositionReported reported:
                s.LastReport = reported.Fix;
                if (!reported.Fix.Flagged)
                {
                    s.Position = reported.Fix;
                }
                if (reported.LoggedAsSeen)
                {
                    s.SeenLoggedAt = reported.At;
                }
                break;
            case RegionChanged region:
                s.Region = region.To;
                break;
        }
    }

    /// <summary>Offers and accepted jobs not yet started go back to dispatch; work under way stays.</summary>
    private void GiveBackUnstartedWork(EngineerActor by, string why, DateTimeOffset now, List<EngineerEvent> events, List<EngineerEffect> effects)
    {
        if (State.Offer is { } offer)
        {
            events.Add(new OfferReleased(now, by, why, offer.TicketId));
            effects.Add(new LapseTicketOffer(offer.TicketId, why));
        }
        foreach (var ticketId in State.Jobs.Where(j => j.Value == JobStep.Accepted).Select(j => j.Key).Order(StringComparer.Ordinal))
        {
            events.Add(new JobReleased(now, by, why, ticketId));
            effects.Add(new ReleaseTicket(ticketId, why));
        }
        if (events.Count > 1)
        {
            effects.Add(new WorkChanged(why));
        }
    }
}
