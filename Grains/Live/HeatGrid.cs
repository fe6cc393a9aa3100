using System.Globalization;

namespace Dispatch.Grains.Live;

/// <summary>The heatmap's grid: cells of 0.01° (about 1 km), named "lat:lon" in hundredths of a degree.</summary>
public static class HeatGrid
{
    public static string CellOf(double lat, double lon) =>
        string.Create(CultureInfo.InvariantCulture, $"{(int)Math.Floor(lat * 100)}:{(int)Math.Floor(lon * 100)}");

    public static (double Lat, double Lon) CentreOf(string cell)
    {
        var parts = cell.Split(':');
        return ((int.Parse(parts[0], CultureInfo.InvariantCulture) + 0.5) / 100, (int.Parse(parts[1], CultureInfo.InvariantCulture) + 0.5) / 100);
    }

    public static string KeyOf(HeatCell cell) => $"{cell.Layer}:{cell.Cell}";
}
