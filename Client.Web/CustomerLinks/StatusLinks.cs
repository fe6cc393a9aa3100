using System.Security.Cryptography;
using Dispatch.Domain.Tickets;
using Dispatch.Grains.Customers;
using Dispatch.Grains.Tickets;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Dispatch.Web.CustomerLinks;

/// <summary>
/// Signs and checks customer status links: <c>/t/{ticketId}.{signature}</c>, the signature an HMAC-SHA256 of the
/// ticket id under the server key (128 bits kept). Nothing is stored: a link is valid when its signature is the
/// ticket's, and open until <see cref="CustomerLinkOptions.ExpireAfterClose"/> after the ticket closed.
/// </summary>
public sealed class StatusLinks
{
    private readonly byte[]? _key;
    private readonly IReadOnlyList<byte[]> _keys;
    private readonly CustomerLinkOptions _options;

    public StatusLinks(IOptions<CustomerLinkOptions> options, IConfiguration configuration, ILogger<StatusLinks> logger)
    {
        _options = options.Value;
        _key = KeyFrom(_options.Key, "Key") ?? StatusLinkSignature.Derived(configuration[StatusLinkSignature.SigningKeySetting]);
        _keys = [.. new[] { _key }.Concat(_options.PreviousKeys.Select((k, i) => KeyFrom(k, $"PreviousKeys:{i}"))).OfType<byte[]>()];
        if (_key is null)
        {
            logger.LogWarning("No {Section}:Key and no Auth:SigningKey: tickets carry no customer status link", CustomerLinkOptions.SectionName);
        }
    }

    public TimeSpan ExpireAfterClose => _options.ExpireAfterClose;

    /// <summary>The ticket's link (relative unless a public base URL is configured), or null when no key is configured.</summary>
    public string? LinkFor(string ticketId) =>
        _key is null ? null : StatusLinkSignature.Link(_options.PublicBaseUrl, _key, ticketId);

    /// <summary>The ticket a token names, when its signature is right under any configured key; null otherwise.</summary>
    public string? TicketOf(string? token)
    {
        var dot = token?.LastIndexOf('.') ?? -1;
        if (token is null || token.Length > 200 || dot <= 0)
        {
            return null;
        }
        var ticketId = token[..dot];
        if (!Domain.Identifier.IsValid(ticketId))
        {
            return null;
        }
        byte[] given;
        try
        {
            given = WebEncoders.Base64UrlDecode(token[(dot + 1)..]);
        }
        catch (FormatException)
        {
            return null;
        }
        var valid = false;
        foreach (var key in _keys)
        {
            valid |= CryptographicOperations.FixedTimeEquals(given, StatusLinkSignature.Of(key, ticketId));
        }
        return valid ? ticketId : null;
    }

    /// <summary>Whether a link to this ticket has expired: its ticket ended longer than the window ago.</summary>
    public bool Expired(TicketView ticket, DateTimeOffset now) =>
        ticket.Status is TicketStatus.Closed or TicketStatus.Cancelled
        && ticket.Timeline.LastOrDefault(e => e.To == ticket.Status.ToString() && e.From != ticket.Status.ToString()) is { } ended
        && now - ended.At > _options.ExpireAfterClose;

    /// <summary>The ticket view with its customer link, for the people who may send it to the customer.</summary>
    public TicketView WithLink(TicketView ticket) => ticket with { CustomerLink = LinkFor(ticket.Id) };

    public TicketReply WithLink(TicketReply reply) => reply.Ticket is { } ticket ? reply with { Ticket = WithLink(ticket) } : reply;

    private static byte[]? KeyFrom(string? configured, string name) =>
        StatusLinkSignature.KeyFrom(configured, $"{CustomerLinkOptions.SectionName}:{name}");
}
