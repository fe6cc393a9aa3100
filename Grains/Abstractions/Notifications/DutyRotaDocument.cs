namespace Dispatch.Grains.Notifications;

/// <summary>A duty rota as the admin API sends and stores it: local times as "HH:mm", days as names.</summary>
[GenerateSerializer, Alias("dispatch.duty.rota")]
public sealed class DutyRotaDocument
{
    /// <summary>An IANA time zone, the region's ("Asia/Shanghai").</summary>
    [Id(0)] public string TimeZone { get; set; } = "";
    [Id(1)] public List<DutyShiftDocument> Shifts { get; set; } = [];
}

[GenerateSerializer, Alias("dispatch.duty.shift")]
public sealed class DutyShiftDocument
{
    [Id(0)] public string UserName { get; set; } = "";
    [Id(1)] public string Email { get; set; } = "";

    /// <summary>monday ... sunday.</summary>
    [Id(2)] public List<string> Days { get; set; } = [];

    /// <summary>"08:00"; a shift ending at or before its start runs overnight.</summary>
    [Id(3)] public string From { get; set; } = "";
    [Id(4)] public string To { get; set; } = "";
}
