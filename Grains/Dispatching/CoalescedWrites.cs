namespace Dispatch.Grains.Dispatching;

/// <summary>
/// Writes of one piece of a reentrant grain's state, taking turns and sharing: two interleaved writes would race
/// on the storage etag, so one runs at a time, and every change made while it runs goes out together in the next
/// (a fleet coming online, or a burst of tickets, needs a handful of writes, not one each).
/// </summary>
internal sealed class CoalescedWrites(Func<Task> write)
{
    private Task _current = Task.CompletedTask;
    private Task? _next;

    /// <summary>Completes when a write that includes the state as it is now has been stored.</summary>
    public Task Save()
    {
        if (_next is not null)
        {
            return _next; // not started yet: it will carry this change too
        }
        if (_current.IsCompleted)
        {
            return _current = write();
        }
        return _next = WriteAfter(_current);
    }

    private async Task WriteAfter(Task previous)
    {
        try
        {
            await previous;
        }
        catch (Exception)
        {
            // Its own callers heard of it; this write carries the state as it is now either way.
        }
        _next = null;
        _current = write();
        await _current;
    }
}
