using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Dispatch.Testing;
using Xunit.Abstractions;

namespace Dispatch.Grains.Tests.Cluster;

/// <summary>
/// ./dispatch cluster up and up --co-hosted as people run them, on ports and a PostgreSQL of the test's own: a silo
/// killed with SIGKILL is started again while the rest keep serving, a co-hosted node is one process with its own
/// silo, and Ctrl-C (SIGINT) stops every process the script started, PostgreSQL included.
/// </summary>
public sealed class ClusterScriptTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task A_killed_silo_is_started_again_while_the_rest_serve_and_ctrl_c_stops_everything()
    {
        var (databasePort, httpPort, siloPort, gatewayPort) = (FreePorts.Next(), FreePorts.Next(), TwoFreePorts(), TwoFreePorts());
        int[] ports = [databasePort, httpPort, siloPort, siloPort + 1, gatewayPort, gatewayPort + 1];
        var (databaseFolder, environment) = ScriptEnvironment("cluster", databasePort, httpPort, siloPort, gatewayPort);
        await using var script = DispatchScript.Start(environment, "cluster", "up", "--silos", "2", "--web", "1");
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromSeconds(10) };
            await Eventually.Until(() => ActiveSilosAsync(http), n => n == 2, Patience, "the web node to see both silos");
            var token = await TokenAsync(http);
            var first = await Eventually.Until(() => SiloAsync(http, token, siloPort + 1), s => s is not null, Patience, "silo 2 in /api/cluster");
            var victim = script.StartedProcesses("silo 2").Single();

            await DispatchScript.SignalAsync(victim, "KILL");

            await Eventually.Until(() => Task.FromResult(script.Output), o => o.Contains($"silo 2 (pid {victim}) exited on its own", StringComparison.Ordinal),
                Patience, "the script to notice");
            // The web node answers throughout: until membership declares the dead silo dead, calls that land on it
            // fail and the health report says so (503) rather than hanging or the node going away.
            using (var health = await http.GetAsync("/health"))
            {
                Assert.Contains(health.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable });
            }
            var successor = await Eventually.Until(() => SiloAsync(http, token, siloPort + 1), s => s is not null && s != first,
                Patience, "a new silo 2 to join the cluster");
            await Eventually.Until(() => ActiveSilosAsync(http), n => n == 2, Patience, "the web node to see both silos again");
            Assert.Equal(2, script.StartedProcesses("silo 2").Count);
            Assert.Single(script.StartedProcesses("silo 1"));
            Assert.Single(script.StartedProcesses("web node 1"));
            output.WriteLine($"silo 2 was {first}, now {successor}");
            var started = script.StartedProcesses("silo 1").Concat(script.StartedProcesses("silo 2")).Concat(script.StartedProcesses("web node 1")).ToList();

            await DispatchScript.SignalAsync(script.Id, "INT");

            Assert.Equal(0, await script.WaitForExitAsync(Patience));
            Assert.Contains("PostgreSQL stopped", script.Output, StringComparison.Ordinal);
            Assert.All(started, pid => Assert.False(IsRunning(pid), $"process {pid} outlived the script"));
            Assert.All(ports, port => Assert.False(IsListening(port), $"something still listens on {port}"));
            Assert.False(File.Exists(Path.Combine(databaseFolder, "data", "postmaster.pid")), "PostgreSQL still runs");
        }
        finally
        {
            output.WriteLine(script.Output);
            await script.DisposeAsync();
            DeleteFolder(databaseFolder);
        }
    }

    [Fact]
    public async Task Up_co_hosted_runs_the_web_host_and_its_silo_as_one_process_and_ctrl_c_stops_it()
    {
        var (databasePort, httpPort, siloPort, gatewayPort) = (FreePorts.Next(), FreePorts.Next(), FreePorts.Next(), FreePorts.Next());
        int[] ports = [databasePort, httpPort, siloPort, gatewayPort];
        var (databaseFolder, environment) = ScriptEnvironment("node", databasePort, httpPort, siloPort, gatewayPort);
        await using var script = DispatchScript.Start(environment, "up", "--co-hosted");
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromSeconds(10) };
            await Eventually.Until(() => ActiveSilosAsync(http), n => n == 1, Patience, "the node's own silo");
            var token = await TokenAsync(http);
            Assert.NotNull(await SiloAsync(http, token, siloPort));
            var node = Assert.Single(script.StartedProcesses("node"));
            Assert.Empty(script.StartedProcesses("silo"));
            Assert.Empty(script.StartedProcesses("web node"));

            await DispatchScript.SignalAsync(script.Id, "INT");

            Assert.Equal(0, await script.WaitForExitAsync(Patience));
            Assert.Contains("PostgreSQL stopped", script.Output, StringComparison.Ordinal);
            Assert.False(IsRunning(node), $"the node {node} outlived the script");
            Assert.All(ports, port => Assert.False(IsListening(port), $"something still listens on {port}"));
        }
        finally
        {
            output.WriteLine(script.Output);
            await script.DisposeAsync();
            DeleteFolder(databaseFolder);
        }
    }

    /// <summary>The script's own PostgreSQL folder (under the test run's) and ports, as its environment variables.</summary>
    private static (string DatabaseFolder, Dictionary<string, string> Environment) ScriptEnvironment(string kind, int databasePort,
        int httpPort, int siloPort, int gatewayPort)
    {
        var databaseFolder = Path.Combine(PrivatePostgres.Root, kind + "-" + Guid.NewGuid().ToString("N")[..12]);
        return (databaseFolder, new Dictionary<string, string>
        {
            ["DISPATCH_DB_DIR"] = databaseFolder,
            ["DISPATCH_DB_PORT"] = databasePort.ToString(CultureInfo.InvariantCulture),
            ["DISPATCH_HTTP_PORT"] = httpPort.ToString(CultureInfo.InvariantCulture),
            ["DISPATCH_SILO_PORT"] = siloPort.ToString(CultureInfo.InvariantCulture),
            ["DISPATCH_GATEWAY_PORT"] = gatewayPort.ToString(CultureInfo.InvariantCulture),
        });
    }

    private static void DeleteFolder(string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<int> ActiveSilosAsync(HttpClient http)
    {
        using var health = await http.GetAsync("/health");
        if (!health.IsSuccessStatusCode)
        {
            return 0;
        }
        var report = await health.Content.ReadFromJsonAsync<JsonElement>();
        var described = report.GetProperty("checks").GetProperty("cluster").GetProperty("description").GetString()!;
        return int.Parse(described.Split(' ')[0], CultureInfo.InvariantCulture);
    }

    private static async Task<string> TokenAsync(HttpClient http)
    {
        using var reply = await http.PostAsJsonAsync("/api/dev/token", new { role = "admin" });
        reply.EnsureSuccessStatusCode();
        return (await reply.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    /// <summary>The address (with its generation) of the active silo on PORT, as the cluster's membership says.</summary>
    private static async Task<string?> SiloAsync(HttpClient http, string token, int port)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/cluster");
        request.Headers.Authorization = new("Bearer", token);
        using var reply = await http.SendAsync(request);
        reply.EnsureSuccessStatusCode();
        var silos = await reply.Content.ReadFromJsonAsync<JsonElement>();
        return silos.EnumerateArray()
            .Where(s => s.GetProperty("status").GetString() == "Active" && s.GetProperty("address").GetString()!.StartsWith($"127.0.0.1:{port}@", StringComparison.Ordinal))
            .Select(s => s.GetProperty("address").GetString())
            .SingleOrDefault();
    }

    /// <summary>The first of two consecutive free ports: the script numbers its silos' ports from a base.</summary>
    private static int TwoFreePorts()
    {
        while (true)
        {
            var port = FreePorts.Next();
            if (port < IPEndPoint.MaxPort && !IsListening(port + 1) && CanBind(port + 1))
            {
                return port;
            }
        }
    }

    private static bool CanBind(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static bool IsListening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
