using System.Text.RegularExpressions;

namespace Dispatch.Web.Api.Customers;

/// <summary>
/// The shape of customer, site, contract and policy ids: 1-64 letters, digits, '.', '_' or '-', so that an
/// id is safe in a URL path, a stream name and a log line without escaping.
/// </summary>
public static partial class CustomerIdentifiers
{
    public const string Rule = "1-64 letters, digits, '.', '_' or '-'";

    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex Pattern();
}
