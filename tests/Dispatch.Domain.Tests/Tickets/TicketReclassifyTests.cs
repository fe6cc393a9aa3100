using Dispatch.Domain.Devices;
using Dispatch.Domain.Tickets;

namespace Dispatch.Domain.Tests.Tickets;

public sealed class TicketReclassifyTests
{
    private static readonly ServiceType Repair = new("repair", new HashSet<ServiceStage> { ServiceStage.Triage, ServiceStage.Dispatch, ServiceStage.OnSite, ServiceStage.FollowUp });
    private static readonly ServiceType Consultation = new("consultation", new HashSet<ServiceStage> { ServiceStage.Triage, ServiceStage.FollowUp });
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
    private static readonly TicketActor Ann = new("ann", "dispatcher");

    [Fact]
    public void A_triaged_consultation_reclassified_as_a_repair_is_recorded_and_goes_on_to_dispatch()
    {
        var ticket = At(Consultation, TicketStatus.Triaged);

        var decision = ticket.Reclassify(Repair, ["gas-safe"], Ann, "needs a visit", Start);

        var reclassified = Assert.IsType<TicketReclassified>(decision.Events[0]);
        Assert.Equal("ticket.reclassified", reclassified.What);
        Assert.Equal("consultation", reclassified.Details!["fromServiceType"]);
        Assert.Equal("repair", reclassified.Details["serviceType"]);
        Assert.Equal("gas-safe", reclassified.Details["requiredSkills"]);
        var moved = Assert.IsType<TicketMoved>(decision.Events[1]);
        Assert.Equal(TicketStatus.Dispatching, moved.MovedTo);
        Apply(ticket, decision);
        Assert.Equal(("repair", TicketStatus.Dispatching), (ticket.State.ServiceTypeId, ticket.State.Status));
        Assert.Equal(["gas-safe"], ticket.State.RequiredSkills);
    }

    [Fact]
    public void A_dispatching_ticket_may_change_its_skills_but_not_become_a_type_without_dispatch()
    {
        var ticket = At(Repair, TicketStatus.Dispatching);

        var refused = ticket.Reclassify(Consultation, [], Ann, null, Start);
        Assert.True(refused.Refused);
        Assert.Empty(refused.Events);

        var decision = ticket.Reclassify(Repair, ["boiler"], Ann, null, Start);
        Assert.Single(decision.Events);
        Apply(ticket, decision);
        Assert.Equal(TicketStatus.Dispatching, ticket.State.Status);
        Assert.Equal(["boiler"], ticket.State.RequiredSkills);
    }

    [Fact]
    public void Once_offered_a_ticket_cannot_be_reclassified_and_the_same_classification_changes_nothing()
    {
        var offered = At(Repair, TicketStatus.Offered);
        Assert.Equal(RefusalCause.NotNow, offered.Reclassify(Repair, ["boiler"], Ann, null, Start).Refusal!.Cause);

        var triaged = At(Repair, TicketStatus.Triaged, ["boiler"]);
        var same = triaged.Reclassify(Repair, ["boiler"], Ann, null, Start);
        Assert.False(same.Refused);
        Assert.Empty(same.Events);
    }

    private static Ticket At(ServiceType service, TicketStatus status, List<string>? skills = null) =>
        new(service, DeviceTimeRule.Default, new TicketRecord
        {
            Status = status, ServiceTypeId = service.Id, RequiredSkills = skills ?? [], LastEventAt = Start.AddMinutes(-5),
        });

    private static void Apply(Ticket ticket, Decision decision)
    {
        Assert.False(decision.Refused, decision.Refusal?.Why);
        foreach (var e in decision.Events)
        {
            ticket.Apply(e);
        }
    }
}
