using System.Security.Cryptography.X509Certificates;
using Dispatch.Grains.Storage;
using Dispatch.Silo.Hosting;
using Npgsql;
using Orleans.Configuration;
using Orleans.Connections.Security;

namespace Dispatch.Web.Cluster;

public static class ClusterClientSetup
{
    /// <summary>
    /// Joins the cluster as an Orleans client: it finds the gateways in the PostgreSQL membership table
    /// (or on localhost in the in-memory mode) and keeps retrying until a silo answers, so the web node
    /// may start before the silos do. With <see cref="ClusterSettings.CoHosted"/> it runs a silo itself instead.
    /// </summary>
    public static WebApplicationBuilder AddDispatchCluster(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(ClusterSettings.SectionName).Get<ClusterSettings>() ?? new ClusterSettings();
        var connectionString = builder.Configuration.GetConnectionString(ClusterSettings.ConnectionStringName);
        builder.Services.AddSingleton(settings);
        var tls = builder.Configuration.GetSection(ClusterTls.SectionName).Get<ClusterTls>();

        if (settings.Storage == StorageMode.PostgreSql)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException($"ConnectionStrings:{ClusterSettings.ConnectionStringName} is required.");
            }
            // Without JIT: the web node's queries are short (reports read a daily summary), and PostgreSQL's estimate for
            // a report's few edge rows crossed the JIT threshold, whose compiling took 10x the query (README, read side).
            builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString)
            {
                Options = "-c jit=off " + new NpgsqlConnectionStringBuilder(connectionString).Options,
            }.ConnectionString));
        }

        if (settings.CoHosted)
        {
            // The grains' calls from the API and the hubs stay in this process: at a warm 50 tickets/s that was a
            // sixth less CPU than a silo and a web node apart (README, "Load generator").
            builder.AddDispatchSilo();
            return builder;
        }

        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = settings.ClusterId;
                options.ServiceId = settings.ServiceId;
            });
            if (settings.Storage == StorageMode.InMemory)
            {
                client.UseLocalhostClustering(settings.GatewayPort, settings.ServiceId, settings.ClusterId);
            }
            else
            {
                client.UseAdoNetClustering(options =>
                {
                    options.Invariant = "Npgsql";
                    options.ConnectionString = connectionString;
                });
            }
            if (tls is { Enabled: true })
            {
                client.UseClusterTls(tls);
            }
            client.UseConnectionRetryFilter<RetryUntilStopped>();
        });
        return builder;
    }

    /// <summary>Gateway connections over mutual TLS with the cluster's certificate (see <see cref="ClusterTls"/>).</summary>
    private static void UseClusterTls(this IClientBuilder client, ClusterTls tls)
    {
        var certificate = tls.LoadCertificate();
        client.UseTls(certificate, options =>
        {
            options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
            options.RemoteCertificateValidation = (remote, _, _) => tls.Accepts(remote, certificate);
            options.OnAuthenticateAsClient = (_, server) => server.TargetHost = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        });
    }

    private sealed class RetryUntilStopped(ILogger<RetryUntilStopped> logger) : IClientConnectionRetryFilter
    {
        public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
        {
            logger.LogWarning("No silo reachable yet ({Reason}); retrying in 2 s", exception.Message);
            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            return !cancellationToken.IsCancellationRequested;
        }
    }
}
