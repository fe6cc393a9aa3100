namespace Dispatch.Silo.Projections;

/// <summary>
/// The rows of the tickets the projector wrote most recently, kept between its batches so that a ticket's next events
/// are folded onto them without reading them back: at 400 tickets/s nearly every ticket of a batch had an event in one of
/// the batches just before, and reading its rows took a fifth of a batch. They are what the projector's last batch
/// committed, so they are trusted only while the checkpoint is still that batch's: a batch of another silo's projector,
/// a rebuild, or a batch of this one that failed empties them.
/// </summary>
internal sealed class RecentTickets(int capacity)
{
    private readonly Dictionary<string, LinkedListNode<Kept>> _byId = new(StringComparer.Ordinal);
    // The least recently written first: the first to go when there are more than the capacity.
    private readonly LinkedList<Kept> _byWrite = new();
    private (string Tx, long Position)? _committedAt;

    /// <summary>
    /// The kept tickets among <paramref name="ticketIds"/>, ready for a new batch's fold, if the read models are still at
    /// <paramref name="checkpoint"/>, the checkpoint the kept rows were committed with; otherwise none, and all are dropped.
    /// </summary>
    public Dictionary<string, ProjectedTicket> Take(IEnumerable<string> ticketIds, (string Tx, long Position) checkpoint)
    {
        var taken = new Dictionary<string, ProjectedTicket>(StringComparer.Ordinal);
        if (_committedAt != checkpoint)
        {
            Clear();
            return taken;
        }
        foreach (var id in ticketIds)
        {
            if (_byId.TryGetValue(id, out var node))
            {
                taken[id] = new ProjectedTicket(id, node.Value.Row, node.Value.Stages, node.Value.SummaryFacts);
            }
        }
        return taken;
    }

    /// <summary>Keeps the batch's tickets as it committed them at <paramref name="checkpoint"/>.</summary>
    public void Keep(IEnumerable<ProjectedTicket> tickets, (string Tx, long Position) checkpoint)
    {
        foreach (var ticket in tickets)
        {
            if (ticket.Row is not { } row)
            {
                continue;
            }
            if (_byId.Remove(ticket.TicketId, out var old))
            {
                _byWrite.Remove(old);
            }
            _byId[ticket.TicketId] = _byWrite.AddLast(new Kept(row, ticket.Stages, ticket.SummaryFacts));
        }
        while (_byId.Count > capacity)
        {
            _byId.Remove(_byWrite.First!.Value.Row.TicketId);
            _byWrite.RemoveFirst();
        }
        _committedAt = checkpoint;
    }

    /// <summary>Drops every kept row (a batch failed: its fold may have changed rows it never committed).</summary>
    public void Clear()
    {
        _byId.Clear();
        _byWrite.Clear();
        _committedAt = null;
    }

    private sealed record Kept(TicketRow Row, Dictionary<string, StageTime> Stages, TicketSummaryFacts? SummaryFacts);
}
