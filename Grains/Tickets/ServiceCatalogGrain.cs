using Dispatch.Grains.Dispatching;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace Dispatch.Grains.Tickets;

/// <summary>Reads the silo's configuration; local on every silo, so asking it never crosses the network.</summary>
[StatelessWorker]
public sealed class ServiceCatalogGrain(IOptions<TicketOptions> tickets, IOptions<ServiceReportOptions> reports, RegionCatalog regions) : Grain, IServiceCatalogGrain
{
    public Task<ServiceCatalog> Read() => Task.FromResult(new ServiceCatalog(
        [.. tickets.Value.ServiceTypes.Keys.Order(StringComparer.Ordinal)],
        [.. tickets.Value.WaitingReasons],
        regions.GeoJson,
        reports.Value.Catalog()));
}
