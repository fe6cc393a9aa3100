using Dispatch.Grains.Skills;

namespace Dispatch.Web.Api.Skills;

/// <summary>
/// The skill catalogue as this web node last read it, so that judging a ticket's skills costs no grain call.
/// Read again when older than two seconds, and at once when a request names a skill it does not know: a skill
/// an admin just added on another node is never refused, and a typo costs one read of the catalogue.
/// </summary>
public sealed class SkillCatalogueCache(IClusterClient cluster) : IDisposable
{
    private const long FreshnessMs = 2000;

    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private SkillCatalogue? _catalogue;
    private long _fetchedAt;

    /// <summary>Those of <paramref name="skillIds"/> the catalogue does not hold, each with its index among them.</summary>
    public async ValueTask<IReadOnlyList<(int Index, string SkillId)>> UnknownAsync(IReadOnlyList<string> skillIds)
    {
        if (skillIds.Count == 0)
        {
            return [];
        }
        var unknown = Unknown(await CurrentAsync(forceRead: false), skillIds);
        return unknown.Count == 0 ? unknown : Unknown(await CurrentAsync(forceRead: true), skillIds);
    }

    /// <summary>Forgets what it holds (after this node changed the catalogue).</summary>
    public void Invalidate() => Volatile.Write(ref _fetchedAt, long.MinValue / 2);

    public void Dispose() => _refreshing.Dispose();

    private static List<(int, string)> Unknown(SkillCatalogue catalogue, IReadOnlyList<string> skillIds) =>
        skillIds.Select((id, index) => (index, id)).Where(s => !catalogue.Contains(s.id)).ToList();

    private async ValueTask<SkillCatalogue> CurrentAsync(bool forceRead)
    {
        var seenAt = Volatile.Read(ref _fetchedAt);
        if (!forceRead && _catalogue is { } cached && Environment.TickCount64 - seenAt < FreshnessMs)
        {
            return cached;
        }
        await _refreshing.WaitAsync();
        try
        {
            // Another request may have read it while this one waited.
            if (_catalogue is { } fresh && _fetchedAt != seenAt && Environment.TickCount64 - _fetchedAt < FreshnessMs)
            {
                return fresh;
            }
            _catalogue = await cluster.Grain<ISkillCatalogueGrain>(0).Read();
            Volatile.Write(ref _fetchedAt, Environment.TickCount64);
            return _catalogue;
        }
        finally
        {
            _refreshing.Release();
        }
    }
}
