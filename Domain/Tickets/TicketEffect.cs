namespace Dispatch.Domain.Tickets;

/// <summary>Something the world outside the ticket must hear of once the decision that causes it is stored.</summary>
public abstract record TicketEffect;

/// <summary>The offered engineer's phone is told of the offer.</summary>
public sealed record PushOffer(string EngineerId, DateTimeOffset ExpiresAt) : TicketEffect;

/// <summary>The operations board learns how long the engineer took to accept.</summary>
public sealed record OfferTaken(string EngineerId, DateTimeOffset OfferedAt, DateTimeOffset AcceptedAt) : TicketEffect;

/// <summary>An engineer's hold on this ticket ends: an offer withdrawn, or a job given back before it was done.</summary>
public sealed record ReleaseEngineer(string EngineerId, bool HeldTheJob, string Why) : TicketEffect;

/// <summary>The assigned engineer's job is done: their capacity is free again.</summary>
public sealed record CompleteJob(string EngineerId) : TicketEffect;

/// <summary>The ticket no longer waits in its region's dispatch queue.</summary>
public sealed record WithdrawFromRegion : TicketEffect;

/// <summary>The operations board counts a resolution.</summary>
public sealed record ResolutionCounted(DateTimeOffset ResolvedAt) : TicketEffect;

/// <summary>The customer's satisfaction record gets the survey.</summary>
public sealed record SurveyTaken(TicketSurvey Survey, DateTimeOffset At) : TicketEffect;

/// <summary>The customer's history gets the ticket as it now is.</summary>
public sealed record TellCustomer : TicketEffect;

/// <summary>Negative feedback: a follow-up with an owner and its own SLA clock is opened for it.</summary>
public sealed record FollowUpFeedback(TicketSurvey Survey, DateTimeOffset At) : TicketEffect;

/// <summary>
/// The alert is shown on its region's board and, when the level or the ones above tell anyone, told to the people
/// on duty: <paramref name="Roles"/> now, <paramref name="Above"/> when nobody acknowledges in time.
/// </summary>
public sealed record RaiseAlert(string AlertId, string Kind, int Level, string? Metric, IReadOnlyList<string> Roles,
    IReadOnlyList<Sla.LadderLevel> Above, string Message, DateTimeOffset At, NodaTime.Duration? AcknowledgeWithin) : TicketEffect;
