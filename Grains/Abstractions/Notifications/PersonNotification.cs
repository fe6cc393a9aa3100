namespace Dispatch.Grains.Notifications;

/// <summary>
/// One alert as told to one person: in their console inbox, pushed to their own connections, and by e-mail.
/// </summary>
/// <param name="Id">Unique per telling: the alert id, "@" and the count of tellings of its chain.</param>
/// <param name="Link">The ticket (or customer) in the console, absolute when a console address is configured.</param>
[GenerateSerializer, Immutable, Alias("dispatch.notification")]
public sealed record PersonNotification(
    [property: Id(0)] string Id,
    [property: Id(1)] string UserName,
    [property: Id(2)] string AlertId,
    [property: Id(3)] string? TicketId,
    [property: Id(4)] string? CustomerId,
    [property: Id(5)] string Kind,
    [property: Id(6)] int Level,
    [property: Id(7)] string Role,
    [property: Id(8)] string Message,
    [property: Id(9)] string Link,
    [property: Id(10)] DateTimeOffset At,
    [property: Id(11)] DateTimeOffset? AcknowledgedAt = null,
    [property: Id(12)] string? AcknowledgedBy = null);
