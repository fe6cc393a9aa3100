using Dispatch.Domain.Dispatching;
using Dispatch.Domain.Sla;

namespace Dispatch.Domain.Tests.Dispatching;

public sealed class BatchCostTests
{
    [Fact]
    public void When_two_tickets_want_the_only_engineer_the_urgent_one_gets_it()
    {
        // The P1 ticket is a little farther and nearly out of time (urgency at its maximum); the P4 ticket is relaxed.
        var urgent = new ScoreBreakdown("e1", 3000, TimeSpan.FromMinutes(6), EtaCost: 0.2, ProficiencyCost: 0.1, LoadCost: 0, UrgencyCost: 3, Total: 3.3);
        var relaxed = new ScoreBreakdown("e1", 2000, TimeSpan.FromMinutes(4), EtaCost: 0.13, ProficiencyCost: 0.1, LoadCost: 0, UrgencyCost: 0.01, Total: 0.24);
        var cost = new double[2, 1];
        cost[0, 0] = BatchCost.Of(urgent, Priority.P1);
        cost[1, 0] = BatchCost.Of(relaxed, Priority.P4);

        var assignment = AssignmentSolver.Solve(cost);

        Assert.Equal((0, 0), Assert.Single(assignment));
        // The plain score would have given the engineer to the relaxed ticket.
        Assert.True(urgent.Total > relaxed.Total);
    }

    [Fact]
    public void Among_engineers_for_one_ticket_travel_skill_and_load_decide()
    {
        var near = new ScoreBreakdown("near", 500, TimeSpan.FromMinutes(1), 0.03, 0.2, 0, 0.5, 0.73);
        var far = new ScoreBreakdown("far", 9000, TimeSpan.FromMinutes(18), 0.6, 0.2, 0, 2.5, 3.3);
        Assert.True(BatchCost.Of(near, Priority.P2) < BatchCost.Of(far, Priority.P2));
        Assert.Equal(BatchCost.Of(near, Priority.P2) + 2, BatchCost.Of(near, Priority.P4), 9);
    }
}
