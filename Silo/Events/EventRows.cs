using Dispatch.Grains.Events;
using Npgsql;
using NpgsqlTypes;

namespace Dispatch.Silo.Events;

/// <summary>
/// A write's events as the array parameters of its statement, column by column, each judged by the quarantine first:
/// <c>dispatch_write_state_with_events</c> takes them with the reasons ($10 to $17), the plain update (see
/// <see cref="Database.StateWrites"/>) without, as it only ever carries events the log can hold.
/// </summary>
internal sealed class EventRows
{
    private readonly string[] _streams;
    private readonly long[] _sequences;
    private readonly string[] _types;
    private readonly DateTime[] _ats;
    private readonly string[] _actorNames;
    private readonly string[] _actorRoles;
    private readonly string[] _datas;
    private readonly string?[] _quarantined;

    public EventRows(IReadOnlyList<DomainEvent> events, EventQuarantine quarantine)
    {
        var count = events.Count;
        (_streams, _sequences, _types, _ats) = (new string[count], new long[count], new string[count], new DateTime[count]);
        (_actorNames, _actorRoles, _datas, _quarantined) = (new string[count], new string[count], new string[count], new string?[count]);
        for (var i = 0; i < count; i++)
        {
            var e = events[i];
            var reason = quarantine.Judge(e);
            // A quarantined event is kept as readable as PostgreSQL's text type allows.
            Func<string, string> text = reason is null ? s => s : EventQuarantine.Printable;
            _streams[i] = text(e.Stream);
            _sequences[i] = e.Sequence;
            _types[i] = text(e.Type);
            _ats[i] = e.At.UtcDateTime;
            _actorNames[i] = text(e.Actor.Name);
            _actorRoles[i] = text(e.Actor.Role);
            _datas[i] = text(e.Data);
            _quarantined[i] = reason;
            AnyQuarantined |= reason is not null;
        }
    }

    /// <summary>Whether any event goes to the quarantine rather than the log.</summary>
    public bool AnyQuarantined { get; }

    /// <summary>Appends the columns (and, <paramref name="withReasons"/>, the quarantine's reasons) to the command's parameters.</summary>
    public void AddParameters(NpgsqlBatchCommand command, bool withReasons)
    {
        var parameters = command.Parameters;
        parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = _streams });
        parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint, Value = _sequences });
        parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = _types });
        parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, Value = _ats });
        parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = _actorNames });
        parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = _actorRoles });
        parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = _datas });
        if (withReasons)
        {
            parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = _quarantined });
        }
    }
}
