using System.Diagnostics.Metrics;
using System.Text;
using System.Text.Json;
using Dispatch.Grains.Events;
using Microsoft.Extensions.Logging;

namespace Dispatch.Silo.Events;

/// <summary>
/// Decides whether PostgreSQL can hold an event at all, before it joins a write. Input is checked at the edge,
/// so an event that fails here slipped past a rule: it must cost neither its own change nor anyone else's
/// write. It goes to <c>dispatch_event_quarantine</c> instead of the log, with the reason, and is reported
/// (an error in the log and the <c>dispatch.events.quarantined</c> counter), once, not retried.
/// </summary>
public sealed class EventQuarantine(ILogger<EventQuarantine> logger, IMeterFactory meters)
{
    public const string MeterName = Grains.Telemetry.DispatchMeters.EventLog;

    private readonly Counter<long> _quarantined = meters.Create(MeterName).CreateCounter<long>(
        "dispatch.events.quarantined", unit: "{event}", description: "Events the event log could not hold, set aside in dispatch_event_quarantine");

    /// <summary>Why the log cannot hold <paramref name="e"/>, or null when it can.</summary>
    public string? Judge(DomainEvent e)
    {
        var reason = Unstorable(e);
        if (reason is not null)
        {
            _quarantined.Add(1);
            logger.LogError("Event {Stream}#{Sequence} ({Type}) cannot be stored in the event log ({Reason}); it is quarantined in dispatch_event_quarantine",
                Printable(e.Stream), e.Sequence, Printable(e.Type), reason);
        }
        return reason;
    }

    /// <summary>The text as PostgreSQL's text type can hold it: U+0000 and unpaired surrogates become U+FFFD.</summary>
    public static string Printable(string text)
    {
        if (TextProblem(text) is null)
        {
            return text;
        }
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else
            {
                builder.Append(c == '\0' || char.IsSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return builder.ToString();
    }

    private static string? Unstorable(DomainEvent e) =>
        Field("stream", e.Stream) ?? Field("type", e.Type) ?? Field("actor name", e.Actor.Name) ?? Field("actor role", e.Actor.Role) ?? Data(e.Data);

    private static string? Field(string name, string value) => TextProblem(value) is { } problem ? $"its {name} {problem}" : null;

    /// <summary>jsonb holds no U+0000 and no unpaired surrogate, escaped or not, in any string or property name.</summary>
    private static string? Data(string data)
    {
        if (TextProblem(data) is { } raw)
        {
            return $"its data {raw}";
        }
        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(data));
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped
                    && TextProblem(reader.GetString()!) is { } problem)
                {
                    return $"a text in its data {problem}";
                }
            }
            return null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return $"its data is not valid JSON ({ex.Message})";
        }
    }

    private static string? TextProblem(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0')
            {
                return "contains U+0000";
            }
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return "contains an unpaired surrogate";
            }
        }
        return null;
    }
}
