using Npgsql;
using NpgsqlTypes;

namespace Dispatch.Silo.Projections;

/// <summary>Statements for a batch: positional parameters ($1, $2, ...), and arrays to unnest into many rows at once.</summary>
internal static class SqlCommands
{
    /// <summary>Adds a statement with positional parameters ($1, $2, ...) to a batch; null values become SQL NULL.</summary>
    public static void Add(this NpgsqlBatch batch, string sql, params object?[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(value as NpgsqlParameter ?? new NpgsqlParameter { Value = value ?? DBNull.Value });
        }
        batch.BatchCommands.Add(command);
    }

    /// <summary>An array parameter of the given element type, for a statement that unnests it into rows.</summary>
    public static NpgsqlParameter Typed<T>(T[] values, NpgsqlDbType elementType) =>
        new() { Value = values, NpgsqlDbType = NpgsqlDbType.Array | elementType };
}
