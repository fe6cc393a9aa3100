using Dispatch.Grains.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;

namespace Dispatch.Silo.Telemetry;

/// <summary>
/// The silo's /metrics in Prometheus text, on 127.0.0.1 at <c>Cluster:MetricsPort</c> (unset: none). It is
/// served by OpenTelemetry's HttpListener exporter rather than Kestrel: the silo has no web stack, and one
/// read-only page does not justify one (no routing, auth or middleware to keep in step with the web node).
/// Loopback only, so no token: a Prometheus on another machine scrapes through a local agent or tunnel.
/// </summary>
public static class SiloMetrics
{
    public const string PortKey = "Cluster:MetricsPort";

    /// <summary>Orleans' own meter: messaging, activations, grain calls, storage, reminders.</summary>
    public const string OrleansMeter = "Microsoft.Orleans";

    public static IHostApplicationBuilder AddDispatchSiloMetrics(this IHostApplicationBuilder builder)
    {
        var port = builder.Configuration.GetValue<int?>(PortKey);
        if (port is null)
        {
            return builder;
        }
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(OrleansMeter, DispatchMeters.Grains, DispatchMeters.EventLog, Projections.ProjectionMetrics.MeterName)
            .AddPrometheusHttpListener(options =>
            {
                options.Host = "127.0.0.1";
                options.Port = port.Value;
            }));
        return builder;
    }
}
