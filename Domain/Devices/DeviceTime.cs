namespace Dispatch.Domain.Devices;

/// <summary>The time that counts for something a device reported, and whose it is.</summary>
/// <param name="At">The time that counts.</param>
/// <param name="Verdict">Whether the device's own time was honoured, and if not, why.</param>
/// <param name="Reported">What the device said, if anything.</param>
public sealed record DeviceTime(DateTimeOffset At, DeviceTimeVerdict Verdict, DateTimeOffset? Reported)
{
    public bool IsDevices => Verdict == DeviceTimeVerdict.Honoured;

    /// <summary>For the timeline: why the server's time counts instead of the device's (null when it does not need saying).</summary>
    public string? Why(DeviceTimeRule rule) => Verdict switch
    {
        DeviceTimeVerdict.AheadOfServer => $"the device's clock was ahead of the server's by more than {rule.ClockSkew}",
        DeviceTimeVerdict.OutsideOfflineWindow => $"the device's time was more than {rule.OfflineWindow} before the server received it",
        DeviceTimeVerdict.BeforePreviousEvent => "the device's time was before the event it follows",
        _ => null,
    };
}

public enum DeviceTimeVerdict
{
    /// <summary>The device sent no time of its own.</summary>
    NotReported,
    Honoured,
    AheadOfServer,
    OutsideOfflineWindow,
    BeforePreviousEvent,
}
