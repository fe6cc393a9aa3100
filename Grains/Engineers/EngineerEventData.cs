using System.Buffers;
using System.Text;
using System.Text.Json;
using Dispatch.Domain.Engineers;

namespace Dispatch.Grains.Engineers;

/// <summary>
/// The JSON data of engineer events: what the change was, and the engineer as they stand after it ("engineer"),
/// so that the read model needs no other event to show them (engineers stored before events were logged appear
/// with their first event).
/// </summary>
/// <remarks>
/// Written field by field: every offer, accept and step of a job carries the engineer's standing, and serializing it
/// as anonymous objects in a dictionary (reflection over each value's runtime type) was about 2 % of a busy silo's CPU.
/// The text is the same as <see cref="JsonSerializer"/> with <see cref="JsonSerializerDefaults.Web"/> wrote: camelCase
/// names, nulls written, the default encoder, dictionaries' keys as they are (EngineerEventDataTests).
/// </remarks>
internal static class EngineerEventData
{
    // One buffer and writer per thread, reset for each event: nothing here awaits, so no other event can interleave.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_json;

    public static string Of(EngineerEvent happened, Engineer after)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        var json = t_json ??= new Utf8JsonWriter(buffer);
        json.Reset(buffer);
        json.WriteStartObject();
        WriteChange(json, happened);
        json.WriteString("why", happened.Why);
        json.WritePropertyName("engineer");
        WriteStanding(json, after);
        json.WriteEndObject();
        json.Flush();
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteChange(Utf8JsonWriter json, EngineerEvent happened)
    {
        switch (happened)
        {
            case EngineerRegistered r:
                WriteProfile(json, r.Card);
                break;
            case ProfileChanged p:
                WriteProfile(json, p.Card);
                json.WriteStartArray("changed");
                foreach (var aspect in p.Changed)
                {
                    json.WriteStringValue(aspect);
                }
                json.WriteEndArray();
                break;
            case SkillsChanged s:
                WriteSkills(json, s.Skills);
                break;
            case CapacityChanged c:
                json.WriteNumber("from", c.From);
                json.WriteNumber("to", c.To);
                break;
            case PresenceChanged p:
                json.WriteString("from", p.From.ToString());
                json.WriteString("to", p.To.ToString());
                break;
            case JobOffered o:
                json.WriteString("ticketId", o.Offer.TicketId);
                json.WriteString("expiresAt", o.Offer.ExpiresAt);
                json.WriteNumber("distanceMeters", Math.Round(o.Offer.DistanceMeters, 1));
                break;
            case OfferReleased o:
                json.WriteString("ticketId", o.TicketId);
                break;
            case JobAccepted a:
                json.WriteString("ticketId", a.TicketId);
                break;
            case JobAdvanced a:
                json.WriteString("ticketId", a.TicketId);
                json.WriteString("to", a.To.ToString());
                break;
            case JobReleased r:
                json.WriteString("ticketId", r.TicketId);
                break;
            case JobFinished f:
                json.WriteString("ticketId", f.TicketId);
                break;
            case PositionReported p:
                json.WriteNumber("lat", p.Fix.Point.Lat);
                json.WriteNumber("lon", p.Fix.Point.Lon);
                WriteNumberOrNull(json, "accuracyMeters", p.Fix.AccuracyMeters);
                json.WriteBoolean("flagged", p.Fix.Flagged);
                break;
            case RegionChanged r:
                json.WriteString("from", r.From);
                json.WriteString("to", r.To);
                break;
        }
    }

    private static void WriteProfile(Utf8JsonWriter json, EngineerCard card)
    {
        json.WriteStartObject("profile");
        json.WriteString("name", card.Name);
        WriteSkills(json, card.Skills);
        WriteHomeBase(json, card);
        json.WriteString("shiftCalendar", card.ShiftCalendar);
        json.WriteNumber("capacity", card.Capacity);
        json.WriteString("phone", card.Phone);
        json.WriteEndObject();
    }

    private static void WriteStanding(Utf8JsonWriter json, Engineer engineer)
    {
        var s = engineer.State;
        if (s.Card is not { } card)
        {
            json.WriteNullValue();
            return;
        }
        json.WriteStartObject();
        json.WriteString("name", card.Name);
        json.WriteString("phone", card.Phone);
        WriteSkills(json, card.Skills);
        json.WriteNumber("capacity", card.JobsAtOnce);
        json.WriteString("shiftCalendar", card.ShiftCalendar);
        WriteHomeBase(json, card);
        json.WriteString("presence", s.Presence.ToString());
        json.WriteString("status", engineer.Status.ToString());
        json.WriteString("region", s.Region);
        json.WriteString("offer", s.Offer?.TicketId);
        json.WriteStartArray("jobs");
        foreach (var ticketId in s.Jobs.Keys.Order(StringComparer.Ordinal))
        {
            json.WriteStringValue(ticketId);
        }
        json.WriteEndArray();
        if (s.LastReport is { } seen)
        {
            json.WriteStartObject("lastSeen");
            json.WriteNumber("lat", seen.Point.Lat);
            json.WriteNumber("lon", seen.Point.Lon);
            json.WriteString("at", seen.At);
            json.WriteBoolean("flagged", seen.Flagged);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("lastSeen");
        }
        json.WriteEndObject();
    }

    private static void WriteSkills(Utf8JsonWriter json, IReadOnlyDictionary<string, int> skills)
    {
        json.WriteStartObject("skills");
        foreach (var (skill, level) in skills)
        {
            json.WriteNumber(skill, level);
        }
        json.WriteEndObject();
    }

    private static void WriteHomeBase(Utf8JsonWriter json, EngineerCard card)
    {
        json.WriteStartObject("homeBase");
        json.WriteNumber("lat", card.HomeBase.Lat);
        json.WriteNumber("lon", card.HomeBase.Lon);
        json.WriteEndObject();
    }

    private static void WriteNumberOrNull(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
