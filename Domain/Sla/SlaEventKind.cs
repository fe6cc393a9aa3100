namespace Dispatch.Domain.Sla;

/// <summary>The ticket events that start, stop, pause or resume SLA clocks. Other ticket transitions are irrelevant to SLA time.</summary>
public enum SlaEventKind
{
    Created,
    OfferMade,
    OfferAccepted,
    OfferDeclined,
    OfferExpired,
    OnSite,
    Resolved,

    /// <summary>The ticket waits (on the customer, for parts, ...): no clock counts until <see cref="Resumed"/>.</summary>
    Paused,
    Resumed,

    /// <summary>Resumes the resolution clock after <see cref="Resolved"/> or <see cref="Closed"/>.</summary>
    Reopened,
    Cancelled,
    Closed,
}
