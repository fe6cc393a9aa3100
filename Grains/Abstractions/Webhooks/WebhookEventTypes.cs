namespace Dispatch.Grains.Webhooks;

/// <summary>
/// The event types a webhook subscription can ask for, and the event-log types each is made from: the one
/// catalogue the admin API validates against and the router routes by.
/// </summary>
public static class WebhookEventTypes
{
    /// <summary>Webhook event type → the type of the event in dispatch_events it is sent for.</summary>
    public static readonly IReadOnlyDictionary<string, string> FromLog = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ticket.created"] = "ticket.created",
        ["ticket.offered"] = "ticket.offered",
        ["ticket.accepted"] = "ticket.accepted",
        ["ticket.en_route"] = "ticket.en-route",
        ["ticket.on_site"] = "ticket.on-site",
        ["ticket.resolved"] = "ticket.resolved",
        // Written by the customer's status link when the customer confirms the job is done (issue 17, item 3).
        ["ticket.completion_confirmed"] = "ticket.completion-confirmed",
        ["ticket.closed"] = "ticket.closed",
        ["sla.warning"] = "sla.warning",
        ["sla.breached"] = "sla.breached",
        ["sla.escalated"] = "sla.escalated",
        ["customer.health_low"] = "customer.health-low",
        // A person told of an alert (Notifications.NotificationEvents): for SMS and chat gateways.
        ["notification.sent"] = "notification.sent",
    };

    /// <summary>Log type → webhook event type (the reverse of <see cref="FromLog"/>).</summary>
    public static readonly IReadOnlyDictionary<string, string> ByLogType =
        FromLog.ToDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);

    public static IReadOnlyCollection<string> All => (IReadOnlyCollection<string>)FromLog.Keys;
}
