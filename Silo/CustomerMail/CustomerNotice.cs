namespace Dispatch.Silo.CustomerMail;

/// <summary>
/// What a customer is told about a ticket at a milestone, by e-mail and through webhooks for SMS or chat gateways:
/// the status link, the engineer's first name and the expected arrival, as known when the customer is told.
/// </summary>
public sealed record CustomerNotice(
    string TicketId,
    string Title,
    string CustomerId,
    string? CustomerName,
    string? Email,
    string? StatusLink,
    string? EngineerFirstName,
    DateTimeOffset? Eta);
