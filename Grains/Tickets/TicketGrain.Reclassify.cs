using Dispatch.Grains.Common;

namespace Dispatch.Grains.Tickets;

/// <summary>Triage's correction of what the ticket is: service type and skills, through the ticket aggregate.</summary>
public sealed partial class TicketGrain
{
    public async Task<TicketReply> Reclassify(string serviceType, IReadOnlyList<string> requiredSkills, Actor by, string? reason)
    {
        if (options.Value.ServiceType(serviceType) is not { } to)
        {
            return TicketReply.Refused(RefusalKind.Invalid, $"unknown service type '{serviceType}'", "serviceType");
        }
        var book = await slaBook.CurrentAsync();
        return await Decide((ticket, now) => ticket.Reclassify(to, [.. requiredSkills.Distinct(StringComparer.Ordinal)], By(by), reason, now),
            applied: now =>
            {
                // The policy may match on the service type; a dispatching ticket asks its region again, with the new skills.
                Rematch(book, now, "reclassified");
                T.DispatchRequestedAt = null;
            });
    }
}
