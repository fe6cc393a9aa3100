namespace Dispatch.Grains.Notifications;

/// <summary>
/// An alert reaching a level: who is told, and who next when nobody acknowledges. One alert per ticket and
/// clock (or per customer and kind) keeps one id across its levels.
/// </summary>
/// <param name="Roles">The roles this level notifies.</param>
/// <param name="Higher">The roles of the levels above, in order: told when this level's people all let it pass.</param>
/// <param name="AcknowledgeWithin">How long each person told at this level has before the next is told; null: the configured default.</param>
[GenerateSerializer, Immutable, Alias("dispatch.alert-raise")]
public sealed record AlertRaise(
    [property: Id(0)] string AlertId,
    [property: Id(1)] string? TicketId,
    [property: Id(2)] string? CustomerId,
    [property: Id(3)] string? Region,
    [property: Id(4)] string Kind,
    [property: Id(5)] int Level,
    [property: Id(6)] IReadOnlyList<string> Roles,
    [property: Id(7)] IReadOnlyList<AlertLevel> Higher,
    [property: Id(8)] string Message,
    [property: Id(9)] DateTimeOffset At,
    [property: Id(10)] TimeSpan? AcknowledgeWithin = null);

/// <summary>A level above the current one, the roles it notifies, and how long each person told there has (null: the configured default).</summary>
[GenerateSerializer, Immutable, Alias("dispatch.alert-level")]
public sealed record AlertLevel([property: Id(0)] int Level, [property: Id(1)] IReadOnlyList<string> Roles, [property: Id(2)] TimeSpan? AcknowledgeWithin = null);
