using System.Text.Json;

namespace Dispatch.Silo.Projections;

/// <summary>An event as the projector reads it from the log: with where it stands in commit order.</summary>
public sealed record LoggedEvent(
    string Tx,
    long Position,
    string Stream,
    long Sequence,
    string Type,
    DateTimeOffset At,
    string ActorName,
    string ActorRole,
    JsonElement Data)
{
    public string? Text(string property) =>
        Data.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public string? Detail(string key) =>
        Data.TryGetProperty("details", out var details) && details.ValueKind == JsonValueKind.Object
        && details.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public int? Number(string key) => int.TryParse(Detail(key), System.Globalization.NumberStyles.Integer,
        System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;
}
