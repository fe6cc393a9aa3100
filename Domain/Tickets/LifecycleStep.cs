namespace Dispatch.Domain.Tickets;

/// <summary>The result of asking the lifecycle for a transition: the status it leads to, or why it cannot happen.</summary>
public sealed record LifecycleStep(TicketStatus? To, string? Refusal)
{
    public bool Allowed => To is not null;

    public static LifecycleStep Go(TicketStatus to) => new(to, null);

    public static LifecycleStep Refuse(string why) => new(null, why);
}
