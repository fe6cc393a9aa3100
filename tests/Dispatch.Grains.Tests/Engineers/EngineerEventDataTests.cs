using System.Text.Json;
using Dispatch.Domain.Devices;
using Dispatch.Domain.Engineers;
using Dispatch.Domain.Geo;
using Dispatch.Grains.Engineers;

namespace Dispatch.Grains.Tests.Engineers;

/// <summary>
/// The data of engineer events, as the event log, the read model and webhooks read it. The texts below are what the
/// JSON serializer wrote before the data was written field by field; every kind of event was compared with it then.
/// </summary>
public sealed class EngineerEventDataTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
    private static readonly EngineerActor Admin = new("ann", "admin");
    private static readonly EngineerActor Self = new("eng-1", "engineer");
    private static readonly EngineerRules Rules = new(DeviceTimeRule.Default, 150, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(1));

    [Fact]
    public void A_registration_writes_the_profile_and_the_standing_with_nulls_and_escaped_text()
    {
        Assert.Equal(
            """{"profile":{"name":"Zo\u00EB \u0022Z\u0022 \u738B \u003Cb\u003E","skills":{"plumbing":80,"gas-safe":55},"homeBase":{"lat":31.2304,"lon":121.4737},"shiftCalendar":null,"capacity":1,"phone":null},"why":null,"engineer":{"name":"Zo\u00EB \u0022Z\u0022 \u738B \u003Cb\u003E","phone":null,"skills":{"plumbing":80,"gas-safe":55},"capacity":1,"shiftCalendar":null,"homeBase":{"lat":31.2304,"lon":121.4737},"presence":"Offline","status":"Offline","region":null,"offer":null,"jobs":[],"lastSeen":null}}""",
            Walk()["engineer.registered"][0]);
    }

    [Fact]
    public void A_changed_profile_names_what_changed()
    {
        Assert.Equal(
            """{"profile":{"name":"Zo\u00EB Wang","skills":{"plumbing":90},"homeBase":{"lat":31.2304,"lon":121.4737},"shiftCalendar":"shanghai-office","capacity":2,"phone":"\u002B86 21 5555"},"changed":["name","shiftCalendar","phone"],"why":null,"engineer":{"name":"Zo\u00EB Wang","phone":"\u002B86 21 5555","skills":{"plumbing":80,"gas-safe":55},"capacity":1,"shiftCalendar":"shanghai-office","homeBase":{"lat":31.2304,"lon":121.4737},"presence":"Offline","status":"Offline","region":null,"offer":null,"jobs":[],"lastSeen":null}}""",
            Walk()["engineer.profile-changed"][0]);
    }

    [Fact]
    public void A_position_without_accuracy_writes_null_and_the_engineer_last_seen_there()
    {
        Assert.Equal(
            """{"lat":31.2311,"lon":121.4701,"accuracyMeters":null,"flagged":false,"why":null,"engineer":{"name":"Zo\u00EB Wang","phone":"\u002B86 21 5555","skills":{"plumbing":90},"capacity":2,"shiftCalendar":"shanghai-office","homeBase":{"lat":31.2304,"lon":121.4737},"presence":"Available","status":"Available","region":null,"offer":null,"jobs":[],"lastSeen":{"lat":31.2311,"lon":121.4701,"at":"2026-11-30T09:00:10+00:00","flagged":false}}}""",
            Walk()["engineer.seen"][0]);
    }

    [Fact]
    public void An_offer_writes_its_expiry_to_the_tick_and_its_distance_to_the_decimetre()
    {
        Assert.Equal(
            """{"ticketId":"t-1","expiresAt":"2026-11-30T09:02:00.1234567+00:00","distanceMeters":1234.6,"why":null,"engineer":{"name":"Zo\u00EB Wang","phone":"\u002B86 21 5555","skills":{"plumbing":90},"capacity":2,"shiftCalendar":"shanghai-office","homeBase":{"lat":31.2304,"lon":121.4737},"presence":"Available","status":"Offered","region":"harbour","offer":"t-1","jobs":[],"lastSeen":{"lat":35,"lon":125,"at":"2026-11-30T09:00:21+00:00","flagged":true}}}""",
            Walk()["engineer.offered"][0]);
    }

    [Fact]
    public void Every_kind_of_engineer_event_writes_its_change_then_why_then_the_engineer()
    {
        var written = Walk();

        Assert.Equal(17, written.Keys.Count); // every type of engineer event; presence changes and positions under several names
        foreach (var (what, texts) in written)
        {
            foreach (var text in texts)
            {
                var names = JsonDocument.Parse(text).RootElement.EnumerateObject().Select(p => p.Name).ToList();
                Assert.True(names[^2..] is ["why", "engineer"], $"{what}: {text}");
            }
        }
        Assert.StartsWith("""{"ticketId":"t-1","to":"OnSite","why":null,""", written["engineer.job-advanced"][1], StringComparison.Ordinal);
        Assert.StartsWith("""{"ticketId":"t-2","why":"declined: too far","engineer":""", written["engineer.offer-released"][0], StringComparison.Ordinal);
        Assert.StartsWith("""{"from":"Available","to":"OnBreak","why":"lunch","engineer":""", written["engineer.break-started"][0], StringComparison.Ordinal);
        Assert.StartsWith("""{"from":1,"to":2,"why":null,"engineer":""", written["engineer.capacity-changed"][0], StringComparison.Ordinal);
        Assert.StartsWith("""{"skills":{"plumbing":90},"why":null,"engineer":""", written["engineer.skills-changed"][0], StringComparison.Ordinal);
        Assert.StartsWith("""{"from":null,"to":"harbour","why":null,"engineer":""", written["engineer.region-changed"][0], StringComparison.Ordinal);
        Assert.StartsWith("""{"lat":35,"lon":125,"accuracyMeters":8,"flagged":true,"why":null,""", written["engineer.position-flagged"][0], StringComparison.Ordinal);
        Assert.Contains("\"jobs\":[\"t-3\"]", written["engineer.job-accepted"][1], StringComparison.Ordinal);
    }

    /// <summary>An engineer through every kind of event: each event's data, by event type, in order.</summary>
    private static Dictionary<string, List<string>> Walk()
    {
        var engineer = new Engineer(Rules, new EngineerRecord());
        var written = new Dictionary<string, List<string>>();
        void Do(EngineerDecision decision)
        {
            Assert.False(decision.Refused, decision.Refusal?.Why);
            foreach (var happened in decision.Events)
            {
                engineer.Apply(happened);
                (written.TryGetValue(happened.What, out var texts) ? texts : written[happened.What] = []).Add(EngineerEventData.Of(happened, engineer));
            }
        }
        var home = new Position(31.2304, 121.4737);
        Do(engineer.Register(new("Zoë \"Z\" 王 <b>", new Dictionary<string, int> { ["plumbing"] = 80, ["gas-safe"] = 55 }, home, null, 1, null), Admin, Start));
        Do(engineer.Register(new("Zoë Wang", new Dictionary<string, int> { ["plumbing"] = 90 }, home, "shanghai-office", 2, "+86 21 5555"), Admin, Start));
        Do(engineer.SetPresence(Presence.Available, Self, Start));
        Do(engineer.ReportPosition(new Position(31.2311, 121.4701), null, null, "harbour", Start.AddSeconds(10)).Decision);
        Do(engineer.ReportPosition(new Position(31.2312, 121.4702), Start.AddSeconds(20), 4.25, "harbour", Start.AddSeconds(20)).Decision);
        Do(engineer.ReportPosition(new Position(35.0, 125.0), Start.AddSeconds(21), 8, "harbour", Start.AddSeconds(21)).Decision);
        Do(engineer.Reserve(new JobOffer("t-1", Start.AddMinutes(1), Start.AddMinutes(2).AddTicks(1234567), 1234.5678, TimeSpan.FromMinutes(5)), onShift: true, Start.AddMinutes(1)));
        Do(engineer.Accept("t-1", Self, Start.AddMinutes(1)));
        Do(engineer.Advance("t-1", JobStep.EnRoute, Self, Start.AddMinutes(2)));
        Do(engineer.Advance("t-1", JobStep.OnSite, Self, Start.AddMinutes(3)));
        Do(engineer.Reserve(new JobOffer("t-2", Start.AddMinutes(4), Start.AddMinutes(5), 10, TimeSpan.FromMinutes(1)), onShift: true, Start.AddMinutes(4)));
        Do(engineer.Decline("t-2", Self, "too far", Start.AddMinutes(4)));
        Do(engineer.CompleteJob("t-1", Start.AddMinutes(6)));
        Do(engineer.Reserve(new JobOffer("t-3", Start.AddMinutes(7), Start.AddMinutes(8), 10, TimeSpan.FromMinutes(1)), onShift: true, Start.AddMinutes(7)));
        Do(engineer.Accept("t-3", Self, Start.AddMinutes(7)));
        Do(engineer.ReleaseJob("t-3", "ticket cancelled", Start.AddMinutes(8)));
        Do(engineer.SetPresence(Presence.OnBreak, Self, Start.AddMinutes(9), "lunch"));
        Do(engineer.SetPresence(Presence.Available, Self, Start.AddMinutes(10)));
        Do(engineer.SetPresence(Presence.Offline, Self, Start.AddMinutes(11)));
        return written;
    }
}
