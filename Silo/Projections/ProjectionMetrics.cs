using System.Diagnostics.Metrics;

namespace Dispatch.Silo.Projections;

/// <summary>
/// The read side's lag as instruments of the meter <see cref="MeterName"/>, for whatever exports metrics
/// (OpenTelemetry: AddMeter(ProjectionMetrics.MeterName)); <see cref="Latest"/> for anything else.
/// </summary>
public sealed class ProjectionMetrics : IDisposable
{
    public const string MeterName = "Dispatch.Projections";

    private readonly Meter _meter;
    private ProjectionLag _latest = new(0, TimeSpan.Zero);

    public ProjectionMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _meter.CreateObservableGauge("dispatch.projection.lag", () => Latest.Age.TotalSeconds, unit: "s",
            description: "Age of the oldest event committed to the log and not yet in the read models");
        _meter.CreateObservableGauge("dispatch.projection.events_behind", () => Latest.EventsBehind, unit: "{event}",
            description: "Events committed to the log and not yet in the read models");
    }

    public ProjectionLag Latest => Volatile.Read(ref _latest);

    public void Record(ProjectionLag lag) => Volatile.Write(ref _latest, lag);

    public void Dispose() => _meter.Dispose();
}
