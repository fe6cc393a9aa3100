using Microsoft.Extensions.Options;

namespace Dispatch.Grains.Sla;

/// <summary>
/// The SLA book as this silo last read it, in domain form, so that a ticket computing its clocks costs no
/// grain call. Read again when older than <see cref="SlaBookOptions.CacheFreshness"/> (two seconds by
/// default): a policy change reaches every ticket within that.
/// </summary>
public sealed class SlaBookCache(IGrainFactory grains, IOptions<SlaBookOptions> options) : IDisposable
{
    private readonly double _freshnessMs = options.Value.CacheFreshness.TotalMilliseconds;

    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private SlaBook? _book;
    private long _fetchedAt;

    public async ValueTask<SlaBook> CurrentAsync()
    {
        var book = _book;
        if (book is not null && Environment.TickCount64 - Volatile.Read(ref _fetchedAt) < _freshnessMs)
        {
            return book;
        }
        await _refreshing.WaitAsync();
        try
        {
            if (_book is not null && Environment.TickCount64 - _fetchedAt < _freshnessMs)
            {
                return _book;
            }
            var stored = await grains.Grain<ISlaBookGrain>(0).Read();
            if (_book is null || _book.Version != stored.Version)
            {
                _book = SlaDocumentMapper.ToBook(stored.Book, stored.Version);
            }
            Volatile.Write(ref _fetchedAt, Environment.TickCount64);
            return _book;
        }
        finally
        {
            _refreshing.Release();
        }
    }

    public void Dispose() => _refreshing.Dispose();

    /// <summary>Forgets the cached book, so the next read fetches it (after this silo changed it).</summary>
    public void Invalidate() => Volatile.Write(ref _fetchedAt, 0);
}
