using System.Text.Json;

namespace Dispatch.Silo.Projections;

/// <summary>An event as the projector reads it from the log: with where it stands in commit order.</summary>
/// <remarks>
/// Its data is parsed on first use: every follower (the read models, the webhook and customer-mail routers) reads every
/// event of the log, and the routers look into the data of few of them. A follower may also leave the data of the events
/// it does not look into unread (<see cref="CommittedEventLog.ReadFinalEventsAsync"/>); asking for it is then a bug.
/// </remarks>
public sealed class LoggedEvent(
    string tx,
    long position,
    string stream,
    long sequence,
    string type,
    DateTimeOffset at,
    string actorName,
    string actorRole,
    string? dataJson)
{
    private JsonElement? _data;

    public string Tx { get; } = tx;

    public long Position { get; } = position;

    public string Stream { get; } = stream;

    public long Sequence { get; } = sequence;

    public string Type { get; } = type;

    public DateTimeOffset At { get; } = at;

    public string ActorName { get; } = actorName;

    public string ActorRole { get; } = actorRole;

    /// <summary>The data as the log holds it (JSON text).</summary>
    public string DataJson => dataJson
        ?? throw new InvalidOperationException($"the data of {Stream}#{Sequence} ({Type}) was not read from the log");

    public JsonElement Data => _data ??= Parse(DataJson);

    public string? Text(string property) =>
        Data.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public string? Detail(string key) =>
        Data.TryGetProperty("details", out var details) && details.ValueKind == JsonValueKind.Object
        && details.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public int? Number(string key) => int.TryParse(Detail(key), System.Globalization.NumberStyles.Integer,
        System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
