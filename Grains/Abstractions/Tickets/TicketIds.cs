using System.Security.Cryptography;
using System.Text;

namespace Dispatch.Grains.Tickets;

/// <summary>
/// Ticket ids. A retried intake must land on the same ticket, so an intake that names itself (an
/// external id from its channel, or an Idempotency-Key) gets an id derived from that name: every retry,
/// however concurrent, addresses the same grain, which opens the ticket once. The name is the caller's
/// (the scope: its channel or token subject), so another caller sending the same external id
/// or key reaches a ticket of its own, never yours.
/// </summary>
public static class TicketIds
{
    public static string ForExternalId(string scope, string channel, string externalId) => Derived($"external\n{scope}\n{channel}\n{externalId}");

    public static string ForIdempotencyKey(string scope, string key) => Derived($"idempotency\n{scope}\n{key}");

    public static string New() => "t-" + Guid.NewGuid().ToString("N")[..20];

    private static string Derived(string name) =>
        "t-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..20];
}
