using Dispatch.Domain.Tickets;

namespace Dispatch.Domain.Tests.Tickets;

public sealed class TicketLifecycleTests
{
    private static readonly ServiceType Repair = new("repair", new HashSet<ServiceStage> { ServiceStage.Triage, ServiceStage.Dispatch, ServiceStage.OnSite, ServiceStage.FollowUp });
    private static readonly ServiceType Consultation = new("consultation", new HashSet<ServiceStage> { ServiceStage.Triage, ServiceStage.FollowUp });

    [Fact]
    public void A_repair_walks_the_whole_path()
    {
        var path = new (TicketAction Action, TicketStatus To)[]
        {
            (TicketAction.Triage, TicketStatus.Triaged),
            (TicketAction.StartDispatch, TicketStatus.Dispatching),
            (TicketAction.Offer, TicketStatus.Offered),
            (TicketAction.AcceptOffer, TicketStatus.Accepted),
            (TicketAction.StartTravel, TicketStatus.EnRoute),
            (TicketAction.Arrive, TicketStatus.OnSite),
            (TicketAction.Resolve, TicketStatus.Resolved),
            (TicketAction.Close, TicketStatus.Closed),
        };
        var status = TicketStatus.New;
        foreach (var (action, expected) in path)
        {
            var step = TicketLifecycle.Next(status, action, Repair);
            Assert.True(step.Allowed, step.Refusal);
            Assert.Equal(expected, step.To);
            status = expected;
        }
    }

    [Fact]
    public void A_consultation_has_no_dispatch_and_is_resolved_after_triage()
    {
        Assert.False(TicketLifecycle.Next(TicketStatus.Triaged, TicketAction.StartDispatch, Consultation).Allowed);
        Assert.Equal(TicketStatus.Resolved, TicketLifecycle.Next(TicketStatus.Triaged, TicketAction.Resolve, Consultation).To);
        Assert.False(TicketLifecycle.Next(TicketStatus.Triaged, TicketAction.Resolve, Repair).Allowed);
    }

    [Fact]
    public void Waiting_returns_to_the_state_it_came_from()
    {
        Assert.Equal(TicketStatus.Waiting, TicketLifecycle.Next(TicketStatus.OnSite, TicketAction.Wait, Repair).To);
        Assert.Equal(TicketStatus.OnSite, TicketLifecycle.Next(TicketStatus.Waiting, TicketAction.Resume, Repair, TicketStatus.OnSite).To);
        Assert.False(TicketLifecycle.Next(TicketStatus.Offered, TicketAction.Wait, Repair).Allowed);
        Assert.False(TicketLifecycle.Next(TicketStatus.Waiting, TicketAction.Wait, Repair).Allowed);
    }

    [Theory]
    [InlineData(TicketStatus.New, TicketAction.Resolve)]
    [InlineData(TicketStatus.Closed, TicketAction.Cancel)]
    [InlineData(TicketStatus.Cancelled, TicketAction.Reopen)]
    [InlineData(TicketStatus.Triaged, TicketAction.Resume)]
    [InlineData(TicketStatus.Dispatching, TicketAction.AcceptOffer)]
    [InlineData(TicketStatus.Resolved, TicketAction.Triage)]
    public void Transitions_that_do_not_exist_are_refused_with_a_reason(TicketStatus from, TicketAction action)
    {
        var step = TicketLifecycle.Next(from, action, Repair);
        Assert.False(step.Allowed);
        Assert.Null(step.To);
        Assert.Contains("repair ticket", step.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolved_and_closed_tickets_reopen_into_triage()
    {
        Assert.Equal(TicketStatus.Triaged, TicketLifecycle.Next(TicketStatus.Resolved, TicketAction.Reopen, Repair).To);
        Assert.Equal(TicketStatus.Triaged, TicketLifecycle.Next(TicketStatus.Closed, TicketAction.Reopen, Repair).To);
    }
}
