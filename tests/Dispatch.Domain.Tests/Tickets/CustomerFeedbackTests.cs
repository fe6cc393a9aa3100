using Dispatch.Domain.Devices;
using Dispatch.Domain.Tickets;

namespace Dispatch.Domain.Tests.Tickets;

/// <summary>The customer's confirmation of a job and what the survey's answers lead to, decided by the aggregate.</summary>
public sealed class CustomerFeedbackTests
{
    private static readonly ServiceType Consultation = new("consultation", new HashSet<ServiceStage> { ServiceStage.Triage, ServiceStage.FollowUp });
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
    private static readonly TicketActor Customer = new("cust-1", "customer");
    private static readonly TicketActor Ann = new("ann", "dispatcher");

    [Fact]
    public void A_resolved_job_is_confirmed_once_per_resolution()
    {
        var ticket = new Ticket(Consultation, DeviceTimeRule.Default, new TicketRecord { LastEventAt = Start });
        Apply(ticket, ticket.Triage(Ann, null, Start));
        Assert.Equal(RefusalCause.NotNow, ticket.ConfirmCompletion(Customer, Start.AddMinutes(1)).Refusal!.Cause);
        Apply(ticket, ticket.Resolve(Ann, null, null, Start.AddHours(1)));

        var confirmed = ticket.ConfirmCompletion(Customer, Start.AddHours(2));

        var happened = Assert.IsType<CompletionConfirmed>(Assert.Single(confirmed.Events));
        Assert.Equal(("ticket.completion-confirmed", TicketStatus.Resolved, Customer), (happened.What, happened.To!.Value, happened.By));
        Assert.Empty(confirmed.Effects);
        Apply(ticket, confirmed);
        Assert.Equal(Start.AddHours(2), ticket.State.CompletionConfirmedAt);
        Assert.Empty(ticket.ConfirmCompletion(Customer, Start.AddHours(3)).Events);

        Apply(ticket, ticket.Reopen(Customer, "not done", TimeSpan.FromDays(7), Start.AddHours(4)));
        Assert.Null(ticket.State.CompletionConfirmedAt);
    }

    [Theory]
    [InlineData(2, 9, true)]
    [InlineData(1, null, true)]
    [InlineData(5, 6, true)]
    [InlineData(3, 7, false)]
    [InlineData(3, null, false)]
    public void Dissatisfied_customers_and_detractors_get_a_follow_up(int csat, int? nps, bool followUp)
    {
        var ticket = new Ticket(Consultation, DeviceTimeRule.Default, new TicketRecord { LastEventAt = Start });
        Apply(ticket, ticket.Triage(Ann, null, Start));
        Apply(ticket, ticket.Resolve(Ann, null, null, Start.AddHours(1)));
        var survey = new TicketSurvey(csat, nps, "meh", null, Ces: 3);

        var decision = ticket.RecordSurvey(survey, Customer, Start.AddHours(2));

        Assert.Equal(followUp, decision.Effects.Contains(new FollowUpFeedback(survey, Start.AddHours(2))));
        Assert.Equal("3", decision.Events[0].Details!["ces"]);
        Assert.DoesNotContain(ticket.RecordSurvey(survey, Customer, Start.AddHours(2), followsUpNegative: false).Effects, e => e is FollowUpFeedback);
    }

    private static void Apply(Ticket ticket, Decision decision)
    {
        Assert.False(decision.Refused, decision.Refusal?.Why);
        foreach (var e in decision.Events)
        {
            ticket.Apply(e);
        }
    }
}
