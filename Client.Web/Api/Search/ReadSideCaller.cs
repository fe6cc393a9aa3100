using System.Security.Claims;
using Dispatch.Web.Auth;

namespace Dispatch.Web.Api.Search;

/// <summary>
/// Which tickets a caller may find: the dispatch center all of them, an engineer only their own work, an
/// intake token only the tickets it opened (recorded as "openedBy" on ticket.created; tickets opened before
/// it was recorded are found by nobody's intake token).
/// </summary>
public static class ReadSideCaller
{

    /// <summary>Limits a ticket search to what the caller may see; false when the caller may see no ticket at all.</summary>
    public static bool Restrict(ClaimsPrincipal user, SqlWhere where)
    {
        if (IntakeCaller.ReadsEveryTicket(user))
        {
            return true;
        }
        if (user.IsInRole(Roles.Engineer) && DispatchClaims.EngineerIdOf(user) is { } engineerId)
        {
            where.Add("t.engineers @> ARRAY[{0}]::text[]", engineerId);
            return true;
        }
        if (user.IsInRole(Roles.Intake))
        {
            where.Add("t.opened_by = {0}", IntakeCaller.Of(user));
            return true;
        }
        return false;
    }
}
