namespace Dispatch.Domain.Geo;

/// <summary>A region file that cannot be served: the message names the feature and what is wrong with it.</summary>
public sealed class RegionMapException : Exception
{
    public RegionMapException()
    {
    }

    public RegionMapException(string message)
        : base(message)
    {
    }

    public RegionMapException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
