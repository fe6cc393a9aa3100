using Dispatch.Silo.Projections;
using Dispatch.Testing;
using Npgsql;

namespace Dispatch.Web.Tests.ReadSide;

/// <summary>
/// The projector against writers whose transactions commit in another order than they took their positions:
/// no event is skipped, none is applied twice, a stream's events apply in order, and a rebuild from scratch
/// ends where the incremental projection did.
/// </summary>
public sealed class ProjectorConcurrencyTests : ReadSideDatabase
{
    private ReadModelProjector _projector = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _projector = new ReadModelProjector(DataSource);
    }

    [Fact]
    public async Task An_event_committed_after_a_later_positioned_one_is_not_skipped()
    {
        // The slow writer takes its position first and commits last.
        await using var slow = await DataSource.OpenConnectionAsync();
        await using var slowTransaction = await slow.BeginTransactionAsync();
        await InsertAsync(slow, slowTransaction, Created("t-slow"));
        await using (var fast = await DataSource.OpenConnectionAsync())
        {
            await InsertAsync(fast, null, Created("t-fast"));
        }
        Assert.True(await PositionOfAsync("t-fast") > await PositionOfAsync("t-slow", slowTransaction, slow));

        // While the slow transaction is open, the projector may not pass it: it applies nothing yet.
        Assert.Equal(0, await CatchUpAsync());

        await slowTransaction.CommitAsync();
        Assert.Equal(2, await CatchUpAsync());
        Assert.Equal(["t-fast", "t-slow"], await TicketIdsAsync());
    }

    [Fact]
    public async Task Concurrent_writers_holding_transactions_open_lose_nothing_and_double_nothing()
    {
        const int writers = 8, ticketsPerWriter = 10, visitsPerTicket = 3;
        using var stop = new CancellationTokenSource();
        var projecting = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await _projector.ProjectOnceAsync();
            }
        });

        var writing = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var random = new Random(w);
            await using var connection = await DataSource.OpenConnectionAsync();
            for (var t = 0; t < ticketsPerWriter; t++)
            {
                var ticket = $"t-{w}-{t}";
                // Each event in its own transaction, as a grain's successive writes are; some held open a while.
                for (var sequence = 1; sequence <= 1 + visitsPerTicket; sequence++)
                {
                    await using var transaction = await connection.BeginTransactionAsync();
                    await InsertAsync(connection, transaction, sequence == 1 ? Created(ticket) : OnSite(ticket, sequence));
                    if (random.Next(4) == 0)
                    {
                        await Task.Delay(random.Next(1, 30));
                    }
                    await transaction.CommitAsync();
                }
            }
        })).ToList();
        await Task.WhenAll(writing);
        await stop.CancelAsync();
        await projecting;
        await CatchUpAsync();

        await using var check = DataSource.CreateCommand("""
            SELECT count(*), count(*) FILTER (WHERE visits = 3 AND last_sequence = 4 AND status = 'OnSite'),
                   (SELECT events_applied FROM dispatch_projection_checkpoints WHERE projection = 'read-model')
              FROM rm_tickets
            """);
        await using var reader = await check.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal(writers * ticketsPerWriter, reader.GetInt64(0));
        Assert.Equal(writers * ticketsPerWriter, reader.GetInt64(1));
        Assert.Equal(writers * ticketsPerWriter * (1 + visitsPerTicket), reader.GetInt64(2));
    }

    [Fact]
    public async Task A_rebuild_from_scratch_equals_the_incremental_projection()
    {
        await using (var connection = await DataSource.OpenConnectionAsync())
        {
            for (var t = 0; t < 5; t++)
            {
                await InsertAsync(connection, null, Created($"t-r{t}"));
                await CatchUpAsync();
                await InsertAsync(connection, null, OnSite($"t-r{t}", 2));
            }
        }
        await CatchUpAsync();
        var incremental = await ReadModelAsync();

        await ExecuteAsync("SELECT dispatch_projections_rebuild()");
        Assert.Empty(await TicketIdsAsync());
        Assert.Equal(10, await CatchUpAsync());
        Assert.Equal(incremental, await ReadModelAsync());
    }

    [Fact]
    public async Task The_script_rebuild_empties_the_read_models_and_the_projector_replays_the_log()
    {
        await using (var connection = await DataSource.OpenConnectionAsync())
        {
            await InsertAsync(connection, null, Created("t-s1"));
            await InsertAsync(connection, null, OnSite("t-s1", 2));
        }
        await CatchUpAsync();
        var before = await ReadModelAsync();

        await DispatchScript.RunAsync(Database.ScriptEnvironment, "projections", "rebuild");

        Assert.Empty(await TicketIdsAsync());
        Assert.Equal(2, await CatchUpAsync());
        Assert.Equal(before, await ReadModelAsync());
    }

    private Task<int> CatchUpAsync() => ProjectorRuns.CatchUpAsync(_projector);

    private sealed record Event(string Ticket, long Sequence, string Type, string? To, string Details);

    private static Event Created(string ticket) => new(ticket, 1, "ticket.created", "New",
        """{"priority": "P2", "region": "riverside", "serviceType": "repair", "title": "Boiler", "channel": "api"}""");

    private static Event OnSite(string ticket, long sequence) => new(ticket, sequence, "ticket.on-site", "OnSite", "{}");

    private static async Task InsertAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, Event e)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO dispatch_events (stream, sequence, type, at, actor_name, actor_role, data)
            VALUES ('ticket:' || @ticket, @sequence, @type, now(), 'test', 'system',
                    jsonb_build_object('ticketId', @ticket, 'customerId', 'c-1', 'to', @to::text, 'details', @details::jsonb))
            """, connection, transaction);
        command.Parameters.AddWithValue("ticket", e.Ticket);
        command.Parameters.AddWithValue("sequence", e.Sequence);
        command.Parameters.AddWithValue("type", e.Type);
        command.Parameters.AddWithValue("to", (object?)e.To ?? DBNull.Value);
        command.Parameters.AddWithValue("details", e.Details);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<long> PositionOfAsync(string ticket, NpgsqlTransaction? transaction = null, NpgsqlConnection? connection = null)
    {
        await using var own = connection is null ? await DataSource.OpenConnectionAsync() : null;
        await using var command = new NpgsqlCommand("SELECT position FROM dispatch_events WHERE stream = 'ticket:' || @ticket",
            connection ?? own, transaction);
        command.Parameters.AddWithValue("ticket", ticket);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<List<string>> TicketIdsAsync()
    {
        await using var command = DataSource.CreateCommand("SELECT ticket_id FROM rm_tickets ORDER BY ticket_id");
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<string>();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }
        return ids;
    }

    private async Task<string> ReadModelAsync()
    {
        await using var command = DataSource.CreateCommand("""
            SELECT coalesce(string_agg(t::text, E'\n' ORDER BY t.ticket_id), '') || E'\n--\n'
                || coalesce((SELECT string_agg(s::text, E'\n' ORDER BY s.ticket_id, s.stage) FROM rm_ticket_stages s), '')
              FROM rm_tickets t
            """);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
