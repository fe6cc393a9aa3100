namespace Dispatch.Web.Api.Customers;

/// <summary>
/// The shape of customer, site, contract and policy ids: <see cref="FieldErrors.IdentifierRule"/>, so that an
/// id is safe in a URL path, a stream name and a log line without escaping.
/// </summary>
public static class CustomerIdentifiers
{
    public const string Rule = FieldErrors.IdentifierRule;

    public static bool IsValid(string? id) => FieldErrors.IsIdentifier(id);
}
