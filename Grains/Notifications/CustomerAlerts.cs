using Dispatch.Domain.Geo;
using Dispatch.Grains.Tickets;
using Dispatch.Grains.Customers;
using Dispatch.Grains.Dispatching;
using Dispatch.Grains.Live;

namespace Dispatch.Grains.Notifications;

/// <summary>
/// A customer's health-low and process-review alerts reach the supervisors on duty for the customer's region
/// (the region of its first site), and its region's board shows one card per customer and kind.
/// </summary>
public static class CustomerAlerts
{
    public const string NotifiedRole = "supervisor";

    /// <summary>The region boards call health-low and process-review alerts by these kinds.</summary>
    public static string KindOf(string eventType) => eventType switch
    {
        CustomerEventTypes.HealthLow => "health-low",
        CustomerEventTypes.ProcessReview => "process-review",
        _ => eventType,
    };

    public static async Task Raise(IGrainFactory grains, RegionCatalog regions, string customerId, CustomerProfile profile, string eventType, string message, DateTimeOffset at)
    {
        var kind = KindOf(eventType);
        var alertId = $"customer:{customerId}:{kind}:{at.UtcTicks}";
        var region = profile.Sites.Select(s => regions.Locate(new Position(s.Lat, s.Lon))?.Id).FirstOrDefault(r => r is not null);
        var note = new AlertNote(alertId, null, customerId, kind, 0, null, NotifiedRole, message, at, region);
        await grains.Grain<IRegionBoardGrain>(RegionBoards.KeyOf(region)).Raise(note);
        await grains.Grain<IAlertGrain>(alertId).Raise(new AlertRaise(alertId, null, customerId, region, kind, 0, [NotifiedRole], [], message, at));
    }
}
