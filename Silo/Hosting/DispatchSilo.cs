using System.Net;
using Dispatch.Grains.Customers;
using Dispatch.Grains.Dispatching;
using Dispatch.Grains.Storage;
using Dispatch.Grains.Tickets;
using Dispatch.Grains.Events;
using Dispatch.Grains.Live;
using Dispatch.Grains.Skills;
using Dispatch.Silo.CustomerMail;
using Dispatch.Silo.Database;
using Dispatch.Silo.Events;
using Dispatch.Silo.Live;
using Dispatch.Silo.Projections;
using Dispatch.Silo.Reminders;
using Dispatch.Silo.Telemetry;
using Dispatch.Silo.Webhooks;
using Dispatch.Silo.WebPush;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Configuration;
using Orleans.Storage;

namespace Dispatch.Silo.Hosting;

/// <summary>The one place that decides how a Dispatch silo is wired; the host and the tests both use it.</summary>
public static class DispatchSilo
{
    /// <summary>ADO.NET invariant name of Npgsql; referencing Npgsql is enough for Orleans to find it.</summary>
    public const string PostgreSqlInvariant = "Npgsql";

    /// <summary>Service types, waiting reasons and the SLA book the cluster starts with (see README).</summary>
    public const string ServiceCatalogFile = "service-catalog.json";

    public static IHostApplicationBuilder AddDispatchSilo(this IHostApplicationBuilder builder)
    {
        // The catalog is the lowest-priority source: appsettings, environment and command line override it.
        var catalog = new JsonConfigurationSource { Path = Path.Combine(AppContext.BaseDirectory, ServiceCatalogFile), Optional = false };
        catalog.ResolveFileProvider();
        builder.Configuration.Sources.Insert(0, catalog);
        var settings = builder.Configuration.GetSection(ClusterSettings.SectionName).Get<ClusterSettings>() ?? new ClusterSettings();
        var connectionString = builder.Configuration.GetConnectionString(ClusterSettings.ConnectionStringName);

        if (settings.Storage == StorageMode.PostgreSql)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException(
                    $"ConnectionStrings:{ClusterSettings.ConnectionStringName} is required (or set {ClusterSettings.SectionName}:Storage=InMemory for a throw-away silo).");
            }
            builder.Services.AddSingleton(sp => new SchemaMigrator(connectionString, sp.GetRequiredService<ILogger<SchemaMigrator>>()));
            // Registered before Orleans so that it runs first: the silo needs the membership table at start.
            builder.Services.AddHostedService<SchemaMigrationService>();
            builder.Services.AddSingleton<IEventJournal>(_ => new PostgresEventJournal(connectionString));
            builder.Services.AddSingleton<EventQuarantine>();
            builder.Services.AddSingleton(sp => new PostgresGroupCommit(connectionString, sp.GetRequiredService<ILogger<PostgresGroupCommit>>()));
            builder.Services.AddHostedService(sp => sp.GetRequiredService<PostgresGroupCommit>());
            builder.Services.AddReadSideProjections(connectionString, builder.Configuration["Reports:TimeZone"]);
            builder.Services.AddWebhooks(builder.Configuration, connectionString);
            builder.Services.AddCustomerMail(connectionString);
            builder.Services.AddWebPush(builder.Configuration, connectionString);
            builder.Services.AddSingleton<IBoardMarkerStore>(sp => new PostgresBoardMarkerStore(
                NpgsqlDataSource.Create(connectionString), sp.GetRequiredService<Orleans.Serialization.Serializer>()));
        }
        else
        {
            builder.Services.AddHostedService<InMemoryModeWarning>();
            builder.Services.AddSingleton<InMemoryEventJournal>();
            builder.Services.AddSingleton<IEventJournal>(sp => sp.GetRequiredService<InMemoryEventJournal>());
            builder.Services.AddSingleton<IBoardMarkerStore, InMemoryBoardMarkerStore>();
        }
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddTicketServices(builder.Configuration);
        builder.Services.AddCustomerServices();
        builder.Services.AddSkillCatalogue(builder.Configuration);
        builder.Services.AddDispatchServices(builder.Configuration);
        builder.Services.AddLiveServices(builder.Configuration);
        Grains.Notifications.NotificationServices.AddNotifications(builder.Services, builder.Configuration);

        var tls = builder.Configuration.GetSection(ClusterTls.SectionName).Get<ClusterTls>();
        builder.UseOrleans(silo => silo.ConfigureDispatchSilo(settings, connectionString, tls));
        if (settings.Storage == StorageMode.PostgreSql)
        {
            builder.Services.AddOverdueCheckpointSweep(builder.Configuration, connectionString!);
        }
        builder.AddDispatchSiloMetrics();
        // Grain state is stored with Orleans' own version-tolerant serializer: stored types carry stable
        // [Alias] names and [Id] fields, so renaming a class or adding a field does not break stored tickets.
        builder.Services.AddSingleton<IGrainStorageSerializer, OrleansGrainStorageSerializer>();
        return builder;
    }

    public static ISiloBuilder ConfigureDispatchSilo(this ISiloBuilder silo, ClusterSettings settings, string? connectionString, ClusterTls? tls = null)
    {
        if (tls is { Enabled: true })
        {
            silo.UseClusterTls(tls);
        }
        silo.Configure<ClusterOptions>(options =>
        {
            options.ClusterId = settings.ClusterId;
            options.ServiceId = settings.ServiceId;
        });
        silo.AddIncomingGrainCallFilter<ForgetUnsavedChanges>();
        silo.Services.AddOptions<ClusterMembershipOptions>().Configure(FastDeathDetection.Apply).BindConfiguration(FastDeathDetection.SectionName);
        silo.AddIncomingGrainCallFilter<Grains.Telemetry.TicketLogScope>();

        if (settings.Storage == StorageMode.InMemory)
        {
            silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, serviceId: settings.ServiceId, clusterId: settings.ClusterId);
            silo.AddMemoryGrainStorage(StorageNames.Dispatch);
            InMemoryJournaledStorage.Decorate(silo.Services, StorageNames.Dispatch);
            silo.UseInMemoryReminderService();
            return silo;
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        silo.ConfigureEndpoints(IPAddress.Parse(settings.AdvertisedAddress), settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: false);
        silo.UseAdoNetClustering(options =>
        {
            options.Invariant = PostgreSqlInvariant;
            options.ConnectionString = connectionString;
        });
        silo.AddAdoNetGrainStorage(StorageNames.Dispatch, options =>
        {
            options.Invariant = PostgreSqlInvariant;
            options.ConnectionString = connectionString;
        });
        // Writes are group-committed (many grains' changes in one round trip and one commit); the
        // translation of store failures wraps both.
        GroupCommitGrainStorage.Decorate(silo.Services, StorageNames.Dispatch);
        TranslatingGrainStorage.Decorate(silo.Services, StorageNames.Dispatch);
        silo.UseAdoNetReminderService(options =>
        {
            options.Invariant = PostgreSqlInvariant;
            options.ConnectionString = connectionString;
        });
        GroupCommitReminderTable.Decorate(silo.Services);
        return silo;
    }
}
