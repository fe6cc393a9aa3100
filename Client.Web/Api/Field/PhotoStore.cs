using Npgsql;
using NpgsqlTypes;

namespace Dispatch.Web.Api.Field;

/// <summary>Service-report photos and signatures in PostgreSQL (dispatch_field_photos, migration 0013).</summary>
public sealed class PhotoStore(NpgsqlDataSource database, TimeProvider clock)
{
    public async Task<Guid> AddAsync(string ticketId, string engineerId, string kind, string contentType, byte[] bytes, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7(clock.GetUtcNow());
        await using var command = database.CreateCommand(
            "INSERT INTO dispatch_field_photos (id, ticket_id, engineer_id, kind, content_type, bytes, stored_at) VALUES ($1, $2, $3, $4, $5, $6, $7)");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter { Value = ticketId });
        command.Parameters.Add(new NpgsqlParameter { Value = engineerId });
        command.Parameters.Add(new NpgsqlParameter { Value = kind });
        command.Parameters.Add(new NpgsqlParameter { Value = contentType });
        command.Parameters.Add(new NpgsqlParameter { Value = bytes, NpgsqlDbType = NpgsqlDbType.Bytea });
        command.Parameters.Add(new NpgsqlParameter { Value = clock.GetUtcNow() });
        await command.ExecuteNonQueryAsync(cancellationToken);
        return id;
    }

    public async Task<int> CountAsync(string ticketId, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("SELECT count(*) FROM dispatch_field_photos WHERE ticket_id = $1 AND kind = 'photo'");
        command.Parameters.Add(new NpgsqlParameter { Value = ticketId });
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Which of the ids are stored for the ticket.</summary>
    public async Task<HashSet<Guid>> OfTicketAsync(string ticketId, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("SELECT id FROM dispatch_field_photos WHERE ticket_id = $1 AND id = ANY($2)");
        command.Parameters.Add(new NpgsqlParameter { Value = ticketId });
        command.Parameters.Add(new NpgsqlParameter { Value = ids.ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var found = new HashSet<Guid>();
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(reader.GetGuid(0));
        }
        return found;
    }

    public async Task<(string ContentType, byte[] Bytes)?> ReadAsync(string ticketId, Guid id, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("SELECT content_type, bytes FROM dispatch_field_photos WHERE ticket_id = $1 AND id = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = ticketId });
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetString(0), (byte[])reader.GetValue(1)) : null;
    }
}
