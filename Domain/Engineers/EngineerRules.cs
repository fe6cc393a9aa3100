using Dispatch.Domain.Devices;

namespace Dispatch.Domain.Engineers;

/// <summary>The settings an engineer decides by.</summary>
/// <param name="MaxSpeedKmh">A position implying a faster move than this since the last trusted one is flagged.</param>
/// <param name="PositionStaleAfter">Silent this long: not offered work, and taken offline.</param>
/// <param name="SeenLoggedEvery">How often a position goes to the event log (and storage) when nothing else changes.</param>
public sealed record EngineerRules(DeviceTimeRule DeviceTime, double MaxSpeedKmh, TimeSpan PositionStaleAfter, TimeSpan SeenLoggedEvery);
