using Microsoft.Extensions.Hosting;

namespace Dispatch.Silo.Database;

/// <summary>
/// Brings the schema up to date before the silo starts: registered ahead of Orleans, so the membership,
/// storage and reminder tables exist when the silo first touches them.
/// </summary>
internal sealed class SchemaMigrationService(SchemaMigrator migrator) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => migrator.ApplyAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
