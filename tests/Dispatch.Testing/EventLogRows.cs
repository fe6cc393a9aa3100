using Npgsql;

namespace Dispatch.Testing;

/// <summary>
/// Writes a hand-made history straight into the event log, as the grains would have written it: for histories a test
/// cannot make in its time (a ticket opened days ago), which the projector then reads like any other.
/// </summary>
public static class EventLogRows
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

    /// <summary>
    /// One event of a ticket (of customer c-1 unless told), committed on its own, in the grains' shape: the status it
    /// moves the ticket to, and its details (a JSON object).
    /// </summary>
    public static async Task TicketEventAsync(NpgsqlDataSource dataSource, string ticketId, long sequence, string type, string to,
        DateTimeOffset at, string details, string customerId = "c-1")
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await InsertAsync(connection, transaction, "ticket:" + ticketId, sequence, type, at,
            $$"""{"ticketId": "{{ticketId}}", "customerId": "{{customerId}}", "to": "{{to}}", "details": {{details}}}""");
        await transaction.CommitAsync();
    }
}
