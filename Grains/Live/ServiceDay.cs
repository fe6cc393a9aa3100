using Microsoft.Extensions.Options;
using NodaTime;

namespace Dispatch.Grains.Live;

/// <summary>"Today" as the service lives it: the calendar day in the configured time zone, not the UTC day.</summary>
public sealed class ServiceDay(IOptions<LiveOptions> options)
{
    private readonly DateTimeZone _zone = ZoneOf(options.Value.TimeZone)
        ?? throw new InvalidOperationException($"{LiveOptions.SectionName}:TimeZone: '{options.Value.TimeZone}' is not an IANA time zone id");

    public DateOnly Of(DateTimeOffset instant) => Instant.FromDateTimeOffset(instant).InZone(_zone).Date.ToDateOnly();

    /// <summary>The service day the instant falls on, as [start, end) instants (a day of 23 or 25 hours at a clock change).</summary>
    public (DateTimeOffset Start, DateTimeOffset End) WindowOf(DateTimeOffset instant)
    {
        var date = Instant.FromDateTimeOffset(instant).InZone(_zone).Date;
        return (date.AtStartOfDayInZone(_zone).ToDateTimeOffset(), date.PlusDays(1).AtStartOfDayInZone(_zone).ToDateTimeOffset());
    }

    public static DateTimeZone? ZoneOf(string id) => DateTimeZoneProviders.Tzdb.GetZoneOrNull(id);
}
