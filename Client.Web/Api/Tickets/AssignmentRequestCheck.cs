using Dispatch.Grains.Engineers;
using Dispatch.Web.Api.Engineers;

namespace Dispatch.Web.Api.Tickets;

/// <summary>
/// The request of both ways to give a ticket to a chosen engineer (an offer by hand, a supervisor's forced
/// assignment), checked in one place: every bad field named at once, whether the engineer exists among them.
/// </summary>
internal static class AssignmentRequestCheck
{
    /// <returns>A problem to answer with, or the engineer and the reason to act on.</returns>
    public static async Task<(IResult? Problem, string EngineerId, string? Reason)> CheckAsync(string id, AssignRequest body, IClusterClient cluster)
    {
        var errors = new FieldErrors();
        var engineerId = errors.Identifier("engineerId", body.EngineerId);
        var reason = errors.Text("reason", body.Reason, 500);
        if (!FieldErrors.IsIdentifier(id))
        {
            return (errors.Any ? errors.ToProblem() : TicketResults.NotFound(id), "", null);
        }
        // Whether the engineer exists is named together with the other bad fields, not after them.
        if (engineerId is not null && await cluster.Grain<IEngineerGrain>(engineerId).GetView() is null)
        {
            errors.Add("engineerId", $"unknown engineer '{engineerId}'");
        }
        return errors.Any ? (errors.ToProblem(), "", null) : (null, engineerId!, reason);
    }
}
