using Dispatch.Domain.Geo;

namespace Dispatch.Domain.Tests.Geo;

public sealed class SampleCityTests
{
    private static readonly RegionMap Map = SampleCity.Map;

    [Fact]
    public void The_sample_city_has_six_districts_in_file_order() =>
        Assert.Equal(
            ["university", "old-town", "harbour", "airport", "riverside", "tech-park"],
            Map.All.Select(r => r.Id));

    [Theory]
    [InlineData(31.27, 121.39, "university")]
    [InlineData(31.26, 121.465, "old-town")]
    [InlineData(31.265, 121.54, "harbour")]
    [InlineData(31.19, 121.40, "airport")]
    [InlineData(31.20, 121.475, "riverside")]
    [InlineData(31.19, 121.545, "tech-park")]
    public void A_point_in_each_district_is_located_there(double lat, double lon, string expected) =>
        Assert.Equal(expected, Map.Locate(new Position(lat, lon))?.Id);

    [Theory]
    [InlineData(31.35, 121.47)]   // north of the city
    [InlineData(31.23, 121.60)]   // east, in the estuary
    [InlineData(31.10, 121.30)]   // south-west, outside every envelope
    [InlineData(-31.23, 121.47)]  // the same coordinates in the southern hemisphere
    [InlineData(121.47, 31.23)]   // lat/lon swapped: not a valid position at all
    [InlineData(double.NaN, 121.47)]
    public void A_point_outside_every_district_is_in_no_region(double lat, double lon) =>
        Assert.Null(Map.Locate(new Position(lat, lon)));

    [Fact]
    public void A_point_on_a_shared_border_goes_to_the_region_listed_first()
    {
        // (31.234, 121.47) is a vertex of the river border between Old Town (north) and Riverside (south).
        Assert.Equal("old-town", Map.Locate(new Position(31.234, 121.47))?.Id);
        Assert.Equal("riverside", Map.Locate(new Position(31.2339, 121.47))?.Id);
    }

    [Theory]
    [InlineData("university", new[] { "old-town", "airport" })]
    [InlineData("old-town", new[] { "university", "harbour", "airport", "riverside" })]
    [InlineData("harbour", new[] { "old-town", "riverside", "tech-park" })]
    [InlineData("airport", new[] { "university", "old-town", "riverside" })]
    [InlineData("riverside", new[] { "old-town", "harbour", "airport", "tech-park" })]
    [InlineData("tech-park", new[] { "harbour", "riverside" })]
    public void Neighbours_are_the_districts_sharing_a_border(string id, string[] expected) =>
        Assert.Equal(expected, Map.NeighboursOf(id).Select(r => r.Id));

    [Fact]
    public void One_district_auto_accepts_and_one_dispatches_in_batches()
    {
        Assert.Equal(["tech-park"], Map.All.Where(r => r.AutoAccept).Select(r => r.Id));
        Assert.Equal(["old-town"], Map.All.Where(r => r.Mode == DispatchMode.Batch).Select(r => r.Id));
        Assert.Equal("Old Town", Map.Get("old-town").Name);
        Assert.Equal(45, Map.Get("airport").SpeedKmh);
    }

    [Fact]
    public void Districts_do_not_overlap_and_have_city_sizes()
    {
        var regions = Map.All;
        foreach (var a in regions)
        {
            foreach (var b in regions.Where(b => b != a))
            {
                Assert.Equal(0, a.Area.Intersection(b.Area).Area, 12);
            }

            var projection = new LocalProjection(31.23);
            var km2 = projection.ToMeters(a.Area).Area / 1e6;
            Assert.InRange(km2, 25, 100);
        }

        var total = new LocalProjection(31.23).ToMeters(regions.Select(r => r.Area).Aggregate((x, y) => x.Union(y))).Area / 1e6;
        Assert.InRange(total, 20 * 15 * 0.95, 20 * 15 * 1.05);
    }

    [Fact]
    public void Get_names_an_unknown_region()
    {
        var e = Assert.Throws<KeyNotFoundException>(() => Map.Get("downtown"));
        Assert.Contains("downtown", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_center_of_a_district_is_the_middle_of_its_bounding_box()
    {
        var center = Map.Get("tech-park").Center;
        Assert.Equal((31.1625 + 31.231) / 2, center.Lat, 9);
        Assert.Equal((121.503 + 121.575) / 2, center.Lon, 9);
    }
}
