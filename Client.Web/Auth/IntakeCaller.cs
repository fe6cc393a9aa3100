using System.Security.Claims;
using Dispatch.Grains.Tickets;

namespace Dispatch.Web.Auth;

/// <summary>
/// Whose intake a request is: the channel its token names, or else the token's subject. Intake keys
/// (external ids, Idempotency-Key) belong to that caller, and an intake token reads only the tickets it opened.
/// </summary>
public static class IntakeCaller
{
    public static string Of(ClaimsPrincipal user) =>
        user.FindFirst(DispatchClaims.Channel)?.Value is { Length: > 0 } channel
            ? $"channel:{channel}"
            : $"sub:{user.Identity?.Name}";

    /// <summary>The dispatch center reads every ticket; a channel only those it opened.</summary>
    public static bool ReadsEveryTicket(ClaimsPrincipal user) =>
        user.IsInRole(Roles.Dispatcher) || user.IsInRole(Roles.Supervisor) || user.IsInRole(Roles.Director) || user.IsInRole(Roles.Admin);

    public static bool MayRead(ClaimsPrincipal user, TicketView ticket) => ReadsEveryTicket(user) || ticket.OpenedBy == Of(user);
}
