using Dispatch.Grains.Gathering;
using Dispatch.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dispatch.Grains.Tests.Gathering;

/// <summary>What a silo's grains report to regions, gathered into one message per region; no cluster needed.</summary>
public sealed class GathererTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task Reports_within_the_wait_reach_each_target_in_one_handover_with_each_ones_latest_word()
    {
        var handed = new HandedOver();
        // Long enough that a busy machine does not split the four reports below over two handovers.
        var gatherer = new Gatherer<Dictionary<string, string>>(TimeSpan.FromSeconds(2), () => [], handed.Record, NullLogger.Instance);

        gatherer.Report("riverside", b => b["eng-1"] = "available");
        gatherer.Report("harbour", b => b["eng-2"] = "available");
        gatherer.Report("riverside", b => b["eng-1"] = "busy");
        gatherer.Report("riverside", b => b["eng-3"] = "available");

        await Eventually.Until(() => Task.FromResult(handed.Count), count => count == 2, TimeSpan.FromSeconds(30), "both regions' handovers");
        Assert.Equal(["eng-1=busy eng-3=available"], handed.To("riverside"));
        Assert.Equal(["eng-2=available"], handed.To("harbour"));
    }

    [Fact]
    public async Task A_report_handed_over_at_once_takes_what_was_gathered_before_it_along()
    {
        var handed = new HandedOver();
        var gatherer = new Gatherer<Dictionary<string, string>>(TimeSpan.FromMinutes(10), () => [], handed.Record, NullLogger.Instance);

        gatherer.Report("riverside", b => b["eng-1"] = "available");
        await gatherer.ReportNow("riverside", b => b["eng-2"] = "left");

        Assert.Equal(["eng-1=available eng-2=left"], handed.To("riverside"));
    }

    [Fact]
    public async Task A_report_handed_over_at_once_waits_for_the_targets_batch_already_on_its_way()
    {
        var handed = new HandedOver();
        var slowRegion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gatherer = new Gatherer<Dictionary<string, string>>(Wait, () => [], async (target, batch) =>
        {
            await handed.Record(target, batch);
            if (batch.TryGetValue("eng-1", out var word) && word == "available")
            {
                await slowRegion.Task; // the region is slow to take this batch
            }
        }, NullLogger.Instance);

        gatherer.Report("riverside", b => b["eng-1"] = "available");
        await Eventually.Until(() => Task.FromResult(handed.Count), count => count == 1, TimeSpan.FromSeconds(30), "the batch to be on its way");
        var left = gatherer.ReportNow("riverside", b => b["eng-1"] = "left");

        Assert.False(left.IsCompleted);
        Assert.Equal(1, handed.Count);
        slowRegion.SetResult();
        await left;
        Assert.Equal(["eng-1=available", "eng-1=left"], handed.To("riverside"));
    }

    private sealed class HandedOver
    {
        private readonly List<(string Target, string Batch)> _handed = [];

        public int Count
        {
            get
            {
                lock (_handed)
                {
                    return _handed.Count;
                }
            }
        }

        public Task Record(string target, Dictionary<string, string> batch)
        {
            lock (_handed)
            {
                _handed.Add((target, string.Join(' ', batch.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}={e.Value}"))));
            }
            return Task.CompletedTask;
        }

        /// <summary>Each handover to the target, its reports in one line.</summary>
        public List<string> To(string target)
        {
            lock (_handed)
            {
                return [.. _handed.Where(h => h.Target == target).Select(h => h.Batch)];
            }
        }
    }
}
