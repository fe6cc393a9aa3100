using Microsoft.Extensions.Primitives;

namespace Dispatch.Web.Http;

/// <summary>
/// <c>Prefer: return=minimal</c> (RFC 7240): a caller that reads nothing back from a command says so, and is answered
/// 204 with <c>Preference-Applied: return=minimal</c> instead of the representation it would throw away.
/// </summary>
public static class ReturnPreference
{
    public const string Header = "Prefer";
    public const string AppliedHeader = "Preference-Applied";
    public const string Minimal = "return=minimal";

    /// <summary>Whether one of the request's preferences is return=minimal (tokens case-insensitive, the value may be quoted).</summary>
    public static bool WantsMinimal(HttpRequest request) => WantsMinimal(request.Headers[Header]);

    public static bool WantsMinimal(StringValues prefer)
    {
        foreach (var header in prefer)
        {
            foreach (var preference in (header ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                // A preference's own parameters follow a semicolon; only its name and value decide.
                var nameAndValue = preference.Split(';', 2)[0];
                var equals = nameAndValue.IndexOf('=');
                if (equals < 0)
                {
                    continue;
                }
                var name = nameAndValue[..equals].Trim();
                var value = nameAndValue[(equals + 1)..].Trim().Trim('"');
                if (name.Equals("return", StringComparison.OrdinalIgnoreCase) && value.Equals("minimal", StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }
        return false;
    }

    /// <summary>The answer to a command taken for a caller that preferred no representation.</summary>
    public static IResult Applied(HttpResponse response)
    {
        response.Headers[AppliedHeader] = Minimal;
        return Results.NoContent();
    }
}
