namespace Dispatch.Web.Live;

/// <summary>The SignalR groups the live feed is sent to.</summary>
public static class HubGroups
{
    /// <summary>Dispatch-center connections that watch every region.</summary>
    public const string AllRegions = "operations:all";

    /// <summary>Every dispatch-center connection: KPIs and the heatmap.</summary>
    public const string Summary = "operations:summary";

    public static string Region(string regionId) => $"operations:region:{regionId}";

    /// <summary>One person's console connections (their user name): their inbox's pushes.</summary>
    public static string Person(string userName) => $"person:{userName}";

    public static string Engineer(string engineerId) => $"engineer:{engineerId}";
}
