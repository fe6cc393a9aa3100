using Dispatch.Domain.Dispatching;
using Dispatch.Domain.Geo;
using Dispatch.Domain.Sla;
using Dispatch.Grains.Common;
using Dispatch.Grains.Engineers;
using Dispatch.Grains.Storage;
using Dispatch.Grains.Tickets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace Dispatch.Grains.Dispatching;

[GenerateSerializer, Alias("dispatch.region-state")]
public sealed class RegionState
{
    /// <summary>The engineers last seen in this region: asked for their facts when the region activates.</summary>
    [Id(0)] public HashSet<string> Roster { get; set; } = [];
}

/// <summary>
/// One service region's dispatcher. It keeps its engineers in a spatial index and the tickets waiting for
/// one in a queue, proposes the candidates Domain ranks best, and lets each engineer decide whether it can
/// take the offer. Reentrant, so one slow engineer or ticket does not hold up the region: two dispatches may
/// pick the same engineer, and the engineer, deciding one call at a time, accepts only one of them. The
/// queue of tickets still waiting is stored (its writes coalesced; a ticket offered at once is never written): a
/// region activated again after its silo was lost serves the tickets that were waiting at once, instead of when each
/// asks again.
/// </summary>
[Reentrant]
public sealed class RegionDispatcherGrain(
    [PersistentState("region", StorageNames.Dispatch)] IPersistentState<RegionState> state,
    [PersistentState("region-queue", StorageNames.Dispatch)] IPersistentState<RegionQueueState> queue,
    RegionCatalog regions,
    IOptions<DispatchOptions> options,
    ITravelTimeEstimator travel,
    TimeProvider clock,
    ILogger<RegionDispatcherGrain> logger) : Grain, IRegionDispatcherGrain
{
    private static readonly Actor AutoAccept = new("auto-accept", "system");

    // Looks at the index per dispatch: a ticket whose first candidates all turned out taken tries the next ones.
    private const int SearchRounds = 3;

    private EngineerIndex _index = null!;
    private readonly Dictionary<string, EngineerSnapshot> _engineers = [];
    private readonly HashSet<string> _inFlight = [];

    // Engineers an offer in flight is asking right now: concurrent dispatches (the grain is reentrant) look
    // past them instead of all asking the same nearest engineer, of whom only one can get a yes.
    private readonly HashSet<string> _asking = new(StringComparer.Ordinal);

    // How many times an engineer became free here: a dispatch that found nobody checks it did not miss one.
    private long _freed;

    // One pass over the queue at a time; a wake-up during a pass asks for another when it ends, for the engineers who
    // freed up meanwhile.
    private bool _serving;
    private int _serveAgain;
    private readonly List<EngineerFacts> _freedMeanwhile = [];

    private static readonly TimeSpan QueueRecheckGap = TimeSpan.FromSeconds(1);
    private DateTimeOffset _queueRecheckedAt;

    // How long a request waits for the greedy offer before it is stored in the queue instead (see RequestDispatch).
    private static readonly TimeSpan FirstOfferWait = TimeSpan.FromSeconds(5);

    private CoalescedWrites _rosterWrites = null!;
    private CoalescedWrites _queueWrites = null!;

    // The waiting tickets a write of the queue may have stored: only taking one of them out needs another write.
    private readonly HashSet<string> _mayBeStored = new(StringComparer.Ordinal);
    private ServiceRegion _region = null!;

    private Dictionary<string, DispatchRequest> Queue => queue.State.Waiting;

    private string Id => this.GetPrimaryKeyString();

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        Telemetry.DispatchMeters.UntrackQueue(Id, this);
        return base.OnDeactivateAsync(reason, cancellationToken);
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _region = regions.Map.Get(Id);
        _rosterWrites = new CoalescedWrites(() => state.WriteStateAsync());
        _mayBeStored.UnionWith(Queue.Keys);
        _queueWrites = new CoalescedWrites(() =>
        {
            _mayBeStored.UnionWith(Queue.Keys);
            return queue.WriteStateAsync();
        });
        // The meter reads the depth from outside the grain's context, where Orleans refuses access to grain state
        // (the gauge then silently reported nothing): it holds the queue itself, which this activation never replaces.
        var waiting = Queue;
        Telemetry.DispatchMeters.TrackQueue(Id, this, () => waiting.Count);
        var centre = _region.Area.Centroid;
        _index = new EngineerIndex(new Position(centre.Y, centre.X));
        foreach (var chunk in state.State.Roster.Chunk(500))
        {
            var snapshots = await Task.WhenAll(chunk.Select(id => GrainFactory.Grain<IEngineerGrain>(id).Snapshot()));
            foreach (var snapshot in snapshots.OfType<EngineerSnapshot>().Where(s => s.Region == Id))
            {
                Index(snapshot);
            }
        }
        if (_region.Mode == DispatchMode.Batch)
        {
            // Interleaved like every call here: the batch's offers call tickets, and a ticket may be waiting on this
            // region (asking to be queued) when its offer comes; a batch that shut the region meanwhile waited for it
            // until the call timeout. A timer does not tick again before its callback ends, so batches never overlap.
            this.RegisterGrainTimer(SolveBatch,
                new GrainTimerCreationOptions { DueTime = options.Value.BatchWindow, Period = options.Value.BatchWindow, Interleave = true, KeepAlive = false });
        }
        else if (Queue.Count > 0)
        {
            // Tickets were waiting when this region was last active (its silo may have been lost): the engineers
            // just indexed get their chance at once, without waiting for the next one to report.
            this.RegisterGrainTimer(ServeRestoredQueue,
                new GrainTimerCreationOptions { DueTime = TimeSpan.Zero, Period = Timeout.InfiniteTimeSpan, Interleave = true, KeepAlive = false });
        }
    }

    /// <remarks>
    /// Answered once the request is safe: stored in the queue, or, greedy, offered, which the ticket stored itself
    /// before the offer returned. A ticket offered at once (most of them) then costs the queue no write at all, neither
    /// in nor out: two of a ticket's 16 durable writes at 50 tickets/s. One whose first look takes longer than
    /// <see cref="FirstOfferWait"/> is stored while the look goes on. (The ticket does not wait for this answer in its
    /// own turn, so the offer's call back to it cannot deadlock; it only decides whether to ask again.)
    /// </remarks>
    public async Task RequestDispatch(DispatchRequest request)
    {
        Queue[request.TicketId] = request;
        if (_region.Mode == DispatchMode.Greedy)
        {
            try
            {
                await DispatchLogged(request).WaitAsync(FirstOfferWait, clock);
            }
            catch (TimeoutException)
            {
                // Still looking: the request is stored below and the look goes on.
            }
            if (!Queue.ContainsKey(request.TicketId))
            {
                return; // offered, or withdrawn meanwhile
            }
        }
        await _queueWrites.Save();
    }

    public async Task Withdraw(string ticketId)
    {
        if (TakeOut(ticketId))
        {
            await _queueWrites.Save();
        }
    }

    public async Task RosterChanged(RosterChanges changes)
    {
        var rosterChanged = false;
        var freedUp = new List<EngineerFacts>();
        var available = new List<EngineerFacts>();
        foreach (var engineerId in changes.Left)
        {
            rosterChanged |= Unlist(engineerId);
        }
        foreach (var engineer in changes.Engineers)
        {
            if (engineer.Region != Id)
            {
                rosterChanged |= Unlist(engineer.EngineerId);
                continue;
            }
            var freed = engineer.Available && !(_engineers.TryGetValue(engineer.EngineerId, out var before) && before.Available);
            var facts = Index(engineer);
            if (freed)
            {
                _freed++;
                freedUp.Add(facts);
            }
            if (engineer.Available)
            {
                available.Add(facts);
            }
            rosterChanged |= state.State.Roster.Add(engineer.EngineerId);
        }
        if (rosterChanged)
        {
            await _rosterWrites.Save();
        }
        var now = clock.GetUtcNow();
        var recheck = available.Count > 0 && now - _queueRecheckedAt >= QueueRecheckGap;
        if ((freedUp.Count > 0 || recheck) && Queue.Count > 0 && _region.Mode == DispatchMode.Greedy)
        {
            // An engineer became free: the longest-waiting, most urgent tickets get a new chance. Mostly only on
            // the change: an available engineer reports a position every few seconds, and each report asking the
            // queue again would multiply the calls to engineers by the queue's length. Once a second a report does
            // ask, so a wake-up lost in a race (a ticket arriving as its engineer is being indexed) costs a second,
            // not the 30-second retry.
            _queueRecheckedAt = now;
            // Not awaited: serving the queue calls engineers, who may be waiting on this region in their own turns.
            _ = ServeQueue(20, recheck ? available : freedUp);
        }
    }

    /// <summary>The engineer is no longer this region's; whether the stored roster changed.</summary>
    private bool Unlist(string engineerId)
    {
        _index.Remove(engineerId);
        _engineers.Remove(engineerId);
        return state.State.Roster.Remove(engineerId);
    }

    public Task<IReadOnlyList<ScoredCandidate>> FindCandidates(DispatchRequest request, int count) =>
        Task.FromResult<IReadOnlyList<ScoredCandidate>>([.. Ranked(request, count).Select(Offerable)]);

    public Task<RegionView> GetView() => Task.FromResult(new RegionView(
        Id,
        _region.Name,
        _region.Mode.ToString(),
        _region.AutoAccept,
        _region.Neighbours,
        [.. Waiting().Select(r => new QueuedTicket(r.TicketId, r.Priority, r.RequestedAt))],
        [.. _engineers.Values.OrderBy(e => e.EngineerId, StringComparer.Ordinal)]));

    private Task ServeRestoredQueue(CancellationToken cancellationToken) => ServeQueue(200, [.. _index.Engineers.Where(e => e.HasRoom)]);

    /// <summary>
    /// Offers the most urgent, longest waiting tickets that one of <paramref name="engineers"/> could take, one after
    /// another; one pass at a time. Only those: tickets nobody here can take (a rare skill, too far) at the head of the
    /// queue would otherwise use up every pass, and a freed engineer would wait for the ticket's own retry.
    /// </summary>
    private async Task ServeQueue(int count, IReadOnlyList<EngineerFacts> engineers)
    {
        _freedMeanwhile.AddRange(engineers);
        if (_serving)
        {
            _serveAgain = Math.Max(_serveAgain, count);
            return;
        }
        _serving = true;
        try
        {
            for (var pass = count; pass > 0; (pass, _serveAgain) = (_serveAgain, 0))
            {
                List<EngineerFacts> freed = [.. _freedMeanwhile];
                _freedMeanwhile.Clear();
                foreach (var waiting in Waiting().Where(r => freed.Exists(e => CouldTake(e, r))).Take(pass))
                {
                    await DispatchLogged(waiting);
                }
            }
        }
        finally
        {
            _serving = false;
        }
    }

    private bool CouldTake(EngineerFacts engineer, DispatchRequest request) =>
        !request.Excluded.Contains(engineer.Id)
        && engineer.CouldTake(request.RequiredSkills, request.Location, SearchRadius(request));

    /// <summary>How far a ticket looks for an engineer: the configured radius, widened each time it asked in vain.</summary>
    private double SearchRadius(DispatchRequest request) => options.Value.SearchRadiusMeters * Math.Max(1, request.Widening);

    private async Task DispatchLogged(DispatchRequest request)
    {
        try
        {
            await TryDispatch(request);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The request stays queued: the next engineer to free up, or the ticket's own retry, tries again.
            logger.LogWarning(ex, "Region {Region}: dispatching ticket {TicketId} failed", Id, request.TicketId);
        }
    }

    private async Task TryDispatch(DispatchRequest request)
    {
        if (!Queue.ContainsKey(request.TicketId) || !_inFlight.Add(request.TicketId))
        {
            return;
        }
        try
        {
            // Engineers who said no are left out of the next look: the index may hold a few stale answers
            // (an engineer reserved by a concurrent dispatch publishes its new state a moment later).
            var refused = new HashSet<string>(StringComparer.Ordinal);
            for (var round = 0; round < SearchRounds; round++)
            {
                var freedBefore = _freed;
                IReadOnlyList<ScoredCandidate> candidates = [.. Ranked(request, options.Value.Candidates, refused).Select(Offerable)];
                if (candidates.Count == 0 && round == 0)
                {
                    candidates = await NeighbourCandidates(request);
                }
                if (candidates.Count > 0 && await OfferToFirstWhoCanTake(request, candidates, refused))
                {
                    return;
                }
                if (candidates.Count == 0 && _freed == freedBefore)
                {
                    // Nobody now; the next engineer to free up asks the queue again. One who freed up while
                    // this look was out (the grain is reentrant) found the ticket in flight, so it looks again.
                    return;
                }
            }
        }
        finally
        {
            _inFlight.Remove(request.TicketId);
        }
    }

    /// <summary>Offers the ticket down the ranked list until an engineer holds itself for it.</summary>
    private async Task<bool> OfferToFirstWhoCanTake(DispatchRequest request, IReadOnlyList<ScoredCandidate> ranked, HashSet<string>? refused = null)
    {
        foreach (var candidate in ranked)
        {
            if (!_asking.Add(candidate.EngineerId))
            {
                continue; // another offer is asking them this moment
            }
            var expiresAt = clock.GetUtcNow() + options.Value.OfferTimeout;
            var engineer = GrainFactory.Grain<IEngineerGrain>(candidate.EngineerId);
            bool reserved;
            try
            {
                reserved = await engineer.TryReserve(new OfferRequest(request.TicketId, expiresAt, candidate.DistanceMeters, candidate.Eta));
            }
            finally
            {
                _asking.Remove(candidate.EngineerId);
            }
            // Either way the engineer is not free now (holding this offer, or busy as the index did not yet
            // know): out of the index's free set until their own update, which follows every change.
            MarkTaken(candidate.EngineerId);
            if (!reserved)
            {
                refused?.Add(candidate.EngineerId);
                continue;
            }
            var reply = await GrainFactory.Grain<ITicketGrain>(request.TicketId).RecordOffer(candidate.EngineerId, Actor.System, expiresAt, ranked);
            Forget(request.TicketId);
            if (reply.Refusal is not null)
            {
                // The ticket moved on while we chose (cancelled, assigned by hand): let the engineer go.
                await engineer.ReleaseOffer(request.TicketId, "ticket no longer waiting");
                return false;
            }
            if (_region.AutoAccept)
            {
                var accepted = await engineer.AcceptForRegion(request.TicketId, AutoAccept);
                if (accepted.Refusal is { } refusal)
                {
                    logger.LogWarning("Auto-accept of {TicketId} by {EngineerId} refused: {Reason}", request.TicketId, candidate.EngineerId, refusal.Message);
                }
            }
            return true;
        }
        return false;
    }

    private async Task<IReadOnlyList<ScoredCandidate>> NeighbourCandidates(DispatchRequest request)
    {
        var found = new List<ScoredCandidate>();
        foreach (var neighbour in _region.Neighbours)
        {
            found.AddRange(await GrainFactory.Grain<IRegionDispatcherGrain>(neighbour).FindCandidates(request, options.Value.Candidates));
        }
        return [.. found.OrderBy(Score, CandidateScoring.BestFirst).Take(options.Value.Candidates)];
    }

    /// <summary>The nearest qualifying engineers, ranked by Domain's one ranking.</summary>
    private IReadOnlyList<ScoreBreakdown> Ranked(DispatchRequest request, int count, HashSet<string>? refused = null)
    {
        var from = request.Location;
        var excluded = request.Excluded.ToHashSet(StringComparer.Ordinal);
        var stale = clock.GetUtcNow() - options.Value.PositionStaleAfter;
        var nearest = _index.Nearest(from, count, SearchRadius(request), request.RequiredSkills,
            e => !excluded.Contains(e.Id) && !_asking.Contains(e.Id) && (refused is null || !refused.Contains(e.Id))
                 && _engineers.TryGetValue(e.Id, out var s) && s.PositionAt >= stale);
        var weights = new ScoringWeights(options.Value.EtaWeight, options.Value.ProficiencyWeight, options.Value.LoadWeight, options.Value.UrgencyWeight);
        return CandidateScoring.Rank(nearest, from, _region, travel, request.RequiredSkills, request.ResponseRemaining, weights);
    }

    private ScoredCandidate Offerable(ScoreBreakdown s) =>
        new(s.EngineerId, Id, s.DistanceMeters, s.Eta, s.EtaCost, s.ProficiencyCost, s.LoadCost, s.UrgencyCost, s.Total);

    private static ScoreBreakdown Score(ScoredCandidate c) =>
        new(c.EngineerId, c.DistanceMeters, c.Eta, c.EtaCost, c.ProficiencyCost, c.LoadCost, c.UrgencyCost, c.Total);

    /// <summary>
    /// Batch mode: the tickets gathered in the last window are assigned together, at the least total cost
    /// over each ticket's nearest candidates, instead of first come, first served.
    /// </summary>
    private async Task SolveBatch(CancellationToken cancellationToken)
    {
        var batch = Waiting().Where(r => !_inFlight.Contains(r.TicketId)).Take(200).ToList();
        if (batch.Count == 0)
        {
            return;
        }
        var rankings = batch.Select(r => Ranked(r, options.Value.Candidates)).ToList();
        var assigned = new HashSet<int>();
        var offers = new List<Task>();
        var pairs = BatchAssignment.Solve([.. batch.Select((r, row) => new BatchTicket(r.Priority, rankings[row]))]);
        foreach (var (row, engineerId) in pairs)
        {
            var request = batch[row];
            // The chosen engineer first, then the rest of the ticket's ranking should it have been taken meanwhile.
            var ranked = rankings[row].Where(c => c.EngineerId != engineerId).Prepend(rankings[row].First(c => c.EngineerId == engineerId))
                .Select(Offerable).ToList();
            if (_inFlight.Add(request.TicketId))
            {
                // The solver gave each ticket its own engineer: the offers go out together, not one after another.
                offers.Add(OfferInBatch(request, ranked));
            }
            assigned.Add(row);
        }
        await Task.WhenAll(offers);
        // Tickets with no candidate here look to the neighbours, as in greedy mode.
        for (var row = 0; row < batch.Count; row++)
        {
            if (!assigned.Contains(row) && rankings[row].Count == 0)
            {
                await TryDispatch(batch[row]);
            }
        }
    }

    private async Task OfferInBatch(DispatchRequest request, List<ScoredCandidate> ranked)
    {
        try
        {
            await OfferToFirstWhoCanTake(request, ranked);
        }
        finally
        {
            _inFlight.Remove(request.TicketId);
        }
    }

    /// <summary>The queue in the order it is served: most urgent priority first, then longest waiting.</summary>
    private List<DispatchRequest> Waiting() =>
        Queue.Values.OrderBy(r => r.Priority).ThenBy(r => r.RequestedAt).ToList();

    /// <summary>
    /// The ticket has its offer: out of the queue. The write is not waited for: should it be lost with the silo,
    /// the stale entry's next offer is refused by the ticket, which has moved on, and the engineer let go.
    /// </summary>
    private void Forget(string ticketId)
    {
        if (TakeOut(ticketId))
        {
            _ = SaveQueueLogged();
        }
    }

    /// <summary>Out of the queue; whether the stored queue may still hold the ticket, so a write must take it out there too.</summary>
    private bool TakeOut(string ticketId) => Queue.Remove(ticketId) && _mayBeStored.Remove(ticketId);

    private async Task SaveQueueLogged()
    {
        try
        {
            await _queueWrites.Save();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Region {Region}: storing its queue failed; the next change stores it again", Id);
        }
    }

    /// <summary>An engineer just asked for an offer is not free until they say otherwise.</summary>
    private void MarkTaken(string engineerId)
    {
        if (_engineers.TryGetValue(engineerId, out var known) && known.Available)
        {
            Index(known with { Available = false });
        }
    }

    private EngineerFacts Index(EngineerSnapshot snapshot)
    {
        _engineers[snapshot.EngineerId] = snapshot;
        var facts = new EngineerFacts(snapshot.EngineerId, snapshot.Position,
            snapshot.Skills, snapshot.Capacity, snapshot.ActiveJobs, snapshot.Available);
        _index.Upsert(facts);
        return facts;
    }
}
