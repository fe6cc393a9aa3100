namespace Dispatch.Silo.Webhooks;

/// <summary>Wakes this silo's deliverers when its router has routed messages, so they need not wait for their next poll.</summary>
public sealed class WebhookSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Pulse() => Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Returns at the next pulse or after <paramref name="atMost"/> (real time: it is a poll cadence).</summary>
    public Task WaitAsync(TimeSpan atMost, CancellationToken cancellationToken) =>
        Task.WhenAny(Volatile.Read(ref _next).Task, Task.Delay(atMost, TimeProvider.System, cancellationToken));
}
