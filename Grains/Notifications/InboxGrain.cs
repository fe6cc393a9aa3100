using System.Text.Json;
using Dispatch.Grains.Common;
using Dispatch.Grains.Events;
using Dispatch.Grains.Live;
using Dispatch.Grains.Storage;

namespace Dispatch.Grains.Notifications;

/// <summary>
/// A person's inbox: what they were told, newest first, and whether it was acknowledged. Each notification is also
/// an event of the person's stream (<see cref="NotificationEvents"/>), stored in the same write as the inbox.
/// </summary>
public sealed class InboxGrain(
    [PersistentState("inbox", StorageNames.Dispatch)] IPersistentState<InboxState> state,
    LiveRelay relay) : Grain, IInboxGrain
{
    /// <summary>Enough for weeks of alerts; older ones are in the tickets' timelines.</summary>
    public const int Kept = 200;

    private List<PersonNotification> Items => state.State.Notifications;

    public async Task Deliver(PersonNotification notification)
    {
        if (Items.Any(n => n.Id == notification.Id))
        {
            return; // told again after a restart: once is enough
        }
        Items.Insert(0, notification);
        if (Items.Count > Kept)
        {
            Items.RemoveRange(Kept, Items.Count - Kept);
        }
        state.State.Sequence++;
        var sent = new DomainEvent(NotificationEvents.Stream(notification.UserName), state.State.Sequence, NotificationEvents.Sent, notification.At,
            Actor.System, JsonSerializer.Serialize(NotificationSent.Of(notification), JsonSerializerOptions.Web));
        try
        {
            await state.WriteWithEventsAsync([sent]);
        }
        catch
        {
            // Memory holds a notification the store does not: start again from the store.
            DeactivateOnIdle();
            throw;
        }
        await relay.Notify(notification);
    }

    public Task<IReadOnlyList<PersonNotification>> Notifications() => Task.FromResult<IReadOnlyList<PersonNotification>>([.. Items]);

    public async Task<bool> Acknowledge(string notificationId, Actor by)
    {
        var notification = Items.FirstOrDefault(n => n.Id == notificationId);
        if (notification is null)
        {
            return false;
        }
        return await GrainFactory.Grain<IAlertGrain>(notification.AlertId).Acknowledge(by);
    }

    public async Task AlertAcknowledged(string alertId, string by, DateTimeOffset at)
    {
        var changed = false;
        for (var i = 0; i < Items.Count; i++)
        {
            if (Items[i].AlertId == alertId && Items[i].AcknowledgedAt is null)
            {
                Items[i] = Items[i] with { AcknowledgedAt = at, AcknowledgedBy = by };
                changed = true;
                await relay.Notify(Items[i]);
            }
        }
        if (changed)
        {
            await state.WriteStateAsync();
        }
    }
}

[GenerateSerializer, Alias("dispatch.inbox-state")]
public sealed class InboxState : IJournaledState
{
    [Id(0)] public List<PersonNotification> Notifications { get; set; } = [];

    /// <summary>The sequence number of the person's latest event.</summary>
    [Id(1)] public long Sequence { get; set; }

    [NonSerialized] private IReadOnlyList<DomainEvent> _eventsToWrite = [];

    IReadOnlyList<DomainEvent> IJournaledState.EventsToWrite { get => _eventsToWrite; set => _eventsToWrite = value; }
}
