namespace Dispatch.Grains.Notifications;

/// <summary>A person on duty, as grains pass them around.</summary>
[GenerateSerializer, Immutable, Alias("dispatch.duty.person")]
public sealed record OnDuty([property: Id(0)] string UserName, [property: Id(1)] string Email);
