using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Dispatch.Silo.Database;
using Dispatch.Silo.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Dispatch.Benchmarks;

/// <summary>
/// --webhooks --connection CS [--rate 400] [--seconds 20] [--subscriptions 4] [--tickets 2000]: the webhook pipeline
/// (router, per-subscription deliverers, signing, HTTP) against a local Kestrel receiver. Ticket events are written to
/// dispatch_events at --rate per second in small transactions, as the silo's group commit does; every subscription
/// asks for them, so deliveries/s is about rate × subscriptions. Event→delivery is from the event's commit to its arrival.
/// The database must be empty of Dispatch's schema or already migrated (the migrations run first).
/// </summary>
internal static class WebhookThroughput
{
    public static async Task RunAsync(string[] args)
    {
        var connection = Arg(args, "--connection") ?? Environment.GetEnvironmentVariable("DISPATCH_BENCH_CONNECTION")
            ?? throw new ArgumentException("--connection (a PostgreSQL connection string) is required");
        var rate = int.Parse(Arg(args, "--rate") ?? "400", CultureInfo.InvariantCulture);
        var seconds = int.Parse(Arg(args, "--seconds") ?? "20", CultureInfo.InvariantCulture);
        var subscriptions = int.Parse(Arg(args, "--subscriptions") ?? "4", CultureInfo.InvariantCulture);
        var tickets = int.Parse(Arg(args, "--tickets") ?? "2000", CultureInfo.InvariantCulture);

        await new SchemaMigrator(connection, NullLogger<SchemaMigrator>.Instance).ApplyAsync();
        var arrivals = new ConcurrentQueue<(long Ticks, string Body)>();
        await using var receiver = await ReceiverAsync(arrivals);
        var url = receiver.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/hook";
        await using var dataSource = NpgsqlDataSource.Create(connection);
        for (var i = 0; i < subscriptions; i++)
        {
            await using var subscribe = dataSource.CreateCommand(
                "INSERT INTO webhook_subscriptions (id, url, event_types, secret) VALUES (@id, @url, ARRAY['ticket.created','ticket.resolved','ticket.closed'], @secret)");
            subscribe.Parameters.AddWithValue("id", $"sub_bench_{Guid.NewGuid():N}");
            subscribe.Parameters.AddWithValue("url", url);
            subscribe.Parameters.AddWithValue("secret", Grains.Webhooks.WebhookSignature.NewSecret());
            await subscribe.ExecuteNonQueryAsync();
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddWebhooks(builder.Configuration, connection);
        using var silo = builder.Build();
        await silo.StartAsync();

        // Event commit times by (stream, sequence), for event→delivery.
        var committed = new ConcurrentDictionary<(string, long), long>();
        var run = Guid.NewGuid().ToString("N")[..8];
        var types = new[] { "ticket.created", "ticket.resolved", "ticket.closed" };
        var written = 0;
        var clock = Stopwatch.StartNew();
        var perTick = Math.Max(1, rate / 100); // every 10 ms a transaction of rate/100 events
        var sequences = new long[tickets];
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            var due = (int)(clock.Elapsed.TotalSeconds * rate);
            while (written < due)
            {
                var n = Math.Min(perTick, due - written);
                await using var batch = dataSource.CreateBatch();
                var keys = new List<(string, long)>();
                for (var k = 0; k < n; k++)
                {
                    var ticket = (written + k) % tickets;
                    var sequence = ++sequences[ticket];
                    var stream = $"ticket:bench-{run}-{ticket}";
                    var command = new NpgsqlBatchCommand(
                        "INSERT INTO dispatch_events (stream, sequence, type, at, actor_name, actor_role, data) VALUES ($1, $2, $3, now(), 'bench', 'system', $4::jsonb)");
                    command.Parameters.Add(new NpgsqlParameter { Value = stream });
                    command.Parameters.Add(new NpgsqlParameter { Value = sequence });
                    command.Parameters.Add(new NpgsqlParameter { Value = types[(int)((sequence - 1) % 3)] });
                    command.Parameters.Add(new NpgsqlParameter { Value = """{"details": {"region": "central"}}""" });
                    batch.BatchCommands.Add(command);
                    keys.Add((stream, sequence));
                }
                await batch.ExecuteNonQueryAsync();
                var at = Stopwatch.GetTimestamp();
                foreach (var key in keys)
                {
                    committed[key] = at;
                }
                written += n;
            }
            await Task.Delay(10);
        }
        var expected = (long)written * subscriptions;
        var drainUntil = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 60;
        while (arrivals.Count < expected && Stopwatch.GetTimestamp() < drainUntil)
        {
            await Task.Delay(100);
        }
        var total = clock.Elapsed;
        await silo.StopAsync();

        var latencies = new List<double>();
        var first = long.MaxValue;
        var last = 0L;
        foreach (var (ticks, body) in arrivals)
        {
            using var json = JsonDocument.Parse(body);
            var data = json.RootElement.GetProperty("data");
            if (committed.TryGetValue((data.GetProperty("stream").GetString()!, data.GetProperty("sequence").GetInt64()), out var at))
            {
                latencies.Add(Stopwatch.GetElapsedTime(at, ticks).TotalMilliseconds);
            }
            (first, last) = (Math.Min(first, ticks), Math.Max(last, ticks));
        }
        latencies.Sort();
        double P(double q) => latencies.Count == 0 ? double.NaN : latencies[Math.Min(latencies.Count - 1, (int)(q * latencies.Count))];
        var span = Stopwatch.GetElapsedTime(first, last).TotalSeconds;
        Console.WriteLine($"webhooks: {written} events at {rate}/s for {seconds} s, {subscriptions} subscriptions, {tickets} tickets");
        Console.WriteLine($"  delivered {arrivals.Count} of {expected} in {total.TotalSeconds:0.0} s; {arrivals.Count / Math.Max(span, 0.001):0} deliveries/s");
        Console.WriteLine($"  event commit -> delivery ms: p50 {P(0.50):0} · p90 {P(0.90):0} · p99 {P(0.99):0} · max {P(1.0):0}");
    }

    private static async Task<WebApplication> ReceiverAsync(ConcurrentQueue<(long, string)> arrivals)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/hook", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            arrivals.Enqueue((Stopwatch.GetTimestamp(), await reader.ReadToEndAsync()));
            return Results.NoContent();
        });
        await app.StartAsync();
        return app;
    }

    private static string? Arg(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
