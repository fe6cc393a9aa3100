using System.Globalization;
using Dispatch.Domain.Geo;

namespace Dispatch.Domain.Tests.Geo;

public sealed class RegionFileTests
{
    private const string Square = """{"type":"Polygon","coordinates":[[[121.40,31.20],[121.41,31.20],[121.41,31.21],[121.40,31.21],[121.40,31.20]]]}""";

    private static string Collection(params string[] features) =>
        $$"""{"type":"FeatureCollection","features":[{{string.Join(",", features)}}]}""";

    private static string Feature(string properties, string geometry = Square) =>
        $$"""{"type":"Feature","properties":{{properties}},"geometry":{{geometry}}}""";

    private static string Box(double west, double east) => string.Create(
        CultureInfo.InvariantCulture,
        $$"""{"type":"Polygon","coordinates":[[[{{west}},31.20],[{{east}},31.20],[{{east}},31.21],[{{west}},31.21],[{{west}},31.20]]]}""");

    private static RegionMapException Refused(string json) => Assert.Throws<RegionMapException>(() => RegionMap.FromGeoJson(json));

    [Fact]
    public void Optional_properties_take_their_defaults()
    {
        var map = RegionMap.FromGeoJson(Collection(Feature("""{"id":"a"}""")));

        var region = map.Get("a");
        Assert.Equal("a", region.Name);
        Assert.Equal(30, region.SpeedKmh);
        Assert.False(region.AutoAccept);
        Assert.Equal(DispatchMode.Greedy, region.Mode);
        Assert.Empty(region.Neighbours);
        Assert.Equal("a", map.Locate(new Position(31.205, 121.405))?.Id);
    }

    [Fact]
    public void A_multipolygon_region_is_found_in_each_of_its_parts()
    {
        var multi = """{"type":"MultiPolygon","coordinates":[[[[121.40,31.20],[121.41,31.20],[121.41,31.21],[121.40,31.21],[121.40,31.20]]],[[[121.50,31.20],[121.51,31.20],[121.51,31.21],[121.50,31.21],[121.50,31.20]]]]}""";
        var map = RegionMap.FromGeoJson(Collection(Feature("""{"id":"islands","mode":"Batch","autoAccept":true}""", multi)));

        Assert.Equal("islands", map.Locate(new Position(31.205, 121.405))?.Id);
        Assert.Equal("islands", map.Locate(new Position(31.205, 121.505))?.Id);
        Assert.Null(map.Locate(new Position(31.205, 121.455)));
        Assert.Equal(DispatchMode.Batch, map.Get("islands").Mode);
        Assert.True(map.Get("islands").AutoAccept);
    }

    [Fact]
    public void Regions_within_200_m_are_neighbours_when_the_file_lists_none()
    {
        // At 31.2°N 0.001° of longitude is about 95 m and 0.01° about 950 m.
        var map = RegionMap.FromGeoJson(Collection(
            Feature("""{"id":"a"}""", Box(121.400, 121.410)),
            Feature("""{"id":"b"}""", Box(121.411, 121.420)),
            Feature("""{"id":"c"}""", Box(121.430, 121.440))));

        Assert.Equal(["b"], map.Get("a").Neighbours);
        Assert.Equal(["a"], map.Get("b").Neighbours);
        Assert.Empty(map.Get("c").Neighbours);
    }

    [Fact]
    public void Listed_neighbours_override_geometry()
    {
        var map = RegionMap.FromGeoJson(Collection(
            Feature("""{"id":"a","neighbours":["c"]}""", Box(121.400, 121.410)),
            Feature("""{"id":"b"}""", Box(121.410, 121.420)),
            Feature("""{"id":"c","neighbours":[]}""", Box(121.430, 121.440))));

        Assert.Equal(["c"], map.NeighboursOf("a").Select(r => r.Id));
        Assert.Equal(["a"], map.NeighboursOf("b").Select(r => r.Id));
        Assert.Empty(map.NeighboursOf("c"));
    }

    [Fact]
    public void A_missing_id_is_refused() =>
        Assert.Contains("\"id\" is missing", Refused(Collection(Feature("""{"name":"Nameless"}"""))).Message, StringComparison.Ordinal);

    [Fact]
    public void A_duplicate_id_is_refused() =>
        Assert.Contains("'a' is used twice", Refused(Collection(Feature("""{"id":"a"}"""), Feature("""{"id":"a"}"""))).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("""{"type":"Point","coordinates":[121.4,31.2]}""", "not Point")]
    [InlineData("""{"type":"LineString","coordinates":[[121.4,31.2],[121.5,31.3]]}""", "not LineString")]
    public void A_geometry_that_is_not_a_polygon_is_refused(string geometry, string expected) =>
        Assert.Contains(expected, Refused(Collection(Feature("""{"id":"a"}""", geometry))).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("""{"id":"a","mode":"fastest"}""", "\"mode\" must be")]
    [InlineData("""{"id":"a","speedKmh":0}""", "\"speedKmh\" must be a positive number")]
    [InlineData("""{"id":"a","speedKmh":"fast"}""", "\"speedKmh\" must be a number")]
    [InlineData("""{"id":"a","autoAccept":"yes"}""", "\"autoAccept\" must be true or false")]
    [InlineData("""{"id":"a","neighbours":"b"}""", "\"neighbours\" must be an array")]
    [InlineData("""{"id":"a","neighbours":["zz"]}""", "neighbour 'zz', which is not in the file")]
    [InlineData("""{"id":"a","neighbours":["a"]}""", "lists itself")]
    [InlineData("""{"id":7}""", "\"id\" must be a string")]
    public void Bad_properties_are_refused_with_the_reason(string properties, string expected) =>
        Assert.Contains(expected, Refused(Collection(Feature(properties))).Message, StringComparison.Ordinal);

    [Fact]
    public void A_self_intersecting_polygon_is_refused()
    {
        var bowtie = """{"type":"Polygon","coordinates":[[[121.40,31.20],[121.41,31.21],[121.41,31.20],[121.40,31.21],[121.40,31.20]]]}""";
        Assert.Contains("not valid", Refused(Collection(Feature("""{"id":"a"}""", bowtie))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Latitude_first_coordinates_out_of_range_are_refused()
    {
        var swapped = """{"type":"Polygon","coordinates":[[[31.20,121.40],[31.20,121.41],[31.21,121.41],[31.21,121.40],[31.20,121.40]]]}""";
        Assert.Contains("GeoJSON order", Refused(Collection(Feature("""{"id":"a"}""", swapped))).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("""{"type":"Feature"}""", "must be a GeoJSON FeatureCollection")]
    [InlineData("""{"type":"FeatureCollection"}""", "no \"features\" array")]
    [InlineData("""{"type":"FeatureCollection","features":[]}""", "no features")]
    [InlineData("""{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"a"}}]}""", "has no geometry")]
    public void A_file_that_is_not_a_region_collection_is_refused(string json, string expected) =>
        Assert.Contains(expected, Refused(json).Message, StringComparison.Ordinal);

    [Fact]
    public void Errors_name_the_feature()
    {
        var message = Refused(Collection(Feature("""{"id":"a"}"""), Feature("""{"id":"b","mode":"x"}"""))).Message;
        Assert.StartsWith("Feature 1 ('b'):", message, StringComparison.Ordinal);
    }
}
