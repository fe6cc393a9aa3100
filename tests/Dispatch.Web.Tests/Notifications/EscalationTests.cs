using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using Dispatch.Domain.Sla;
using Dispatch.Domain.Tickets;
using Dispatch.Grains.Live;
using Dispatch.Grains.Notifications;
using Dispatch.Testing;
using Dispatch.Web.Tests.Infrastructure;
using Dispatch.Web.Tests.Live;
using Microsoft.AspNetCore.SignalR.Client;
using static Dispatch.Web.Tests.Infrastructure.JsonBody;

namespace Dispatch.Web.Tests.Notifications;

/// <summary>
/// Escalations reach people: the people on duty for a level's roles are told in their inbox, on their own
/// connections and by e-mail (to a real SMTP server); nobody acknowledging tells the next person, then the next
/// level, at its instant on the fake clock; acknowledging stops the chain and goes on the ticket's timeline.
/// </summary>
public sealed class EscalationTests(EscalationClusterFixture cluster) : IClassFixture<EscalationClusterFixture>
{
    private static readonly string[] EveryDay = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    private readonly LiveScenes _scenes = new(cluster);

    [Fact]
    public async Task An_unacknowledged_breach_tells_the_next_person_then_the_next_level_and_an_acknowledgement_stops_the_chain()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (first, second) = ($"first-{tag}", $"second-{tag}");
        var (agents, leads) = ($"agents-{tag}", $"leads-{tag}");
        var lead = $"lead-{tag}";
        await RotaAsync(LiveScenes.Region, agents, (first, "00:00", "00:00"), (second, "00:00", "00:00"));
        await RotaAsync(LiveScenes.Region, leads, (lead, "00:00", "00:00"));
        await PolicyAsync(agents, leads);
        await using var firstHub = await ConnectAsPersonAsync(first);
        await using var secondHub = await ConnectAsPersonAsync(second);
        var firstPushes = Listen(firstHub);
        var secondPushes = Listen(secondHub);

        var opened = cluster.Clock.GetUtcNow();
        var ticketId = await _scenes.TicketAsync(LiveClusterFixture.FastTier, "skill-none-" + tag);
        var alertId = $"{ticketId}:response";
        cluster.Clock.Advance(TimeSpan.FromMinutes(10)); // the breach

        var mail = (await cluster.Mail.WaitFor(Email(first))).Single();
        Assert.Contains($"{EscalationClusterFixture.ConsoleUrl}#ticket={ticketId}", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(ticketId, mail.Subject + mail.TextBody, StringComparison.Ordinal);
        var inbox = await InboxAsync(first);
        var told = Assert.Single(inbox, n => n.TicketId == ticketId);
        Assert.Equal((alertId, 1, agents), (told.AlertId, told.Level, told.Role));
        Assert.Equal(opened + TimeSpan.FromMinutes(10), told.At);
        var pushed = await firstPushes.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal((first, alertId), (pushed.UserName, pushed.AlertId));
        Assert.Empty(cluster.Mail.To(Email(second)));
        Assert.Empty(await InboxAsync(lead));

        cluster.Clock.Advance(EscalationClusterFixture.AcknowledgeWithin); // nobody acknowledged: the next on duty
        await cluster.Mail.WaitFor(Email(second));
        Assert.Equal(opened + TimeSpan.FromMinutes(10) + EscalationClusterFixture.AcknowledgeWithin, Assert.Single(await InboxAsync(second)).At);
        var secondPushed = await secondPushes.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(second, secondPushed.UserName); // a person's connections hear only of their own notifications

        cluster.Clock.Advance(EscalationClusterFixture.AcknowledgeWithin); // nobody left at level 1: the next level
        await cluster.Mail.WaitFor(Email(lead));
        var leadNotification = Assert.Single(await InboxAsync(lead));
        Assert.Equal((2, leads), (leadNotification.Level, leadNotification.Role));

        using var leadClient = await ClientAsPersonAsync(lead, "supervisor");
        var ack = await leadClient.PostAsync($"/api/inbox/{leadNotification.Id}/acknowledge", null);
        Assert.Equal(HttpStatusCode.NoContent, ack.StatusCode);

        var chain = await cluster.Grains.GetGrain<IAlertGrain>(alertId).View();
        Assert.True(chain!.Acknowledged);
        Assert.Null(chain.NextAt);
        Assert.Equal([first, second, lead], chain.Told);
        using var dispatcher = await cluster.App.ClientAsAsync("dispatcher");
        var ticket = await dispatcher.GetFromJsonAsync<JsonElement>($"/api/tickets/{ticketId}");
        var acknowledged = Assert.Single(ticket.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("what").GetString() == "alert.acknowledged");
        Assert.Equal(lead, acknowledged.GetProperty("by").GetString());
        Assert.Contains(ticket.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("what").GetString() == "alert.raised");
        await Eventually.Until(async () => await InboxAsync(first), n => n.Single().AcknowledgedBy == lead, TimeSpan.FromSeconds(30), "the acknowledgement in the first person's inbox");
        await Eventually.Until(() => cluster.Database.QueryScalarAsync<long>(
            $"SELECT count(*) FROM dispatch_events WHERE stream = 'ticket:{ticketId}' AND type = 'alert.acknowledged'"), n => n == 1, what: "the acknowledgement in the event log");

        cluster.Clock.Advance(EscalationClusterFixture.AcknowledgeWithin); // the chain stopped: nobody else is told
        var view = await cluster.Grains.GetGrain<IAlertGrain>(alertId).View();
        Assert.Equal(3, view!.Told.Count);
        Assert.Single(cluster.Mail.To(Email(first)));
    }

