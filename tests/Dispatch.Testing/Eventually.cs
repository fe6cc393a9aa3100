namespace Dispatch.Testing;

/// <summary>
/// Waits for something that happens in the background (a reminder firing, a silo joining) by polling,
/// with a generous upper bound. It is not a timing assertion: the bound only stops a broken test.
/// </summary>
public static class Eventually
{
    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan? within = null, string? what = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(60));
        Exception? last = null;
        while (true)
        {
            try
            {
                var value = await probe();
                if (done(value))
                {
                    return value;
                }
                last = null;
            }
            catch (Exception ex) when (DateTime.UtcNow < deadline)
            {
                last = ex;
            }
            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"Gave up waiting for {what ?? "the condition"}", last);
            }
            await Task.Delay(200);
        }
    }
}
