using System.Reflection;
using Dispatch.Grains.Live;
using Dispatch.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dispatch.Grains.Tests.Live;

/// <summary>The silo's relay to the web nodes, without a cluster: its directory of nodes is played by the test.</summary>
public sealed class LiveRelayTests
{
    [Fact]
    public async Task While_the_directory_of_web_nodes_cannot_be_read_pushes_go_on_without_waiting_and_reach_the_nodes_once_it_answers()
    {
        var directory = new NodeDirectory();
        directory.Answers.Enqueue(Task.FromException<IReadOnlyList<ILiveFeedObserver>>(new TimeoutException("the directory's silo is gone")));
        // The read after the failure does not answer until the test says so: a push that waited for it would not end.
        var stalled = new TaskCompletionSource<IReadOnlyList<ILiveFeedObserver>>(TaskCreationOptions.RunContinuationsAsynchronously);
        directory.Answers.Enqueue(stalled.Task);
        var relay = new LiveRelay(Factory.Of(directory), new NoOfferPush(), NullLogger<LiveRelay>.Instance);

        await relay.WorkChanged("eng-1", "the first push waits for the first read, which fails");
        var pushes = Enumerable.Range(0, 50).Select(i => relay.WorkChanged("eng-1", $"push {i}")).ToList();

        Assert.All(pushes, push => Assert.True(push.IsCompletedSuccessfully));
        Assert.InRange(directory.Reads, 1, 2);

        var node = new Node();
        stalled.SetResult([node]);
        await Eventually.Until(async () =>
        {
            await relay.WorkChanged("eng-1", "after the directory answers");
            return node.Works;
        }, works => works > 0, TimeSpan.FromSeconds(30), "a push to reach the node the directory lists");
    }

    private sealed class NodeDirectory : ILiveListenersGrain
    {
        private int _reads;

        public Queue<Task<IReadOnlyList<ILiveFeedObserver>>> Answers { get; } = new();

        public int Reads => Volatile.Read(ref _reads);

        public Task<IReadOnlyList<ILiveFeedObserver>> Listeners()
        {
            Interlocked.Increment(ref _reads);
            lock (Answers)
            {
                // The last answer stands once the queue is down to it.
                return Answers.Count > 1 ? Answers.Dequeue() : Answers.Peek();
            }
        }

        public Task Subscribe(ILiveFeedObserver observer) => throw new NotSupportedException();

        public Task Unsubscribe(ILiveFeedObserver observer) => throw new NotSupportedException();
    }

    private sealed class Node : ILiveFeedObserver
    {
        private int _works;

        public int Works => Volatile.Read(ref _works);

        public Task OnWork(string engineerId, string reason)
        {
            Interlocked.Increment(ref _works);
            return Task.CompletedTask;
        }

        public Task OnTickets(IReadOnlyList<TicketMarker> tickets) => Task.CompletedTask;

        public Task OnEngineers(IReadOnlyList<EngineerMarker> engineers) => Task.CompletedTask;

        public Task OnAlerts(IReadOnlyList<AlertNote> alerts) => Task.CompletedTask;

        public Task OnNotification(Notifications.PersonNotification notification) => Task.CompletedTask;

        public Task OnHeat(IReadOnlyList<HeatCell> cells) => Task.CompletedTask;

        public Task OnKpis(Kpis kpis) => Task.CompletedTask;

        public Task OnOffer(OfferPush offer) => Task.CompletedTask;
    }

    /// <summary>
    /// A grain factory that knows one grain: the directory of web nodes. It answers both ways of asking for it: by
    /// interface, and by the names <see cref="GrainReferences"/> keeps once an earlier test's cluster made a reference.
    /// </summary>
    public class Factory : DispatchProxy
    {
        private ILiveListenersGrain _directory = null!;

        public static IGrainFactory Of(ILiveListenersGrain directory)
        {
            var factory = Create<IGrainFactory, Factory>();
            ((Factory)(object)factory)._directory = directory;
            return factory;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            targetMethod is not null && targetMethod.ReturnType.IsAssignableFrom(typeof(ILiveListenersGrain))
                ? _directory
                : throw new NotSupportedException(targetMethod?.Name);
    }
}
