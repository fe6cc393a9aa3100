using System.Globalization;

namespace Dispatch.Grains.Notifications;

/// <summary>
/// What a notification says in one line of plain text, the same on every channel (an e-mail's subject, an SMS or
/// chat message sent by a gateway from the webhook): no markup, the ticket's link given beside it.
/// </summary>
public static class NotificationText
{
    public const int MaxLength = 200;

    public static string Of(PersonNotification notification)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"[Dispatch] {notification.Kind} (level {notification.Level}): {notification.Message}");
        return text.Length > MaxLength ? text[..MaxLength] : text;
    }
}
