using Dispatch.Grains.Events;
using Dispatch.Silo.Events;
using Npgsql;
using NpgsqlTypes;

namespace Dispatch.Silo.Database;

/// <summary>
/// The one statement that stores a grain's state (orleans_grain_state_write), and with it the events of its change when
/// there are any (dispatch_write_state_with_events, 0005_state_with_events.sql): what the group commit sends for every
/// grain write, and what the event store benchmark measures.
/// </summary>
public static class StateWrites
{
    private const string WriteSql = "SELECT orleans_grain_state_write($1, $2, $3, $4, $5, $6, $7, $8, $9)";

    private const string WriteWithEventsSql =
        "SELECT dispatch_write_state_with_events($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)";

    /// <summary>The write of <paramref name="payload"/> at the version <paramref name="knownVersion"/> (null: none stored yet), with <paramref name="events"/>.</summary>
    public static NpgsqlBatchCommand Command(int grainIdHash, long n0, long n1, int grainTypeHash, string grainType, string? extension,
        string serviceId, int? knownVersion, byte[] payload, IReadOnlyList<DomainEvent> events, EventQuarantine quarantine)
    {
        var command = new NpgsqlBatchCommand(events.Count == 0 ? WriteSql : WriteWithEventsSql)
        {
            Parameters =
            {
                new NpgsqlParameter<int> { TypedValue = grainIdHash },
                new NpgsqlParameter<long> { TypedValue = n0 },
                new NpgsqlParameter<long> { TypedValue = n1 },
                new NpgsqlParameter<int> { TypedValue = grainTypeHash },
                new NpgsqlParameter<string> { TypedValue = grainType },
                new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)extension ?? DBNull.Value },
                new NpgsqlParameter<string> { TypedValue = serviceId },
                new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Integer, Value = knownVersion is { } v ? v : DBNull.Value },
                new NpgsqlParameter<byte[]> { TypedValue = payload },
            },
        };
        if (events.Count > 0)
        {
            EventRows.AddParameters(command, events, quarantine);
        }
        return command;
    }

    /// <summary>The version the write stored; null when the stored version was not the one expected (nothing was written).</summary>
    public static int? NewVersion(NpgsqlDataReader reader) => reader.Read() && !reader.IsDBNull(0) ? reader.GetInt32(0) : null;
}
