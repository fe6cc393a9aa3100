using Npgsql;

namespace Dispatch.Grains.Tests.Storage;

/// <summary>A ticket grain's state written as Orleans' storage provider writes it: through orleans_grain_state_write (0002).</summary>
internal static class GrainStateFunction
{
    /// <summary>Writes <paramref name="payload"/> for ticket grain number <paramref name="grain"/>; returns the new version.</summary>
    public static async Task<int> WriteAsync(NpgsqlDataSource source, int grain, int? knownVersion, byte[] payload)
    {
        await using var command = source.CreateCommand("SELECT orleans_grain_state_write($1, $2, 0, 7, 'ticket', $3, 'test-service', $4, $5)");
        command.Parameters.AddWithValue(grain);
        command.Parameters.AddWithValue((long)grain);
        command.Parameters.AddWithValue($"t-{grain}");
        command.Parameters.AddWithValue(knownVersion is { } known ? known : DBNull.Value);
        command.Parameters.AddWithValue(payload);
        return (int)(await command.ExecuteScalarAsync())!;
    }
}
