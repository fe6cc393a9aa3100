using Dispatch.Grains.Live;
using Npgsql;
using Orleans.Serialization;

namespace Dispatch.Silo.Live;

/// <summary>
/// The board's markers in PostgreSQL (live_board_markers, migration 0027): a row per ticket and engineer, written
/// with Orleans' version-tolerant serializer like grain state; one statement stores what changed and deletes what left.
/// </summary>
public sealed class PostgresBoardMarkerStore(NpgsqlDataSource database, Serializer serializer) : IBoardMarkerStore
{
    private const string Ticket = "t";
    private const string Engineer = "e";

    private const string SaveSql = """
        WITH gone AS (
            DELETE FROM live_board_markers m USING unnest($2::text[], $3::text[]) AS g(kind, id)
            WHERE m.board = $1 AND m.kind = g.kind AND m.id = g.id)
        INSERT INTO live_board_markers (board, kind, id, marker)
        SELECT $1, c.kind, c.id, c.marker FROM unnest($4::text[], $5::text[], $6::bytea[]) AS c(kind, id, marker)
        ON CONFLICT (board, kind, id) DO UPDATE SET marker = excluded.marker, stored_at = now()
        """;

    public async Task<RegionBoardMarkers> LoadAsync(string board, CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand("SELECT kind, marker FROM live_board_markers WHERE board = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = board });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var markers = new RegionBoardMarkers();
        while (await reader.ReadAsync(cancellationToken))
        {
            var bytes = reader.GetFieldValue<byte[]>(1);
            if (reader.GetString(0) == Ticket)
            {
                if (serializer.Deserialize<TicketMarker>(bytes) is { } ticket)
                {
                    markers.Tickets[ticket.Id] = ticket;
                }
            }
            else if (serializer.Deserialize<EngineerMarker>(bytes) is { } engineer)
            {
                markers.Engineers[engineer.Id] = engineer;
            }
        }
        return markers;
    }

    public async Task SaveAsync(string board, MarkerChanges changes, CancellationToken cancellationToken = default)
    {
        if (changes.IsEmpty)
        {
            return;
        }
        var goneKinds = new List<string>(changes.TicketsGone.Count + changes.EngineersGone.Count);
        var goneIds = new List<string>(goneKinds.Capacity);
        foreach (var id in changes.TicketsGone)
        {
            goneKinds.Add(Ticket);
            goneIds.Add(id);
        }
        foreach (var id in changes.EngineersGone)
        {
            goneKinds.Add(Engineer);
            goneIds.Add(id);
        }
        var kinds = new List<string>(changes.Tickets.Count + changes.Engineers.Count);
        var ids = new List<string>(kinds.Capacity);
        var bytes = new List<byte[]>(kinds.Capacity);
        foreach (var ticket in changes.Tickets)
        {
            kinds.Add(Ticket);
            ids.Add(ticket.Id);
            bytes.Add(serializer.SerializeToArray(ticket));
        }
        foreach (var engineer in changes.Engineers)
        {
            kinds.Add(Engineer);
            ids.Add(engineer.Id);
            bytes.Add(serializer.SerializeToArray(engineer));
        }
        await using var command = database.CreateCommand(SaveSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = board });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. goneKinds] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. goneIds] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. kinds] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. ids] });
        command.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = [.. bytes] });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
