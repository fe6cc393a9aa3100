using System.Security.Claims;

namespace Dispatch.Web.Auth;

/// <summary>Claim names in Dispatch tokens, and how to read them from a user.</summary>
public static class DispatchClaims
{
    public const string Subject = "sub";
    public const string Role = "role";

    /// <summary>The engineer a token with role engineer acts as.</summary>
    public const string EngineerId = "engineer_id";

    /// <summary>The channel an intake token speaks for, when several tokens (an integrator's instances) share one.</summary>
    public const string Channel = "channel";

    public static string? EngineerIdOf(ClaimsPrincipal user) => user.FindFirst(EngineerId)?.Value;
}
