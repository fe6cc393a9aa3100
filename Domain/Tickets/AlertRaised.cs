using System.Globalization;

namespace Dispatch.Domain.Tickets;

/// <summary>
/// The ticket's one alert for a clock (an SLA metric, or a rule) was raised, or (with <paramref name="FromLevel"/>)
/// rose to a higher level. <paramref name="Roles"/> are the roles the level tells, as shown.
/// </summary>
public sealed record AlertRaised(DateTimeOffset At, string Message, string AlertId, string Kind, int Level, string? Roles, int? FromLevel)
    : TicketEvent(At, TicketActor.System, Message)
{
    public override string What => FromLevel is null ? "alert.raised" : "alert.level-changed";

    public override IReadOnlyDictionary<string, string>? Details
    {
        get
        {
            var details = new Dictionary<string, string>
            {
                ["alert"] = AlertId,
                ["kind"] = Kind,
                ["level"] = Level.ToString(CultureInfo.InvariantCulture),
            };
            if (Roles is not null)
            {
                details["roles"] = Roles;
            }
            if (FromLevel is { } from)
            {
                details["from"] = from.ToString(CultureInfo.InvariantCulture);
            }
            return details;
        }
    }
}
