namespace Dispatch.Grains.Customers;

/// <summary>What a dispatcher or admin says about a customer (PUT /api/customers/{id}).</summary>
[GenerateSerializer, Immutable, Alias("dispatch.customer-profile")]
public sealed record CustomerProfile(
    [property: Id(0)] string Name,
    [property: Id(1)] string Tier,
    [property: Id(2)] IReadOnlyList<CustomerSite> Sites,
    [property: Id(3)] CustomerContract? Contract,
    [property: Id(4)] string? Phone = null,
    [property: Id(5)] string? Email = null);

/// <summary>A place where the customer receives service.</summary>
[GenerateSerializer, Immutable, Alias("dispatch.customer-site")]
public sealed record CustomerSite(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] double Lat,
    [property: Id(3)] double Lon,
    [property: Id(4)] string? Address = null);

/// <summary>A service contract: while valid, its SLA policy overrides the policy book's match.</summary>
[GenerateSerializer, Immutable, Alias("dispatch.customer-contract")]
public sealed record CustomerContract(
    [property: Id(0)] string Id,
    [property: Id(1)] string? SlaPolicyId,
    [property: Id(2)] DateOnly ValidFrom,
    [property: Id(3)] DateOnly ValidTo);
