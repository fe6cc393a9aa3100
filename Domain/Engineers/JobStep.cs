namespace Dispatch.Domain.Engineers;

/// <summary>Where one of the engineer's jobs stands.</summary>
public enum JobStep
{
    Accepted,
    EnRoute,
    OnSite,
    WaitingForParts,
}