    [Fact]
    public async Task Each_ladder_step_gives_the_people_it_tells_its_own_time_to_acknowledge()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (first, second, lead, deputy) = ($"first-{tag}", $"second-{tag}", $"lead-{tag}", $"deputy-{tag}");
        var (agents, leads) = ($"agents-{tag}", $"leads-{tag}");
        await RotaAsync(LiveScenes.Region, agents, (first, "00:00", "00:00"), (second, "00:00", "00:00"));
        await RotaAsync(LiveScenes.Region, leads, (lead, "00:00", "00:00"), (deputy, "00:00", "00:00"));
        // Two minutes for the agents, seven for the leads; the fixture's default (five) for neither.
        await PolicyAsync(agents, leads, breachAcknowledgeWithin: "00:02:00", leadAcknowledgeWithin: "00:07:00");

        var ticketId = await _scenes.TicketAsync(LiveClusterFixture.FastTier, "skill-none-" + tag);
        cluster.Clock.Advance(TimeSpan.FromMinutes(10)); // the breach tells the first agent
        await cluster.Mail.WaitFor(Email(first));
        var breachAt = Assert.Single(await InboxAsync(first)).At;

        cluster.Clock.Advance(TimeSpan.FromMinutes(2)); // the breach step's own time: the second agent
        await cluster.Mail.WaitFor(Email(second));
        Assert.Equal(breachAt + TimeSpan.FromMinutes(2), Assert.Single(await InboxAsync(second)).At);

        cluster.Clock.Advance(TimeSpan.FromMinutes(2)); // nobody left at level 1: the lead
        await cluster.Mail.WaitFor(Email(lead));
        var leadTold = Assert.Single(await InboxAsync(lead));
        Assert.Equal((2, breachAt + TimeSpan.FromMinutes(4)), (leadTold.Level, leadTold.At));
        var leadMail = Assert.Single(cluster.Mail.To(Email(lead)));
        Assert.Contains("within 00:07:00", leadMail.TextBody, StringComparison.Ordinal);

