namespace Dispatch.Grains.Storage;

/// <summary>
/// The database did not answer while a grain needed it. Thrown across the grain boundary in place of the
/// driver's own exception (which does not travel between processes), so that web nodes can answer 503.
/// </summary>
[GenerateSerializer, Alias("dispatch.store-unavailable")]
public sealed class StoreUnavailableException : Exception
{
    public StoreUnavailableException()
    {
    }

    public StoreUnavailableException(string message)
        : base(message)
    {
    }

    public StoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
