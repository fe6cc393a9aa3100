using System.Security.Claims;
using Dispatch.Grains.Engineers;
using Dispatch.Web.Auth;

namespace Dispatch.Web.Api.Field;

/// <summary>
/// Who may read the customer behind a job: the dispatch center always; an engineer only while the job is offered
/// to them or is one of their jobs, as their own grain (the authority on what they hold) says. A customer's name,
/// address and phone are not an engineer's to browse.
/// </summary>
public static class JobCustomerAccess
{
    public static async Task<bool> MayReadAsync(ClaimsPrincipal user, string ticketId, IClusterClient cluster)
    {
        if (user.IsInRole(Roles.Dispatcher) || user.IsInRole(Roles.Supervisor) || user.IsInRole(Roles.Admin))
        {
            return true;
        }
        if (!user.IsInRole(Roles.Engineer) || DispatchClaims.EngineerIdOf(user) is not { } engineerId || !FieldErrors.IsIdentifier(engineerId))
        {
            return false;
        }
        var engineer = await cluster.Grain<IEngineerGrain>(engineerId).GetView();
        return engineer is not null && (engineer.Offer?.TicketId == ticketId || engineer.Jobs.Contains(ticketId));
    }
}
