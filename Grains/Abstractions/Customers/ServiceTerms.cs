namespace Dispatch.Grains.Customers;

/// <summary>
/// What a customer is entitled to on a given day: its tier and, while a contract is valid, that contract's SLA
/// policy (which overrides the policy book's match). A ticket takes them at intake.
/// </summary>
[GenerateSerializer, Immutable, Alias("dispatch.service-terms")]
public sealed record ServiceTerms(
    [property: Id(0)] string Tier,
    [property: Id(1)] string? ContractPolicyId);
