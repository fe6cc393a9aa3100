namespace Dispatch.Grains.Events;

public static class JournaledWrites
{
    /// <summary>
    /// Stores the state together with <paramref name="events"/> (see <see cref="IJournaledState"/>). When it
    /// throws, nothing was stored: the caller's activation must be dropped, as its memory holds the change.
    /// </summary>
    public static async Task WriteWithEventsAsync<TState>(this IPersistentState<TState> state, IReadOnlyList<DomainEvent> events)
        where TState : IJournaledState
    {
        state.State.EventsToWrite = events;
        try
        {
            await state.WriteStateAsync();
        }
        finally
        {
            state.State.EventsToWrite = [];
        }
    }
}
