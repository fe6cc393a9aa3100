using System.Security.Cryptography;
using System.Text;
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
    private const int SignatureBytes = 16;
    private static readonly byte[] Purpose = Encoding.UTF8.GetBytes("dispatch customer status link v1\n");

    private readonly byte[]? _key;
    private readonly IReadOnlyList<byte[]> _keys;
    private readonly CustomerLinkOptions _options;

    public StatusLinks(IOptions<CustomerLinkOptions> options, IConfiguration configuration, ILogger<StatusLinks> logger)
    {
        _options = options.Value;
        _key = KeyFrom(_options.Key, "Key") ?? Derived(configuration["Auth:SigningKey"]);
        _keys = [.. new[] { _key }.Concat(_options.PreviousKeys.Select((k, i) => KeyFrom(k, $"PreviousKeys:{i}"))).OfType<byte[]>()];
        if (_key is null)
        {
            logger.LogWarning("No {Section}:Key and no Auth:SigningKey: tickets carry no customer status link", CustomerLinkOptions.SectionName);
        }
    }

    public TimeSpan ExpireAfterClose => _options.ExpireAfterClose;

    /// <summary>The ticket's link (relative unless a public base URL is configured), or null when no key is configured.</summary>
    public string? LinkFor(string ticketId) =>
        _key is null ? null : $"{_options.PublicBaseUrl.TrimEnd('/')}/t/{ticketId}.{Sign(_key, ticketId)}";

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
            valid |= CryptographicOperations.FixedTimeEquals(given, Signature(key, ticketId));
        }
        return valid ? ticketId : null;
    }

    /// <summary>Whether a link to this ticket has expired: its ticket ended longer than the window ago.</summary>
    public bool Expired(TicketView ticket, DateTimeOffset now) =>
        ticket.Status is "Closed" or "Cancelled"
        && ticket.Timeline.LastOrDefault(e => e.To == ticket.Status && e.From != ticket.Status) is { } ended
        && now - ended.At > _options.ExpireAfterClose;

    /// <summary>The ticket view with its customer link, for the people who may send it to the customer.</summary>
    public TicketView WithLink(TicketView ticket) => ticket with { CustomerLink = LinkFor(ticket.Id) };

    public TicketReply WithLink(TicketReply reply) => reply.Ticket is { } ticket ? reply with { Ticket = WithLink(ticket) } : reply;

    private static string Sign(byte[] key, string ticketId) => WebEncoders.Base64UrlEncode(Signature(key, ticketId));

    private static byte[] Signature(byte[] key, string ticketId) =>
        HMACSHA256.HashData(key, (byte[])[.. Purpose, .. Encoding.UTF8.GetBytes(ticketId)])[..SignatureBytes];

    private static byte[]? KeyFrom(string? configured, string name)
    {
        if (string.IsNullOrEmpty(configured))
        {
            return null;
        }
        var bytes = Encoding.UTF8.GetBytes(configured);
        return bytes.Length >= 32 ? bytes
            : throw new InvalidOperationException($"{CustomerLinkOptions.SectionName}:{name} must be at least 32 bytes long.");
    }

    /// <summary>A key of its own for links, derived from the token signing key, so that one never stands in for the other.</summary>
    private static byte[]? Derived(string? signingKey) => string.IsNullOrEmpty(signingKey)
        ? null
        : HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(signingKey), 32, info: Purpose);
}
