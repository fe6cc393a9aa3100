using Dispatch.Domain.Sla;

namespace Dispatch.Grains.Tickets;

/// <summary>
/// The follow-up that negative feedback opens ("Tickets:FeedbackFollowUp"): a ticket of <see cref="ServiceType"/>
/// (a type with no dispatch stage, so it waits in the owner's queue until a person resolves it), whose SLA policy the
/// book matches on that service type, owned by <see cref="Owner"/>.
/// </summary>
public sealed class FeedbackFollowUpOptions
{
    public string ServiceType { get; set; } = "feedback";

    public Priority Priority { get; set; } = Priority.P2;

    /// <summary>Who owns the follow-up: a role's queue ("supervisor") or a named person.</summary>
    public string Owner { get; set; } = "supervisor";
}
