namespace Dispatch.Grains.Storage;

/// <summary>
/// Writes of one piece of a reentrant grain's state, taking turns and sharing: two interleaved writes would race
/// on the storage etag, so one runs at a time, and every change made while it runs goes out together in the next
/// (a fleet coming online, a burst of tickets, or a thousand tickets of one customer opening in a storm, needs a handful
/// of writes, not one each).
/// </summary>
/// <remarks>
/// Used from the grain's own turns only (a grain runs one turn at a time, also when reentrant), so the fields need no
/// lock. A caller makes its change in memory before it asks for the write, with no await in between.
/// </remarks>
public sealed class CoalescedWrites(Func<Task> write)
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

    /// <summary>
    /// Completes when everything changed so far is stored, writing nothing itself: for a caller whose change turned out
    /// to be one already made (a repeated call), which must not answer before that change is stored.
    /// </summary>
    public Task Stored() => _next ?? _current;

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
