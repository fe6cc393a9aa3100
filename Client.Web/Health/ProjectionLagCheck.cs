using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Dispatch.Web.Health;

/// <summary>
/// The read side's lag: events committed to the log and not yet in the read models, and the age of the
/// oldest. Degraded (search and reports are stale, dispatch is not affected) beyond <see cref="Stale"/>.
/// </summary>
internal sealed class ProjectionLagCheck(IServiceProvider services) : IHealthCheck
{
    public static readonly TimeSpan Stale = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (services.GetService<NpgsqlDataSource>() is not { } dataSource)
        {
            return HealthCheckResult.Healthy("not used: in-memory mode has no read side");
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Patience);
        try
        {
            await using var command = dataSource.CreateCommand("SELECT events_behind, age_seconds FROM dispatch_projection_lag('read-model')");
            await using var reader = await command.ExecuteReaderAsync(timeout.Token);
            await reader.ReadAsync(timeout.Token);
            var (behind, age) = (reader.GetInt64(0), reader.GetDouble(1));
            var data = new Dictionary<string, object> { ["eventsBehind"] = behind, ["lagSeconds"] = Math.Round(age, 3) };
            var description = FormattableString.Invariant($"read models {behind} event(s) behind the log, oldest {age:0.0} s");
            return age > Stale.TotalSeconds ? HealthCheckResult.Degraded(description, data: data) : HealthCheckResult.Healthy(description, data);
        }
        catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            // The database check reports an unreachable database; this one only says the lag is unknown.
            return HealthCheckResult.Degraded($"projection lag unknown: {ex.Message}");
        }
    }
}
