namespace Dispatch.Grains.Notifications;

/// <summary>
/// A notification addressed to a person is an event of that person's stream in the event log, written with their
/// inbox: the log says who was told what and when, and webhooks (SMS and chat gateways) are sent from it.
/// </summary>
public static class NotificationEvents
{
    public const string StreamPrefix = "person:";

    /// <summary>A person was told of an alert (the event's data: <see cref="NotificationSent"/>).</summary>
    public const string Sent = "notification.sent";

    public static string Stream(string userName) => StreamPrefix + userName;
}

/// <summary>The data of a <see cref="NotificationEvents.Sent"/> event, as logged and as webhooks carry it.</summary>
/// <param name="Text">The notification in one line of plain text (<see cref="NotificationText"/>).</param>
/// <param name="Link">The ticket (or customer) in the console.</param>
public sealed record NotificationSent(
    string NotificationId,
    string UserName,
    string AlertId,
    string? TicketId,
    string? CustomerId,
    string Kind,
    int Level,
    string Role,
    string Message,
    string Text,
    string Link)
{
    public static NotificationSent Of(PersonNotification n) =>
        new(n.Id, n.UserName, n.AlertId, n.TicketId, n.CustomerId, n.Kind, n.Level, n.Role, n.Message, NotificationText.Of(n), n.Link);
}
