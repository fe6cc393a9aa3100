using Microsoft.AspNetCore.Authorization;

namespace Dispatch.Web.Auth;

/// <summary>
/// Authorization policies by what a caller does, not by who they are. Every endpoint and hub names one;
/// everything under /api needs at least an authenticated caller (see Program).
/// </summary>
public static class Policies
{
    /// <summary>Creating tickets: channels and integrators, and the people who may stand in for them.</summary>
    public const string Intake = "intake";

    /// <summary>Watching and steering operations: the dispatch center.</summary>
    public const string Operations = "operations";

    /// <summary>Reading tickets: the dispatch center, and the channels that opened them.</summary>
    public const string ReadTickets = "read-tickets";

    /// <summary>Field work: an engineer acting on their own jobs.</summary>
    public const string FieldWork = "field-work";

    /// <summary>Changing how the system works: policies, calendars, regions.</summary>
    public const string Administration = "administration";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Intake, p => p.RequireRole(Roles.Intake, Roles.Dispatcher, Roles.Admin));
        options.AddPolicy(Operations, p => p.RequireRole(Roles.Dispatcher, Roles.Supervisor, Roles.Director, Roles.Admin));
        options.AddPolicy(ReadTickets, p => p.RequireRole(Roles.Dispatcher, Roles.Supervisor, Roles.Admin, Roles.Intake));
        options.AddPolicy(FieldWork, p => p.RequireRole(Roles.Engineer).RequireClaim(DispatchClaims.EngineerId));
        options.AddPolicy(Administration, p => p.RequireRole(Roles.Admin));
    }
}
