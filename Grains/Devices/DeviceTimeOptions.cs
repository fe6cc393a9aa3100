using Dispatch.Domain.Devices;

namespace Dispatch.Grains.Devices;

/// <summary>Configuration section "DeviceTime": the <see cref="DeviceTimeRule"/> for tickets and positions alike.</summary>
public sealed class DeviceTimeOptions
{
    public const string SectionName = "DeviceTime";

    public TimeSpan OfflineWindow { get; set; } = DeviceTimeRule.Default.OfflineWindow;

    public TimeSpan ClockSkew { get; set; } = DeviceTimeRule.Default.ClockSkew;

    public DeviceTimeRule Rule => new(OfflineWindow, ClockSkew);
}
