using System.Collections.Concurrent;

namespace Dispatch.Grains.Tests.Tickets;

/// <summary>Every grain call the silo receives, by target and method: what a command costs in calls, without timing.</summary>
public sealed class GrainCallLog : IIncomingGrainCallFilter
{
    private readonly ConcurrentQueue<(GrainId Target, string Method)> _calls = new();

    public Task Invoke(IIncomingGrainCallContext context)
    {
        // Logged as the call starts, so a caller that saw its effect also sees the call.
        _calls.Enqueue((context.TargetId, context.MethodName));
        return context.Invoke();
    }

    /// <summary>The methods called on one grain (its key), in the order they arrived.</summary>
    public IReadOnlyList<string> On(string key) =>
        [.. _calls.Where(c => c.Target.Key.ToString() == key).Select(c => c.Method)];
}
