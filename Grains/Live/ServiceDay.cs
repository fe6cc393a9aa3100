using Microsoft.Extensions.Options;
using NodaTime;

namespace Dispatch.Grains.Live;

/// <summary>"Today" as the service lives it: the calendar day in the configured time zone, not the UTC day.</summary>
public sealed class ServiceDay(IOptions<LiveOptions> options)
{
    private readonly DateTimeZone _zone = ZoneOf(options.Value.TimeZone)
        ?? throw new InvalidOperationException($"{LiveOptions.SectionName}:TimeZone: '{options.Value.TimeZone}' is not an IANA time zone id");

    public DateOnly Of(DateTimeOffset instant) => Instant.FromDateTimeOffset(instant).InZone(_zone).Date.ToDateOnly();

    public static DateTimeZone? ZoneOf(string id) => DateTimeZoneProviders.Tzdb.GetZoneOrNull(id);
}
