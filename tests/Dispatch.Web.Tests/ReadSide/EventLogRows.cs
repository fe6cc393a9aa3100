using Npgsql;

namespace Dispatch.Web.Tests.ReadSide;

/// <summary>Writes a hand-made history straight into the event log, as the grains would have written it.</summary>
internal static class EventLogRows
{
    public static async Task InsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string stream, long sequence,
        string type, DateTimeOffset at, string data)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO dispatch_events (stream, sequence, type, at, actor_name, actor_role, data)
            VALUES (@stream, @sequence, @type, @at, 'test', 'system', @data::jsonb)
            """, connection, transaction);
        command.Parameters.AddWithValue("stream", stream);
        command.Parameters.AddWithValue("sequence", sequence);
        command.Parameters.AddWithValue("type", type);
        command.Parameters.AddWithValue("at", at);
        command.Parameters.AddWithValue("data", data);
        await command.ExecuteNonQueryAsync();
    }
}
