using Dispatch.Domain.Geo;

namespace Dispatch.Domain.Tests.Geo;

/// <summary>The sample city shipped in Silo/regions, read from the source tree so the tests check the real file.</summary>
internal static class SampleCity
{
    private static readonly Lazy<RegionMap> Loaded = new(() => RegionMap.FromGeoJson(File.ReadAllText(FilePath)));

    public static RegionMap Map => Loaded.Value;

    public static string FilePath
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "Silo", "regions", "sample-city.geojson");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            throw new FileNotFoundException("Silo/regions/sample-city.geojson not found above the test assembly.");
        }
    }
}
