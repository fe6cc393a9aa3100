using Npgsql;

namespace Dispatch.Silo.WebPush;

/// <summary>The engineers' push subscriptions the silo sends to (engineer_push_subscriptions, migration 0011).</summary>
public sealed class PushSubscriptionRows(NpgsqlDataSource database)
{
    public async Task<List<(string Endpoint, string P256dh, string Auth)>> OfEngineerAsync(string engineerId, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("SELECT endpoint, p256dh, auth FROM engineer_push_subscriptions WHERE engineer_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = engineerId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var found = new List<(string, string, string)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }
        return found;
    }

    public async Task RemoveAsync(string endpoint, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("DELETE FROM engineer_push_subscriptions WHERE endpoint = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = endpoint });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
