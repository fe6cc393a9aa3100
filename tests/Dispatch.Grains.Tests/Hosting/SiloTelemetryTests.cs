using System.Collections.Concurrent;
using System.Globalization;
using Dispatch.Domain.Geo;
using Dispatch.Domain.Sla;
using Dispatch.Grains.Common;
using Dispatch.Grains.Customers;
using Dispatch.Grains.Tickets;
using Dispatch.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Dispatch.Grains.Tests.Hosting;

/// <summary>What a silo lets operators see: its /metrics at Cluster:MetricsPort, and the ticket id on log lines about a ticket.</summary>
public sealed class SiloTelemetryTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task The_silo_serves_prometheus_metrics_with_dispatch_and_orleans_instruments_on_its_metrics_port()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));
        var port = FreePorts.Next();
        var silo = await SiloHosts.StartAsync(postgres.ConnectionString, SiloHosts.SiloPorts.Free(), services: FakeClock.For(clock),
            configuration: new Dictionary<string, string?> { ["Cluster:MetricsPort"] = port.ToString(CultureInfo.InvariantCulture) });
        try
        {
            var grains = silo.Services.GetRequiredService<IGrainFactory>();
            var ticket = await OpenAsync(grains);
            using var http = new HttpClient();
            var metrics = new Uri($"http://127.0.0.1:{port}/metrics");
            // Nobody has the skill, so the ticket waits in its region's queue.
            var first = await Eventually.Until(() => http.GetStringAsync(metrics), t => t.Contains("orleans_", StringComparison.Ordinal),
                TimeSpan.FromSeconds(30), "the Orleans meters");
            Assert.Contains("dispatch_eventlog_batch_duration_seconds_bucket", first, StringComparison.Ordinal);
            await Eventually.Until(() => http.GetStringAsync(metrics), t => t.Contains("dispatch_region_queue_depth{", StringComparison.Ordinal),
                TimeSpan.FromSeconds(30), "the region's queue depth");
            await Eventually.Until(() => http.GetStringAsync(metrics), t => t.Contains("dispatch_projection_lag_seconds", StringComparison.Ordinal),
                TimeSpan.FromSeconds(30), "the read side's lag");

            // Days later its SLA checkpoints are overdue, and fire late.
            clock.Advance(TimeSpan.FromDays(2));
            await Eventually.Until(ticket.GetView, v => v!.Timeline.Any(e => e.What.StartsWith("sla.", StringComparison.Ordinal)),
                TimeSpan.FromSeconds(30), "a checkpoint to fire");
            var text = await Eventually.Until(() => http.GetStringAsync(metrics),
                t => t.Contains("dispatch_checkpoint_lateness_seconds_count", StringComparison.Ordinal),
                TimeSpan.FromSeconds(30), "the checkpoint lateness");

            Assert.Contains("dispatch_eventlog_batch_duration_seconds_bucket", text, StringComparison.Ordinal);
        }
        finally
        {
            await silo.StopAsync();
            silo.Dispose();
        }
    }

    [Fact]
    public async Task Every_line_logged_while_a_ticket_handles_a_call_carries_its_ticket_id()
    {
        var lines = new ConcurrentQueue<LogLine>();
        var silo = await SiloHosts.StartAsync(postgres.ConnectionString, SiloHosts.SiloPorts.Free(), services: s =>
        {
            s.AddLogging(logging => logging.AddProvider(new RecordingLoggerProvider(lines)));
            s.AddSingleton<IIncomingGrainCallFilter, TicketCallLog>();
        });
        try
        {
            var ticket = await OpenAsync(silo.Services.GetRequiredService<IGrainFactory>());
            var id = ticket.GetPrimaryKeyString();
            await ticket.GetView();

            var aboutTicket = lines.Where(l => l.Category.EndsWith(nameof(TicketCallLog), StringComparison.Ordinal)
                && l.Message.Contains(id, StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(aboutTicket);
            Assert.All(aboutTicket, l => Assert.Equal(id, l.Scope.GetValueOrDefault("TicketId")));
        }
        finally
        {
            await silo.StopAsync();
            silo.Dispose();
        }
    }

    private static async Task<ITicketGrain> OpenAsync(IGrainFactory grains)
    {
        var customer = "c-" + Guid.NewGuid().ToString("N")[..10];
        await grains.GetGrain<ICustomerGrain>(customer).Register(new CustomerProfile("Telemetry", "standard", [], null), Actor.System);
        var ticket = grains.GetGrain<ITicketGrain>(TicketIds.New());
        var reply = await ticket.Open(new OpenTicket(customer, "Boiler broken", "no hot water", "repair", Priority.P3,
            new Position(31.23, 121.47), ["boiler"], "phone", null), new Actor("intake-test", "intake"));
        Assert.Null(reply.Refusal);
        return ticket;
    }

    /// <summary>Logs one line per call to a ticket, inside the silo's own filters.</summary>
    private sealed class TicketCallLog(ILogger<TicketCallLog> logger) : IIncomingGrainCallFilter
    {
        public Task Invoke(IIncomingGrainCallContext context)
        {
            if (context.Grain is ITicketGrain)
            {
                logger.LogInformation("ticket {Id} handles {Method}", context.TargetId.Key.ToString(), context.MethodName);
            }
            return context.Invoke();
        }
    }

    private sealed record LogLine(string Category, string Message, IReadOnlyDictionary<string, object?> Scope);

    private sealed class RecordingLoggerProvider(ConcurrentQueue<LogLine> lines) : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

        public ILogger CreateLogger(string categoryName) => new Recorder(categoryName, this);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public void Dispose()
        {
        }

        private sealed class Recorder(string category, RecordingLoggerProvider provider) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => provider._scopes.Push(state);

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var scope = new Dictionary<string, object?>();
                provider._scopes.ForEachScope((value, into) =>
                {
                    if (value is IEnumerable<KeyValuePair<string, object>> pairs)
                    {
                        foreach (var (key, item) in pairs)
                        {
                            into[key] = item;
                        }
                    }
                }, scope);
                provider.Lines(new LogLine(category, formatter(state, exception), scope));
            }
        }

        private void Lines(LogLine line) => lines.Enqueue(line);
    }
}
