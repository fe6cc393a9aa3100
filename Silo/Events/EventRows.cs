using Dispatch.Grains.Events;
using Npgsql;
using NpgsqlTypes;

namespace Dispatch.Silo.Events;

/// <summary>Events as the array parameters of <c>dispatch_write_state_with_events</c> ($10 to $17).</summary>
internal static class EventRows
{
    public static void AddParameters(NpgsqlBatchCommand command, IReadOnlyList<DomainEvent> events, EventQuarantine quarantine)
    {
        var count = events.Count;
        var (streams, sequences, types, ats) = (new string[count], new long[count], new string[count], new DateTime[count]);
        var (actorNames, actorRoles, datas, quarantined) = (new string[count], new string[count], new string[count], new string?[count]);
        for (var i = 0; i < count; i++)
        {
            var e = events[i];
            var reason = quarantine.Judge(e);
            // A quarantined event is kept as readable as PostgreSQL's text type allows.
            Func<string, string> text = reason is null ? s => s : EventQuarantine.Printable;
            streams[i] = text(e.Stream);
            sequences[i] = e.Sequence;
            types[i] = text(e.Type);
            ats[i] = e.At.UtcDateTime;
            actorNames[i] = text(e.Actor.Name);
            actorRoles[i] = text(e.Actor.Role);
            datas[i] = text(e.Data);
            quarantined[i] = reason;
        }
        var parameters = command.Parameters;
        parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = streams });
        parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint, Value = sequences });
        parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = types });
        parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, Value = ats });
        parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = actorNames });
        parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = actorRoles });
        parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = datas });
        parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = quarantined });
    }
}
