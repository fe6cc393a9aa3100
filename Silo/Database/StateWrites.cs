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
/// A write with no event set aside by the quarantine (nearly every write) is one plain statement: an update at the version
/// the grain read, or for a first write an insert that finds no row stored, and in the same statement the events, inserted
/// only when the state was. The function of 0005 does the same for a write with a quarantined event, but costs PostgreSQL
/// a function call and a statement more per write: about a fifth of its time for a write in the event store benchmark,
/// and for a ticket's first write in a load run 0.75 ms instead of 0.52 ms (README, "Load generator").
/// </remarks>
public static class StateWrites
{
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

    // A first write as far as the grain knows, as orleans_grain_state_write makes it (0002): only if no row is stored yet.
    // $8, the known version, is null here and unused.
    private const string InsertSql = """
        INSERT INTO orleans_grain_state (grain_id_hash, grain_type_hash, grain_id_n0, grain_id_n1, grain_type, grain_id_ext, service_id,
                                         payload, version, modified_at)
        VALUES ($1, $4, $2, $3, $5, $6, $7, $9, 1, now())
        ON CONFLICT DO NOTHING
        RETURNING version
        """;

    private static readonly string UpdateWithEventsSql = WithEvents(UpdateSql);

    private static readonly string InsertWithEventsSql = WithEvents(InsertSql);

    /// <summary>
    /// The events join the state's write: a write that stores no state (a stale version, a row already there) writes no
    /// event. They take their positions in the order given. An event already there (written by an earlier release's
    /// separate append) is the same event, as in 0005.
    /// </summary>
    private static string WithEvents(string write) => $"""
        WITH written AS ({write}),
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
        var viaFunction = rows is { AnyQuarantined: true };
        var first = knownVersion is null;
        var sql = (viaFunction, first, rows) switch
        {
            (true, _, _) => WriteWithQuarantineSql,
            (false, true, null) => InsertSql,
            (false, true, _) => InsertWithEventsSql,
            (false, false, null) => UpdateSql,
            (false, false, _) => UpdateWithEventsSql,
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
