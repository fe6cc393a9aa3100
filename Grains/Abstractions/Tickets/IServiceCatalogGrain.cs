namespace Dispatch.Grains.Tickets;

/// <summary>
/// The names the cluster's configuration defines (service types, waiting reasons, regions), so that a web node
/// can judge a request's every field at once, before any grain the request names is touched.
/// </summary>
public interface IServiceCatalogGrain : IGrainWithIntegerKey
{
    Task<ServiceCatalog> Read();
}

[GenerateSerializer, Immutable, Alias("dispatch.service-catalog")]
public sealed record ServiceCatalog(
    [property: Id(0)] IReadOnlyList<string> ServiceTypes,
    [property: Id(1)] IReadOnlyList<string> WaitingReasons,
    [property: Id(2)] string RegionsGeoJson,
    [property: Id(3)] ServiceReportCatalog? Reports = null);
