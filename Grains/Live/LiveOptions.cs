namespace Dispatch.Grains.Live;

/// <summary>How the live board behaves, from the "Live" configuration section.</summary>
public sealed class LiveOptions
{
    public const string SectionName = "Live";

    /// <summary>
    /// The IANA time zone whose midnight starts the board's "today" (breaches today, SLA compliance today).
    /// UTC unless configured; the shipped Silo/appsettings.json sets the sample city's Asia/Shanghai.
    /// </summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>
    /// How often a region board stores its markers when only markers moved. Alerts and tallies are stored
    /// within a batch window (a quarter second) of changing; markers change all the time, and the next
    /// report repeats a marker anyway, so they are stored less often.
    /// </summary>
    public TimeSpan MarkerSaveEvery { get; set; } = TimeSpan.FromSeconds(2);
}
