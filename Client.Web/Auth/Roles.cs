namespace Dispatch.Web.Auth;

/// <summary>The roles a token can carry (claim "role").</summary>
public static class Roles
{
    public const string Dispatcher = "dispatcher";
    public const string Supervisor = "supervisor";

    /// <summary>The service director: receives the highest escalations.</summary>
    public const string Director = "director";
    public const string Engineer = "engineer";
    public const string Intake = "intake";
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [Dispatcher, Supervisor, Director, Engineer, Intake, Admin];
}
