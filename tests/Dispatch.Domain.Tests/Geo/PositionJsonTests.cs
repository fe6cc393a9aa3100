using System.Text.Json;
using Dispatch.Domain.Geo;

namespace Dispatch.Domain.Tests.Geo;

/// <summary>Positions reach the API, the hubs and event data as their latitude and longitude, nothing else.</summary>
public sealed class PositionJsonTests
{
    [Fact]
    public void A_position_is_its_latitude_and_longitude_in_json_and_back()
    {
        var json = JsonSerializer.Serialize(new Position(31.198, 121.4765), JsonSerializerOptions.Web);

        Assert.Equal("""{"lat":31.198,"lon":121.4765}""", json);
        Assert.Equal(new Position(31.198, 121.4765), JsonSerializer.Deserialize<Position>(json, JsonSerializerOptions.Web));
    }
}
