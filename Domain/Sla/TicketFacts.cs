namespace Dispatch.Domain.Sla;

/// <summary>What policies and rules are matched on. Tier, service type and region are free-form data.</summary>
public sealed record TicketFacts(Priority Priority, string CustomerTier, string ServiceType, string? Region);
