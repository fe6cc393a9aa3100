using Dispatch.Grains.Events;
using Dispatch.Silo.Events;
using Npgsql;
using NpgsqlTypes;

namespace Dispatch.Silo.Database;

/// <summary>
/// The one statement that stores a grain's state, and with it the events of its change when there are any: what the
/// group commit sends for every grain write, and what the event store benchmark measures.
/// </summary>
/// <remarks>
/// A state stored before, with no event set aside by the quarantine (nearly every write), is written by one plain
/// statement: an update at the version the grain read, and in the same statement the events, inserted only when the
/// update found that version. The functions of 0002 and 0005 do the same for the rest (a first write, which inserts
/// the row; a quarantined event) but cost PostgreSQL a function call and a statement more per write: about a fifth of
/// its time for a write in the event store benchmark (README, "Load generator").
/// </remarks>
public static class StateWrites
{
    private const string FirstWriteSql = "SELECT orleans_grain_state_write($1, $2, $3, $4, $5, $6, $7, $8, $9)";

    private const string WriteWithQuarantineSql =
        "SELECT dispatch_write_state_with_events($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)";

    // The row as orleans_grain_state_write finds it (0002), at the version the grain read.
    private const string UpdateSql = """
        UPDATE orleans_grain_state
           SET payload = $9, version = version + 1, modified_at = now()
         WHERE grain_id_hash = $1 AND grain_type_hash = $4 AND grain_id_n0 = $2 AND grain_id_n1 = $3 AND grain_type = $5
           AND grain_id_ext IS NOT DISTINCT FROM $6 AND service_id = $7 AND version = $8
        RETURNING version
        """;

    // The events join the update's row: a stale version writes neither. They take their positions in the order given.
    // An event already there (written by an earlier release's separate append) is the same event, as in 0005.
    private const string UpdateWithEventsSql = $"""
        WITH written AS ({UpdateSql}),
        logged AS (
            INSERT INTO dispatch_events (stream, sequence, type, at, actor_name, actor_role, data)
            SELECT e.stream, e.sequence, e.type, e.at, e.actor_name, e.actor_role, e.data::jsonb
              FROM written,
                   unnest($10::text[], $11::bigint[], $12::text[], $13::timestamptz[], $14::text[], $15::text[], $16::text[])
                       WITH ORDINALITY AS e(stream, sequence, type, at, actor_name, actor_role, data, n)
             ORDER BY e.n
            ON CONFLICT (stream, sequence) DO NOTHING)
        SELECT version FROM written
        """;

    /// <summary>The write of <paramref name="payload"/> at the version <paramref name="knownVersion"/> (null: none stored yet), with <paramref name="events"/>.</summary>
    public static NpgsqlBatchCommand Command(int grainIdHash, long n0, long n1, int grainTypeHash, string grainType, string? extension,
        string serviceId, int? knownVersion, byte[] payload, IReadOnlyList<DomainEvent> events, EventQuarantine quarantine)
    {
        var rows = events.Count == 0 ? null : new EventRows(events, quarantine);
        var viaFunction = knownVersion is null || rows is { AnyQuarantined: true };
        var sql = (viaFunction, rows) switch
        {
            (true, null) => FirstWriteSql,
            (true, _) => WriteWithQuarantineSql,
            (false, null) => UpdateSql,
            (false, _) => UpdateWithEventsSql,
        };
        var command = new NpgsqlBatchCommand(sql)
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
        rows?.AddParameters(command, withReasons: viaFunction);
        return command;
    }

    /// <summary>The version the write stored; null when the stored version was not the one expected (nothing was written).</summary>
    public static int? NewVersion(NpgsqlDataReader reader) => reader.Read() && !reader.IsDBNull(0) ? reader.GetInt32(0) : null;
}
