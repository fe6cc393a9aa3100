namespace Dispatch.Web.Api.Customers;

/// <summary>
/// The body of PUT /api/customers/{id}. Everything is nullable so that a missing field reaches the
/// validator and is reported by name, instead of failing deserialization with a generic message.
/// </summary>
public sealed record CustomerRequest(
    string? Name,
    string? Tier,
    IReadOnlyList<SiteRequest?>? Sites,
    ContractRequest? Contract,
    string? Phone,
    string? Email);

/// <summary>A site in <see cref="CustomerRequest"/>.</summary>
public sealed record SiteRequest(string? Id, string? Name, double? Lat, double? Lon, string? Address);

/// <summary>The optional contract in <see cref="CustomerRequest"/>; dates as "yyyy-MM-dd".</summary>
public sealed record ContractRequest(string? Id, string? SlaPolicyId, DateOnly? ValidFrom, DateOnly? ValidTo);
