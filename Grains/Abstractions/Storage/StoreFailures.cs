namespace Dispatch.Grains.Storage;

/// <summary>
/// Which failures mean "the database did not answer", and their translation into a
/// <see cref="StoreUnavailableException"/>: the driver's exceptions cannot be sent between processes (they reached
/// web nodes as a codec error and a 500), while this one can, and web nodes answer it with 503.
/// </summary>
public static class StoreFailures
{
    public static bool IsUnreachable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is StoreUnavailableException or System.Data.Common.DbException or System.Net.Sockets.SocketException)
            {
                return true;
            }
        }
        return false;
    }

    public static StoreUnavailableException Translate(Exception exception) =>
        exception as StoreUnavailableException ?? new StoreUnavailableException($"the database did not answer: {exception.GetBaseException().Message}");

    public static async Task Translated(Func<Task> operation)
    {
        try
        {
            await operation();
        }
        catch (Exception ex) when (IsUnreachable(ex))
        {
            throw Translate(ex);
        }
    }

    public static async Task<T> Translated<T>(Func<Task<T>> operation)
    {
        try
        {
            return await operation();
        }
        catch (Exception ex) when (IsUnreachable(ex))
        {
            throw Translate(ex);
        }
    }
}
