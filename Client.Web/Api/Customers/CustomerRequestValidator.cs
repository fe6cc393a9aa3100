using System.Globalization;
using System.Text.RegularExpressions;
using Dispatch.Grains.Customers;

namespace Dispatch.Web.Api.Customers;

/// <summary>
/// Checks every field of a PUT /api/customers/{id} and names each bad one the way the caller wrote it
/// ("sites[0].lat", "contract.validTo"), so that a form can put the message next to the right input.
/// Only a request without a single error becomes a profile.
/// </summary>
public static partial class CustomerRequestValidator
{
    public const int MaxNameLength = 200;
    public const int MaxSites = 50;
    public const int MaxAddressLength = 500;
    public const int MaxPhoneLength = 32;
    public const int MaxEmailLength = 254;

    public sealed record Outcome(Dictionary<string, string[]> Errors, CustomerProfile? Profile)
    {
        public bool IsValid => Errors.Count == 0;
    }

    public static Outcome Validate(string id, CustomerRequest? request, IReadOnlyList<string> tiers)
    {
        ArgumentNullException.ThrowIfNull(tiers);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!CustomerIdentifiers.IsValid(id))
        {
            errors["id"] = [$"the customer id in the path must be {CustomerIdentifiers.Rule}"];
        }
        if (request is null)
        {
            errors["body"] = ["a JSON body with name, tier and sites is required"];
            return new Outcome(errors, null);
        }

        var name = RequiredText(errors, "name", request.Name, MaxNameLength);
        var tier = Tier(errors, request.Tier, tiers);
        var sites = Sites(errors, request.Sites);
        var contract = Contract(errors, request.Contract);
        var phone = OptionalText(errors, "phone", request.Phone, MaxPhoneLength);
        if (phone is not null && !PhonePattern().IsMatch(phone))
        {
            errors["phone"] = ["phone may hold digits, spaces and + ( ) . - only, with at least 3 digits"];
        }
        var email = OptionalText(errors, "email", request.Email, MaxEmailLength);
        if (email is not null && !EmailPattern().IsMatch(email))
        {
            errors["email"] = ["email must look like name@example.com"];
        }

        return errors.Count > 0
            ? new Outcome(errors, null)
            : new Outcome(errors, new CustomerProfile(name!, tier!, sites!, contract, phone, email));
    }

    private static string? Tier(Dictionary<string, string[]> errors, string? tier, IReadOnlyList<string> tiers)
    {
        var given = RequiredText(errors, "tier", tier, MaxNameLength);
        if (given is null)
        {
            return null;
        }
        var canonical = CustomerTierCatalog.Canonical(tiers, given);
        if (canonical is null)
        {
            errors["tier"] = [$"tier must be one of: {string.Join(", ", tiers)}"];
        }
        return canonical;
    }

    private static List<CustomerSite>? Sites(Dictionary<string, string[]> errors, IReadOnlyList<SiteRequest?>? sites)
    {
        if (sites is null)
        {
            errors["sites"] = ["sites is required (an empty list is allowed)"];
            return null;
        }
        if (sites.Count > MaxSites)
        {
            errors["sites"] = [$"at most {MaxSites} sites"];
            return null;
        }
        var result = new List<CustomerSite>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < sites.Count; i++)
        {
            var prefix = string.Create(CultureInfo.InvariantCulture, $"sites[{i}]");
            var site = sites[i];
            if (site is null)
            {
                errors[prefix] = ["a site must be an object"];
                continue;
            }
            var id = Identifier(errors, $"{prefix}.id", site.Id, required: true);
            if (id is not null && !seen.Add(id))
            {
                errors[$"{prefix}.id"] = [$"site id '{id}' appears more than once"];
            }
            var name = RequiredText(errors, $"{prefix}.name", site.Name, MaxNameLength);
            var lat = Coordinate(errors, $"{prefix}.lat", site.Lat, 90);
            var lon = Coordinate(errors, $"{prefix}.lon", site.Lon, 180);
            var address = OptionalText(errors, $"{prefix}.address", site.Address, MaxAddressLength, singleLine: false);
            if (id is not null && name is not null && lat is not null && lon is not null)
            {
                result.Add(new CustomerSite(id, name, lat.Value, lon.Value, address));
            }
        }
        return result;
    }

    private static CustomerContract? Contract(Dictionary<string, string[]> errors, ContractRequest? contract)
    {
        if (contract is null)
        {
            return null;
        }
        var id = Identifier(errors, "contract.id", contract.Id, required: true);
        var policy = Identifier(errors, "contract.slaPolicyId", contract.SlaPolicyId, required: false);
        if (contract.ValidFrom is null)
        {
            errors["contract.validFrom"] = ["contract.validFrom is required (yyyy-MM-dd)"];
        }
        if (contract.ValidTo is null)
        {
            errors["contract.validTo"] = ["contract.validTo is required (yyyy-MM-dd)"];
        }
        else if (contract.ValidFrom is { } from && contract.ValidTo < from)
        {
            errors["contract.validTo"] = ["contract.validTo must not be before contract.validFrom"];
        }
        return id is null || contract.ValidFrom is null || contract.ValidTo is null
            ? null
            : new CustomerContract(id, policy, contract.ValidFrom.Value, contract.ValidTo.Value);
    }

    private static double? Coordinate(Dictionary<string, string[]> errors, string field, double? value, double limit)
    {
        if (value is not { } number || !double.IsFinite(number) || number < -limit || number > limit)
        {
            errors[field] = [string.Create(CultureInfo.InvariantCulture, $"{field} must be a number between {-limit} and {limit}")];
            return null;
        }
        return number;
    }

    private static string? Identifier(Dictionary<string, string[]> errors, string field, string? value, bool required)
    {
        if (value is null && !required)
        {
            return null;
        }
        if (!CustomerIdentifiers.IsValid(value))
        {
            errors[field] = [$"{field} must be {CustomerIdentifiers.Rule}"];
            return null;
        }
        return value;
    }

    /// <summary>A required text: present, not blank, not too long; returned trimmed.</summary>
    private static string? RequiredText(Dictionary<string, string[]> errors, string field, string? value, int maxLength, bool singleLine = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = [$"{field} is required"];
            return null;
        }
        return Bounded(errors, field, value.Trim(), maxLength, singleLine);
    }

    /// <summary>An optional text may be left out (or null), but when given it must say something.</summary>
    private static string? OptionalText(Dictionary<string, string[]> errors, string field, string? value, int maxLength, bool singleLine = true)
    {
        if (value is null)
        {
            return null;
        }
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = [$"{field} must not be blank; leave it out instead"];
            return null;
        }
        return Bounded(errors, field, value.Trim(), maxLength, singleLine);
    }

    private static string? Bounded(Dictionary<string, string[]> errors, string field, string value, int maxLength, bool singleLine)
    {
        if (value.Length > maxLength)
        {
            errors[field] = [$"{field} must be at most {maxLength} characters"];
            return null;
        }
        if (TextRule.Problem(value, singleLine) is { } problem)
        {
            errors[field] = [$"{field}: {problem}"];
            return null;
        }
        return value;
    }

    [GeneratedRegex(@"^\+?(?=(?:[^0-9]*[0-9]){3})[0-9 ().\-]+$")]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();
}
