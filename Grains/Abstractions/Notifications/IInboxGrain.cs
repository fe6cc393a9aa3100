using Dispatch.Grains.Common;
using Orleans.Concurrency;

namespace Dispatch.Grains.Notifications;

/// <summary>One person's inbox of alerts (key: their user name), newest first, stored.</summary>
public interface IInboxGrain : IGrainWithStringKey
{
    /// <summary>One way: the alert chain that tells a person never waits for their inbox (which may be waiting on it).</summary>
    [OneWay]
    Task Deliver(PersonNotification notification);

    [ReadOnly]
    Task<IReadOnlyList<PersonNotification>> Notifications();

    /// <summary>Acknowledges the alert of one of this person's notifications; false when they have no such notification.</summary>
    Task<bool> Acknowledge(string notificationId, Actor by);

    /// <summary>The alert was acknowledged (here or by anyone): its notifications here show it.</summary>
    [OneWay]
    Task AlertAcknowledged(string alertId, string by, DateTimeOffset at);
}
