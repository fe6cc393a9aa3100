using Dispatch.Domain.Dispatching;
using Dispatch.Domain.Sla;

namespace Dispatch.Domain.Tests.Dispatching;

public sealed class BatchAssignmentTests
{
    private static ScoreBreakdown Score(string engineer, double total, double urgency = 0) =>
        new(engineer, 1_000, TimeSpan.FromMinutes(5), total - urgency, 0, 0, urgency, total);

    [Fact]
    public void Each_engineer_goes_to_one_ticket_and_the_urgent_ticket_wins_the_contested_one()
    {
        var tickets = new[]
        {
            new BatchTicket(Priority.P4, [Score("e1", 0.2), Score("e2", 0.9)]),
            new BatchTicket(Priority.P1, [Score("e1", 3.4, urgency: 3)]),
            new BatchTicket(Priority.P3, []),
        };

        var assigned = BatchAssignment.Solve(tickets);

        Assert.Equal([(0, "e2"), (1, "e1")], assigned);
    }

    [Fact]
    public void A_batch_with_no_candidates_assigns_nothing()
    {
        Assert.Empty(BatchAssignment.Solve([new BatchTicket(Priority.P2, [])]));
        Assert.Empty(BatchAssignment.Solve([]));
    }
}
