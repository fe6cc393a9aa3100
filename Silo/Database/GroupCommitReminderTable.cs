using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Dispatch.Grains.Storage;
using Npgsql;
using NpgsqlTypes;
using Orleans.Configuration;

namespace Dispatch.Silo.Database;

/// <summary>
/// The reminder table with its upserts group-committed (<see cref="PostgresGroupCommit"/>): every ticket
/// registers or moves its SLA reminder when it opens, and on that path each registration otherwise rents a
/// connection and waits for a commit of its own. Reads, removals and the ring scans stay with the Orleans
/// ADO.NET reminder table it wraps.
/// </summary>
/// <remarks>
/// The statement is the one the ADO.NET table runs (UpsertReminderRowKey in 0003_orleans_reminders.sql) with
/// the same values: the grain id's string form, its uniform hash as a signed integer, the start in UTC and
/// the period in milliseconds; the returned version is the reminder's ETag. A database that does not answer is
/// reported as <see cref="StoreUnavailableException"/>: the reminder service runs on whichever silo owns the
/// grain's range, and the driver's own exception cannot travel back to the grain that asked.
/// </remarks>
internal sealed class GroupCommitReminderTable(IReminderTable inner, PostgresGroupCommit groupCommit, string serviceId) : IReminderTable
{
    private const string UpsertSql = """
        INSERT INTO orleans_reminder AS r
            (service_id, grain_id, reminder_name, start_time, period_ms, grain_hash, version)
        VALUES ($1, $2, $3, $4, $5, $6, 1)
        ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
            SET start_time = EXCLUDED.start_time,
                period_ms  = EXCLUDED.period_ms,
                grain_hash = EXCLUDED.grain_hash,
                version    = r.version + 1
        RETURNING r.version
        """;

    public Task<string?> UpsertRow(ReminderEntry entry) => UpsertRow(entry, CancellationToken.None);

    public Task<string?> UpsertRow(ReminderEntry entry, CancellationToken cancellationToken) =>
        StoreFailures.Translated(() => Upsert(entry));

    private async Task<string?> Upsert(ReminderEntry entry)
    {
        var startAt = entry.StartAt.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(entry.StartAt, DateTimeKind.Utc) : entry.StartAt.ToUniversalTime();
        var command = new NpgsqlBatchCommand(UpsertSql)
        {
            Parameters =
            {
                new NpgsqlParameter<string> { TypedValue = serviceId },
                new NpgsqlParameter<string> { TypedValue = entry.GrainId.ToString() },
                new NpgsqlParameter<string> { TypedValue = entry.ReminderName },
                new NpgsqlParameter<DateTime> { NpgsqlDbType = NpgsqlDbType.TimestampTz, TypedValue = startAt },
                new NpgsqlParameter<long> { TypedValue = (long)entry.Period.TotalMilliseconds },
                new NpgsqlParameter<int> { TypedValue = unchecked((int)entry.GrainId.GetUniformHashCode()) },
            },
        };
        var version = await groupCommit.ExecuteAsync(command, reader => reader.Read() ? reader.GetInt32(0) : (int?)null);
        return version?.ToString(CultureInfo.InvariantCulture)
            ?? throw new InvalidOperationException($"upserting reminder {entry.ReminderName} of {entry.GrainId} returned no version");
    }

    public Task StartAsync(CancellationToken cancellationToken = default) => inner.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken = default) => inner.StopAsync(cancellationToken);

    public Task<ReminderTableData> ReadRows(GrainId grainId) => StoreFailures.Translated(() => inner.ReadRows(grainId));

    public Task<ReminderTableData> ReadRows(GrainId grainId, CancellationToken cancellationToken) => StoreFailures.Translated(() => inner.ReadRows(grainId, cancellationToken));

    public Task<ReminderTableData> ReadRows(uint begin, uint end) => StoreFailures.Translated(() => inner.ReadRows(begin, end));

    public Task<ReminderTableData> ReadRows(uint begin, uint end, CancellationToken cancellationToken) => StoreFailures.Translated(() => inner.ReadRows(begin, end, cancellationToken));

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) => StoreFailures.Translated(() => inner.ReadRow(grainId, reminderName));

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName, CancellationToken cancellationToken) =>
        StoreFailures.Translated(() => inner.ReadRow(grainId, reminderName, cancellationToken));

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) => StoreFailures.Translated(() => inner.RemoveRow(grainId, reminderName, eTag));

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken) =>
        StoreFailures.Translated(() => inner.RemoveRow(grainId, reminderName, eTag, cancellationToken));

    public Task TestOnlyClearTable() => inner.TestOnlyClearTable();

    public Task TestOnlyClearTable(CancellationToken cancellationToken) => inner.TestOnlyClearTable(cancellationToken);

    /// <summary>Wraps the reminder table the ADO.NET reminder service registered.</summary>
    public static void Decorate(IServiceCollection services)
    {
        var registered = services.Last(d => d.ServiceType == typeof(IReminderTable) && !d.IsKeyedService);
        services.Remove(registered);
        services.AddSingleton<IReminderTable>(provider => new GroupCommitReminderTable(
            registered.ImplementationFactory is { } factory ? (IReminderTable)factory(provider)
            : registered.ImplementationInstance is IReminderTable instance ? instance
            : (IReminderTable)ActivatorUtilities.CreateInstance(provider, registered.ImplementationType!),
            provider.GetRequiredService<PostgresGroupCommit>(),
            provider.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId));
    }
}
