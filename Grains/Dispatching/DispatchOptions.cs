namespace Dispatch.Grains.Dispatching;

/// <summary>How dispatch behaves, from the "Dispatch" configuration section.</summary>
public sealed class DispatchOptions
{
    public const string SectionName = "Dispatch";

    /// <summary>The service regions: a GeoJSON FeatureCollection, relative to the silo's folder.</summary>
    public string RegionsFile { get; set; } = "regions/sample-city.geojson";

    /// <summary>An offer not answered within this expires and goes to the next candidate.</summary>
    public TimeSpan OfferTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How far from a ticket the first search looks; escalations widen it.</summary>
    public double SearchRadiusMeters { get; set; } = 25_000;

    /// <summary>How many nearest engineers are scored for each ticket.</summary>
    public int Candidates { get; set; } = 8;

    /// <summary>How often a ticket that is still waiting for an engineer asks its region again.</summary>
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a batch-mode region gathers tickets before assigning them jointly.</summary>
    public TimeSpan BatchWindow { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>An available engineer with no position for this long is taken offline and gives back unstarted work.</summary>
    public TimeSpan PositionStaleAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>A jump between positions faster than this is flagged and not trusted.</summary>
    public double MaxSpeedKmh { get; set; } = 300;

    public double EtaWeight { get; set; } = 1.0;

    public double ProficiencyWeight { get; set; } = 0.5;

    public double LoadWeight { get; set; } = 0.3;

    public double UrgencyWeight { get; set; } = 1.0;
}
