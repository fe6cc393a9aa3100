using Npgsql;

namespace Dispatch.Silo.Projections;

/// <summary>Adds a statement with positional parameters ($1, $2, ...) to a batch; null values become SQL NULL.</summary>
internal static class SqlCommands
{
    public static void Add(this NpgsqlBatch batch, string sql, params object?[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(value as NpgsqlParameter ?? new NpgsqlParameter { Value = value ?? DBNull.Value });
        }
        batch.BatchCommands.Add(command);
    }
}
