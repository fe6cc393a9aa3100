using Dispatch.Domain.Dispatching;
using Dispatch.Domain.Geo;
using Dispatch.Grains.Engineers;
using Microsoft.Extensions.DependencyInjection;

namespace Dispatch.Grains.Tickets;

public sealed partial class TicketGrain
{
    /// <summary>
    /// How far the engineer a dispatcher chose is from the job and how long they need, as the engine would have
    /// estimated it: the engineer's phone shows it on the offer (it showed "0 m / 0 s" before). Zero when the
    /// engineer has not reported a position, so nothing is made up.
    /// </summary>
    private async Task<(double Meters, TimeSpan Eta)> HandOfferEstimate(IEngineerGrain engineer)
    {
        var snapshot = await engineer.Snapshot();
        var to = T.Request!.Location;
        if (snapshot is null)
        {
            return (0, TimeSpan.Zero);
        }
        var from = snapshot.Position;
        var meters = GreatCircle.DistanceMeters(from, to);
        var region = regions.Locate(to);
        var eta = region is null ? TimeSpan.Zero : ServiceProvider.GetRequiredService<ITravelTimeEstimator>().Estimate(from, to, region);
        return (meters, eta);
    }
}
