using System.Security.Claims;
using Dispatch.Web.Auth;

namespace Dispatch.Web.Api.Search;

/// <summary>
/// Which tickets a caller may find: the dispatch center all of them, an engineer only their own work, an
/// intake token only the tickets it opened (recorded as "openedBy" on ticket.created; until the grain records
/// it, an intake token finds none rather than another channel's).
/// </summary>
public static class ReadSideCaller
{
    public static bool ReadsEveryTicket(ClaimsPrincipal user) =>
        user.IsInRole(Roles.Dispatcher) || user.IsInRole(Roles.Supervisor) || user.IsInRole(Roles.Admin);

    /// <summary>Whose intake a token is: its channel claim, or else its subject (the rule of the intake endpoints).</summary>
    public static string IntakeOf(ClaimsPrincipal user) =>
        user.FindFirst("channel")?.Value is { Length: > 0 } channel ? $"channel:{channel}" : $"sub:{user.Identity?.Name}";

    /// <summary>Limits a ticket search to what the caller may see; false when the caller may see no ticket at all.</summary>
    public static bool Restrict(ClaimsPrincipal user, SqlWhere where)
    {
        if (ReadsEveryTicket(user))
        {
            return true;
        }
        if (user.IsInRole(Roles.Engineer) && DispatchClaims.EngineerIdOf(user) is { } engineerId)
        {
            where.Add("{0} = ANY(t.engineers)", engineerId);
            return true;
        }
        if (user.IsInRole(Roles.Intake))
        {
            where.Add("t.opened_by = {0}", IntakeOf(user));
            return true;
        }
        return false;
    }
}
