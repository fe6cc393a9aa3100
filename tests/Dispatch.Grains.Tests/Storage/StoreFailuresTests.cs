using System.Net.Sockets;
using Dispatch.Grains.Storage;
using Npgsql;

namespace Dispatch.Grains.Tests.Storage;

/// <summary>
/// A database that does not answer must reach callers as the one exception that travels between processes; anything
/// else (a bug, a grain call that timed out) must keep its own type, or web nodes would answer 503 for a fault of ours.
/// </summary>
public sealed class StoreFailuresTests
{
    [Fact]
    public async Task The_drivers_exception_and_a_refused_socket_travel_as_store_unavailable()
    {
        var driver = await Assert.ThrowsAsync<StoreUnavailableException>(() =>
            StoreFailures.Translated(() => Task.FromException(new NpgsqlException("connection refused", new SocketException((int)SocketError.ConnectionRefused)))));
        Assert.Contains("connection refused", driver.Message, StringComparison.OrdinalIgnoreCase);

        await Assert.ThrowsAsync<StoreUnavailableException>(() =>
            StoreFailures.Translated<int>(() => Task.FromException<int>(new InvalidOperationException("wrapped", new SocketException((int)SocketError.ConnectionReset)))));
    }

    [Fact]
    public async Task Other_failures_keep_their_type()
    {
        await Assert.ThrowsAsync<TimeoutException>(() => StoreFailures.Translated(() => Task.FromException(new TimeoutException("a grain call timed out"))));
        await Assert.ThrowsAsync<InvalidOperationException>(() => StoreFailures.Translated(() => Task.FromException(new InvalidOperationException("a bug"))));
        Assert.Equal(42, await StoreFailures.Translated(() => Task.FromResult(42)));
    }

    [Fact]
    public void An_exception_already_translated_is_passed_on_as_it_is()
    {
        var translated = new StoreUnavailableException("the database did not answer: gone");
        Assert.Same(translated, StoreFailures.Translate(translated));
        Assert.True(StoreFailures.IsUnreachable(new AggregateException(translated)));
    }
}
