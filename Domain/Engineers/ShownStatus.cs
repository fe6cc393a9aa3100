namespace Dispatch.Domain.Engineers;

/// <summary>What the engineer is doing as dispatchers see it: their presence, unless their work says more.</summary>
public enum ShownStatus
{
    Offline,
    Available,
    Offered,
    EnRoute,
    OnSite,
    OnBreak,
}
