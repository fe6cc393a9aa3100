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
    public void A_ticket_awaits_an_engineer_along_the_path_until_it_is_offered_and_never_after()
    {
        var status = TicketStatus.New;
        var before = new List<TicketStatus> { status };
        foreach (var action in new[] { TicketAction.Triage, TicketAction.StartDispatch })
        {
            status = TicketLifecycle.Next(status, action, Repair).To!.Value;
            before.Add(status);
        }
        Assert.True(TicketLifecycle.Next(status, TicketAction.Offer, Repair).Allowed);
        var after = Enum.GetValues<TicketStatus>().Except(before).ToList();
        Assert.All(before, s => Assert.True(TicketLifecycle.AwaitsEngineer(s) && TicketLifecycle.IsOpen(s), $"{s}"));
        Assert.All(after, s => Assert.False(TicketLifecycle.AwaitsEngineer(s), $"{s}"));
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

    [Theory]
    [InlineData(TicketStatus.New, new[] { TicketAction.StartDispatch, TicketAction.Offer })]
    [InlineData(TicketStatus.Triaged, new[] { TicketAction.StartDispatch, TicketAction.Offer })]
    [InlineData(TicketStatus.Dispatching, new[] { TicketAction.Offer })]
    [InlineData(TicketStatus.Offered, new[] { TicketAction.LapseOffer, TicketAction.Offer })]
    [InlineData(TicketStatus.Accepted, new[] { TicketAction.Release, TicketAction.Offer })]
    [InlineData(TicketStatus.EnRoute, new[] { TicketAction.Release, TicketAction.Offer })]
    public void A_dispatcher_reassigns_through_the_table_and_ends_offered(TicketStatus from, TicketAction[] expected)
    {
        var reassignment = TicketLifecycle.Reassign(from, Repair);

        Assert.True(reassignment.Allowed, reassignment.Refusal);
        Assert.Equal(expected, reassignment.Path);
        var status = from;
        foreach (var action in reassignment.Path)
        {
            status = TicketLifecycle.Next(status, action, Repair).To!.Value;
        }
        Assert.Equal(TicketStatus.Offered, status);
    }

    [Theory]
    [InlineData(TicketStatus.OnSite)]
    [InlineData(TicketStatus.Waiting)]
    [InlineData(TicketStatus.Resolved)]
    [InlineData(TicketStatus.Closed)]
    [InlineData(TicketStatus.Cancelled)]
    public void A_ticket_past_dispatch_cannot_be_reassigned(TicketStatus from)
    {
        var reassignment = TicketLifecycle.Reassign(from, Repair);

        Assert.False(reassignment.Allowed);
        Assert.Empty(reassignment.Path);
        Assert.Contains("cannot be assigned", reassignment.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void A_service_without_dispatch_cannot_be_reassigned()
    {
        var reassignment = TicketLifecycle.Reassign(TicketStatus.Triaged, Consultation);

        Assert.False(reassignment.Allowed);
        Assert.Equal("a consultation ticket that is triaged cannot be assigned", reassignment.Refusal);
    }

    [Fact]
    public void The_moves_the_system_makes_on_its_own_are_in_the_table()
    {
        // Offer expiry, the automatic close after the survey window, and a close on survey receipt.
        Assert.Equal(TicketStatus.Dispatching, TicketLifecycle.Next(TicketStatus.Offered, TicketAction.LapseOffer, Repair).To);
        Assert.Equal(TicketStatus.Closed, TicketLifecycle.Next(TicketStatus.Resolved, TicketAction.Close, Repair).To);
        Assert.False(TicketLifecycle.Next(TicketStatus.Closed, TicketAction.Close, Repair).Allowed);
        Assert.False(TicketLifecycle.Next(TicketStatus.Dispatching, TicketAction.LapseOffer, Repair).Allowed);
        Assert.Equal(TicketStatus.New, TicketLifecycle.Initial);
    }

    [Fact]
    public void Dispatch_starts_only_for_service_types_that_dispatch()
    {
        Assert.Equal(TicketStatus.Dispatching, TicketLifecycle.Next(TicketStatus.New, TicketAction.StartDispatch, Repair).To);
        Assert.False(TicketLifecycle.Next(TicketStatus.New, TicketAction.StartDispatch, Consultation).Allowed);
        Assert.False(TicketLifecycle.Next(TicketStatus.Dispatching, TicketAction.StartDispatch, Repair).Allowed);
    }
}
