namespace Dispatch.Grains.Notifications;

/// <summary>How alerts reach people (section "Notifications").</summary>
public sealed class NotificationOptions
{
    public const string SectionName = "Notifications";

    /// <summary>How long a person has to acknowledge before the next person or level is told.</summary>
    public TimeSpan AcknowledgeWithin { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The console's address, for the links in e-mails ("https://dispatch.example.com/console.html").</summary>
    public string ConsoleUrl { get; set; } = "http://127.0.0.1:5080/console.html";

    /// <summary>The console link to a ticket (console.html#ticket=ID opens it).</summary>
    public string TicketLink(string ticketId) => $"{ConsoleUrl}#ticket={Uri.EscapeDataString(ticketId)}";

    public string CustomerLink(string customerId) => $"{ConsoleUrl}#customer={Uri.EscapeDataString(customerId)}";
}
