namespace Dispatch.Domain.Devices;

/// <summary>
/// When the time a phone says something happened is believed: for what an engineer reports (accepted, en route,
/// on site, resolved) and for positions. A phone that was offline sends what it recorded later, so its time is
/// honoured within <see cref="OfflineWindow"/> before the server received it, never ahead of the server beyond
/// <see cref="ClockSkew"/>, and never before the event it follows; otherwise the server's time counts, and the
/// judgement says why. The window bounds how far a late report can be backdated.
/// </summary>
/// <param name="OfflineWindow">How long before its receipt a reported time may lie: a phone's time offline.</param>
/// <param name="ClockSkew">How far a phone's clock may run ahead of the server's; such a time counts as the receipt time.</param>
public sealed record DeviceTimeRule(TimeSpan OfflineWindow, TimeSpan ClockSkew)
{
    public static readonly DeviceTimeRule Default = new(TimeSpan.FromHours(2), TimeSpan.FromSeconds(5));

    /// <param name="reported">The phone's time for the event, if it sent one.</param>
    /// <param name="receivedAt">When the server received the report.</param>
    /// <param name="previous">The time of the event this one follows, if any.</param>
    public DeviceTime Judge(DateTimeOffset? reported, DateTimeOffset receivedAt, DateTimeOffset? previous)
    {
        if (reported is not { } at)
        {
            return new DeviceTime(receivedAt, DeviceTimeVerdict.NotReported, null);
        }
        if (at > receivedAt + ClockSkew)
        {
            return new DeviceTime(receivedAt, DeviceTimeVerdict.AheadOfServer, reported);
        }
        if (at < receivedAt - OfflineWindow)
        {
            return new DeviceTime(receivedAt, DeviceTimeVerdict.OutsideOfflineWindow, reported);
        }
        if (previous is { } before && at < before)
        {
            return new DeviceTime(receivedAt, DeviceTimeVerdict.BeforePreviousEvent, reported);
        }
        return new DeviceTime(at > receivedAt ? receivedAt : at, DeviceTimeVerdict.Honoured, reported);
    }
}