        cluster.Clock.Advance(TimeSpan.FromMinutes(7)); // the lead level's own time (not the five-minute default): the deputy
        await cluster.Mail.WaitFor(Email(deputy));
        Assert.Equal(breachAt + TimeSpan.FromMinutes(11), Assert.Single(await InboxAsync(deputy)).At);
        var chain = await cluster.Grains.GetGrain<IAlertGrain>($"{ticketId}:response").View();
        Assert.Equal([first, second, lead, deputy], chain!.Told);
    }

    [Fact]
    public async Task A_ladder_step_with_an_acknowledgement_time_out_of_range_is_refused_naming_the_field()
    {
        var policy = "esc-bad-" + Guid.NewGuid().ToString("N")[..6];
        using var admin = await cluster.App.ClientAsAsync("admin");
        var refused = await admin.PutAsync($"/api/sla/policies/{policy}", Json($$"""
            {"id": "{{policy}}", "name": "Too quick", "match": {"tiers": ["nobody-{{policy}}"]},
             "targets": [{"metric": "response", "target": "00:10:00", "calendar": "24x7"}],
             "ladder": [{"id": "breach", "kind": "breach", "percent": 100, "level": 1, "acknowledgeWithin": "00:00:00",
                         "actions": [{"type": "alertRole", "role": "agents"}]}]}
            """));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("ladder[0].acknowledgeWithin", out _), errors.ToString());
        Assert.DoesNotContain(policy, await admin.GetStringAsync("/api/sla/policies"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_ticket_shows_one_alert_card_per_clock_carrying_its_current_level()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        await PolicyAsync($"agents-{tag}", $"leads-{tag}");
        await using var dispatcher = await cluster.ConnectAsync("/hubs/dispatch", "dispatcher");
        var alerts = Channel.CreateUnbounded<AlertNote>();
        dispatcher.On<AlertNote[]>("alerts", batch => { foreach (var a in batch) { alerts.Writer.TryWrite(a); } });

        var ticketId = await _scenes.TicketAsync(LiveClusterFixture.FastTier, "skill-none-" + tag);
        cluster.Clock.Advance(TimeSpan.FromMinutes(10));
        var breach = await Eventually.Until(async () => await alerts.Reader.ReadAsync(), a => a.TicketId == ticketId && a.Level == 1, TimeSpan.FromSeconds(30), "the breach");
        cluster.Clock.Advance(TimeSpan.FromMinutes(30));
        var escalated = await Eventually.Until(async () => await alerts.Reader.ReadAsync(), a => a.TicketId == ticketId && a.Level == 2, TimeSpan.FromSeconds(30), "the escalation");

        Assert.Equal(breach.Id, escalated.Id);
        Assert.Equal("escalation", escalated.Kind);
        var snapshot = await dispatcher.InvokeAsync<BoardSnapshot>("Snapshot");
        var card = Assert.Single(snapshot.Alerts, a => a.TicketId == ticketId);
        Assert.Equal((2, "response"), (card.Level, card.Metric));
        using var client = await cluster.App.ClientAsAsync("dispatcher");
        var timeline = (await client.GetFromJsonAsync<JsonElement>($"/api/tickets/{ticketId}")).GetProperty("timeline").EnumerateArray().ToList();
        Assert.Single(timeline, e => e.GetProperty("what").GetString() == "alert.raised");
        var changed = Assert.Single(timeline, e => e.GetProperty("what").GetString() == "alert.level-changed");
        Assert.Equal("2", changed.GetProperty("details").GetProperty("level").GetString());
    }

    [Fact]
    public async Task A_VIP_P1_request_untaken_for_two_hours_reaches_the_service_director_on_duty()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var director = $"director-{tag}";
        await RotaAsync(LiveScenes.Region, "director", (director, "00:00", "00:00"));
        using var admin = await cluster.App.ClientAsAsync("admin");
        var ticketId = await VipTicketAsync(tag, "P1");

        cluster.Clock.Advance(TimeSpan.FromHours(2));

        // The VIP policy's own ladder may reach its director level by then as well: that is a second alert (the response clock).
        await RuleMailAsync(director, ticketId);
        var told = Assert.Single(await InboxAsync(director), n => n.AlertId == $"{ticketId}:rule:vip-p1-unaccepted");
        Assert.Equal((3, "director", "rule"), (told.Level, told.Role, told.Kind));
        using var directorClient = await ClientAsPersonAsync(director, "director");
        Assert.Equal(HttpStatusCode.NoContent, (await directorClient.PostAsync($"/api/inbox/{told.Id}/acknowledge", null)).StatusCode);
        var ticket = await admin.GetFromJsonAsync<JsonElement>($"/api/tickets/{ticketId}");
        Assert.Contains(ticket.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("what").GetString() == "alert.acknowledged" && e.GetProperty("by").GetString() == director);
    }

    [Fact]
    public async Task An_unacknowledged_rule_alert_tells_the_next_person_at_the_rules_own_time_then_the_ladders_next_level()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (first, second, director) = ($"sup1-{tag}", $"sup2-{tag}", $"dir-{tag}");
        await RotaAsync(LiveScenes.Region, "supervisor", (first, "00:00", "00:00"), (second, "00:00", "00:00"));
        await RotaAsync(LiveScenes.Region, "director", (director, "00:00", "00:00"));
        var ticketId = await VipTicketAsync(tag, "P2");
        var alertId = $"{ticketId}:rule:{EscalationClusterFixture.SupervisorRule}";
        var within = EscalationClusterFixture.SupervisorRuleAcknowledgeWithin;
        var opened = cluster.Clock.GetUtcNow();

        cluster.Clock.Advance(TimeSpan.FromHours(1)); // untaken for an hour: the rule tells the first supervisor
        var told = await ToldAsync(first, alertId);
        Assert.Equal((2, "supervisor", "rule", opened + TimeSpan.FromHours(1)), (told.Level, told.Role, told.Kind, told.At));
        var mail = await RuleMailAsync(first, ticketId);
        Assert.Contains("within 00:03:00", mail.TextBody, StringComparison.Ordinal); // the rule's own time, not the default
        Assert.DoesNotContain(await InboxAsync(second), n => n.AlertId == alertId);

        cluster.Clock.Advance(within); // the rule's time, shorter than the default: the second supervisor
        Assert.Equal(opened + TimeSpan.FromHours(1) + within, (await ToldAsync(second, alertId)).At);
        Assert.DoesNotContain(await InboxAsync(director), n => n.AlertId == alertId);

        cluster.Clock.Advance(within); // no supervisor left: the ladder's level above the rule's, the director
        var directorTold = await ToldAsync(director, alertId);
        Assert.Equal((3, "director", opened + TimeSpan.FromHours(1) + 2 * within), (directorTold.Level, directorTold.Role, directorTold.At));
        await RuleMailAsync(director, ticketId);

        using var directorClient = await ClientAsPersonAsync(director, "director");
        Assert.Equal(HttpStatusCode.NoContent, (await directorClient.PostAsync($"/api/inbox/{directorTold.Id}/acknowledge", null)).StatusCode);
        cluster.Clock.Advance(EscalationClusterFixture.AcknowledgeWithin); // acknowledged: nobody else is told
        var chain = await cluster.Grains.GetGrain<IAlertGrain>(alertId).View();
        Assert.True(chain!.Acknowledged);
        Assert.Null(chain.NextAt);
        Assert.Equal([first, second, director], chain.Told);
        using var admin = await cluster.App.ClientAsAsync("admin");
        var ticket = await admin.GetFromJsonAsync<JsonElement>($"/api/tickets/{ticketId}");
        Assert.Contains(ticket.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("what").GetString() == "alert.acknowledged" && e.GetProperty("by").GetString() == director);
    }

    [Fact]
    public async Task A_customers_health_low_and_process_review_alerts_tell_the_supervisors_of_its_region_only()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (harbour, riverside) = ($"harbour-sup-{tag}", $"riverside-sup-{tag}");
        await RotaAsync("harbour", "supervisor", (harbour, "00:00", "00:00"));
        await RotaAsync(LiveScenes.Region, "supervisor", (riverside, "00:00", "00:00"));
        var customerId = "low-" + tag;
        using var admin = await cluster.App.ClientAsAsync("admin");
        // The first site is in the harbour region: the customer's region. The second, in riverside, does not count.
        (await admin.PutAsync($"/api/customers/{customerId}", Json("""
            {"name": "Harbour Clinics", "tier": "standard",
             "sites": [{"id": "quay", "name": "Quay", "lat": 31.26, "lon": 121.53}, {"id": "annex", "name": "Annex", "lat": 31.198, "lon": 121.4765}]}
            """))).EnsureSuccessStatusCode();

        var customer = cluster.Grains.GetGrain<Dispatch.Grains.Customers.ICustomerGrain>(customerId);
        var now = cluster.Clock.GetUtcNow();
        for (var i = 0; i < 5; i++)
        {
            // Breached P1 jobs in a row bring the customer's health below the alert threshold.
            await customer.TrackTicket(new Dispatch.Grains.Customers.CustomerTicket($"{customerId}-t{i}", "Scanner down", Priority.P1, "repair", TicketStatus.Closed,
                now.AddDays(-2), now.AddDays(-1), SlaBreached: true, IsOpen: false));
        }

        var told = await Eventually.Until(async () => await InboxAsync(harbour), n => n.Any(x => x.CustomerId == customerId), TimeSpan.FromSeconds(30), "the health-low notification");
        var notification = Assert.Single(told, n => n.CustomerId == customerId);
        Assert.Equal(("health-low", "supervisor", (string?)null), (notification.Kind, notification.Role, notification.TicketId));
        Assert.Equal($"{EscalationClusterFixture.ConsoleUrl}#customer={customerId}", notification.Link);
        var mail = (await cluster.Mail.WaitFor(Email(harbour))).Single();
        Assert.Contains($"#customer={customerId}", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(await InboxAsync(riverside), n => n.CustomerId == customerId);

        using var supervisor = await ClientAsPersonAsync(harbour, "supervisor");
        Assert.Equal(HttpStatusCode.NoContent, (await supervisor.PostAsync($"/api/inbox/{notification.Id}/acknowledge", null)).StatusCode);
        var chain = await cluster.Grains.GetGrain<IAlertGrain>(notification.AlertId).View();
        Assert.True(chain!.Acknowledged);
        Assert.Equal([harbour], chain.Told);

        for (var i = 0; i < 3; i++)
        {
            // Three unhappy customers in a row blaming dispatch: the process is reviewed.
            await customer.RecordSurvey(new Dispatch.Grains.Customers.SurveyResponse($"{customerId}-t{i}",
                new Dispatch.Grains.Customers.Survey(1, 0, "nobody came", "dispatch"), cluster.Clock.GetUtcNow()));
        }
        var review = (await Eventually.Until(async () => await InboxAsync(harbour), n => n.Any(x => x.CustomerId == customerId && x.Kind == "process-review"),
            TimeSpan.FromSeconds(30), "the process-review notification")).Single(n => n.CustomerId == customerId && n.Kind == "process-review");
        Assert.Equal("supervisor", review.Role);
        Assert.NotEqual(notification.AlertId, review.AlertId);
        Assert.DoesNotContain(await InboxAsync(riverside), n => n.CustomerId == customerId);
        Assert.Empty(cluster.Mail.To(Email(riverside)));
    }

    [Fact]
    public async Task A_rota_is_stored_and_read_back_and_a_bad_one_is_refused_naming_the_field()
    {
        using var admin = await cluster.App.ClientAsAsync("admin");
        var refused = await admin.PutAsync($"/api/admin/rotas/{LiveScenes.Region}/night-shift", Json("""
            {"timeZone": "Mars/Olympus", "shifts": [{"userName": "ann", "email": "not-mail", "days": ["monday"], "from": "25:00", "to": "06:00"}]}
            """));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("timeZone", out _));
        Assert.True(errors.TryGetProperty("shifts[0].email", out _));
        Assert.True(errors.TryGetProperty("shifts[0].from", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/admin/rotas/{LiveScenes.Region}/night-shift")).StatusCode);

        (await admin.PutAsync($"/api/admin/rotas/{LiveScenes.Region}/night-shift", Json("""
            {"timeZone": "Asia/Shanghai", "shifts": [{"userName": "ann", "email": "ann@mail.test", "days": ["monday", "friday"], "from": "22:00", "to": "06:00"}]}
            """))).EnsureSuccessStatusCode();
        var stored = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/rotas/{LiveScenes.Region}/night-shift");
        Assert.Equal("22:00", stored.GetProperty("shifts")[0].GetProperty("from").GetString());
        using var dispatcher = await cluster.App.ClientAsAsync("dispatcher");
        Assert.Equal(HttpStatusCode.Forbidden, (await dispatcher.GetAsync($"/api/admin/rotas/{LiveScenes.Region}/night-shift")).StatusCode);
    }

    private static string Email(string person) => $"{person}@mail.test";

    /// <summary>
    /// The person's notification of that alert, once it is in their inbox and the alert has finished the turn that told
    /// them.
    /// </summary>
    /// <remarks>
    /// The alert delivers to the inbox before it arms its timer for the next step, in the same turn. A test that moved
    /// the fake clock in between had the timer created after the move, due one step later than the chain's instant, and
    /// waited for a telling that never came. The alert's view, a call, waits for that turn to end.
    /// </remarks>
    private async Task<PersonNotification> ToldAsync(string person, string alertId)
    {
        var told = (await Eventually.Until(async () => await InboxAsync(person), n => n.Any(x => x.AlertId == alertId), TimeSpan.FromSeconds(30),
            $"{alertId} in {person}'s inbox")).Single(n => n.AlertId == alertId);
        await cluster.Grains.GetGrain<IAlertGrain>(alertId).View();
        return told;
    }

    /// <summary>The person's e-mail of a rule's alert about the ticket (other clocks of the ticket may mail them too).</summary>
    private async Task<MimeKit.MimeMessage> RuleMailAsync(string person, string ticketId)
    {
        bool OfTheRule(MimeKit.MimeMessage m) =>
            (m.Subject ?? "").Contains("rule", StringComparison.Ordinal) && (m.TextBody ?? "").Contains($"#ticket={ticketId}", StringComparison.Ordinal);
        var mails = await Eventually.Until(() => Task.FromResult(cluster.Mail.To(Email(person))), mails => mails.Any(OfTheRule), TimeSpan.FromSeconds(30), $"the rule's e-mail to {person}");
        return mails.Single(OfTheRule);
    }

    /// <summary>A VIP customer's untaken request (no engineer has its skill) of the given priority, in the riverside region.</summary>
    private async Task<string> VipTicketAsync(string tag, string priority)
    {
        var customer = "vip-" + tag;
        using var admin = await cluster.App.ClientAsAsync("admin");
        await admin.AddSkillAsync("skill-none-" + tag);
        (await admin.PutAsync($"/api/customers/{customer}", Json("""{"name": "Grand Hotel", "tier": "vip", "sites": []}"""))).EnsureSuccessStatusCode();
        var created = await admin.PostAsync("/api/tickets", Json($$"""
            {"customerId": "{{customer}}", "title": "Chiller down", "serviceType": "repair", "priority": "{{priority}}",
             "location": {"lat": {{LiveScenes.Lat}}, "lon": {{LiveScenes.Lon}}}, "requiredSkills": ["skill-none-{{tag}}"], "channel": "web"}
            """));
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    /// <summary>A rota for every day, each person on duty from..to (equal: all day), in the sample city's zone.</summary>
    private async Task RotaAsync(string region, string role, params (string Person, string From, string To)[] shifts)
    {
        using var admin = await cluster.App.ClientAsAsync("admin");
        var body = JsonSerializer.Serialize(new
        {
            timeZone = LiveClusterFixture.TimeZone,
            shifts = shifts.Select(s => new { userName = s.Person, email = Email(s.Person), days = EveryDay, from = s.From, to = s.To }),
        });
        (await admin.PutAsync($"/api/admin/rotas/{region}/{role}", Json(body))).EnsureSuccessStatusCode();
    }

    /// <summary>
    /// The fast tier's policy: breach at ten minutes tells the agents (level 1), half an hour later the leads (level 2);
    /// each step may give its own time to acknowledge.
    /// </summary>
    private async Task PolicyAsync(string agents, string leads, string? breachAcknowledgeWithin = null, string? leadAcknowledgeWithin = null)
    {
        static string Within(string? within) => within is null ? "" : $"\"acknowledgeWithin\": \"{within}\", ";
        var policy = "esc-" + Guid.NewGuid().ToString("N")[..6];
        using var admin = await cluster.App.ClientAsAsync("admin");
        (await admin.PutAsync($"/api/sla/policies/{policy}?position=0", Json($$"""
            {"id": "{{policy}}", "name": "Ten minutes", "match": {"tiers": ["{{LiveClusterFixture.FastTier}}"]},
             "targets": [{"metric": "response", "target": "00:10:00", "calendar": "24x7"}],
             "ladder": [
               {"id": "breach", "kind": "breach", "percent": 100, "level": 1, {{Within(breachAcknowledgeWithin)}}"actions": [{"type": "alertRole", "role": "{{agents}}"}]},
               {"id": "lead", "kind": "escalation", "afterBreach": "00:30:00", "level": 2, {{Within(leadAcknowledgeWithin)}}"actions": [{"type": "alertRole", "role": "{{leads}}"}]}]}
            """))).EnsureSuccessStatusCode();
    }

    private async Task<string> TokenAsync(string person, string role)
    {
        using var anonymous = cluster.App.CreateClient();
        var response = await anonymous.PostAsJsonAsync("/api/dev/token", new { role, name = person });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    private async Task<HttpClient> ClientAsPersonAsync(string person, string role = "dispatcher")
    {
        var client = cluster.App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(person, role));
        return client;
    }

    private async Task<IReadOnlyList<PersonNotification>> InboxAsync(string person)
    {
        using var client = await ClientAsPersonAsync(person);
        return (await client.GetFromJsonAsync<List<PersonNotification>>("/api/inbox"))!;
    }

    private async Task<HubConnection> ConnectAsPersonAsync(string person)
    {
        var token = await TokenAsync(person, "dispatcher");
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(cluster.BaseAddress, "/hubs/dispatch"), options => options.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        await connection.StartAsync();
        return connection;
    }

    private static Channel<PersonNotification> Listen(HubConnection hub)
    {
        var pushes = Channel.CreateUnbounded<PersonNotification>();
        hub.On<PersonNotification>("notification", n => pushes.Writer.TryWrite(n));
        return pushes;
    }
}
