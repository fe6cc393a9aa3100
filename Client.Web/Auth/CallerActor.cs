using System.Security.Claims;
using Dispatch.Grains.Common;

namespace Dispatch.Web.Auth;

public static class CallerActor
{
    /// <summary>The caller as the timeline records them: their name and the role they acted in.</summary>
    public static Actor Of(ClaimsPrincipal user) => new(
        user.Identity?.Name ?? "unknown",
        user.FindFirst(DispatchClaims.Role)?.Value ?? "unknown");
}
