using System.Security.Claims;

namespace Dispatch.Web.Auth;

/// <summary>An engineer acts only as themself; the dispatch center may look at and act for any engineer.</summary>
public static class EngineerAccess
{
    public static bool IsSelf(ClaimsPrincipal user, string engineerId) =>
        user.IsInRole(Roles.Engineer) && DispatchClaims.EngineerIdOf(user) == engineerId;

    public static bool IsSelfOrOperations(ClaimsPrincipal user, string engineerId) =>
        IsSelf(user, engineerId) || user.IsInRole(Roles.Dispatcher) || user.IsInRole(Roles.Supervisor) || user.IsInRole(Roles.Director) || user.IsInRole(Roles.Admin);
}
