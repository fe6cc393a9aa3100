using System.Globalization;
using System.Text;

namespace Dispatch.Web.Api.Search;

/// <summary>
/// Query-string parameters of the read-side endpoints, checked the way bodies are: each bad or unknown
/// parameter is named in one 400, a parameter given twice is ambiguous, nothing is silently ignored.
/// </summary>
public sealed class SearchQuery
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    private readonly IQueryCollection _query;

    public SearchQuery(IQueryCollection query, IReadOnlyCollection<string> known)
    {
        _query = query;
        foreach (var (name, values) in query)
        {
            if (!known.Contains(name))
            {
                Errors.Add(name, $"unknown parameter; known: {string.Join(", ", known)}");
            }
            else if (values.Count > 1)
            {
                Errors.Add(name, "given more than once");
            }
        }
    }

    public FieldErrors Errors { get; } = new();

    private string? Raw(string name) => _query.TryGetValue(name, out var values) && values.Count == 1 ? values[0] : null;

    public bool Has(string name) => _query.ContainsKey(name);

    public string? Identifier(string name) => Errors.Identifier(name, Raw(name), required: false);

    public string? Line(string name, int max) => Errors.Line(name, Raw(name), max, required: false);

    /// <summary>A comma-separated list, each item one of <paramref name="allowed"/> (compared without case; answered as allowed spells it).</summary>
    public string[]? AnyOf(string name, IReadOnlyCollection<string> allowed)
    {
        if (Raw(name) is not { } raw)
        {
            return null;
        }
        var items = new List<string>();
        foreach (var item in raw.Split(','))
        {
            var match = allowed.FirstOrDefault(a => string.Equals(a, item.Trim(), StringComparison.OrdinalIgnoreCase));
            if (match is null)
            {
                Errors.Add(name, $"each of a comma-separated list one of {string.Join(", ", allowed)}");
                return null;
            }
            items.Add(match);
        }
        return [.. items.Distinct()];
    }

    public string? OneOf(string name, IReadOnlyCollection<string> allowed, string fallback) =>
        AnyOf(name, allowed) switch
        {
            null => fallback,
            [var one] => one,
            _ => Fail(name, $"one of {string.Join(", ", allowed)}", fallback),
        };

    /// <summary>An instant in ISO 8601 with its offset ("2026-11-30T08:00:00+08:00", "2026-11-30T00:00:00Z").</summary>
    public DateTimeOffset? Time(string name)
    {
        if (Raw(name) is not { } raw)
        {
            return null;
        }
        if (!raw.Contains('T', StringComparison.Ordinal)
            || !DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            || !(raw.EndsWith('Z') || raw.Contains('+', StringComparison.Ordinal) || raw.LastIndexOf('-') > raw.IndexOf('T', StringComparison.Ordinal)))
        {
            Errors.Add(name, "an ISO 8601 date and time with its offset, e.g. 2026-11-30T08:00:00+08:00");
            return null;
        }
        // PostgreSQL's timestamptz takes instants; the offset only said how the caller wrote it.
        return at.ToUniversalTime();
    }

    public int Limit() => Number("limit", 1, MaxLimit, DefaultLimit);

    public int Number(string name, int min, int max, int fallback)
    {
        if (Raw(name) is not { } raw)
        {
            return fallback;
        }
        if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < min || n > max)
        {
            Errors.Add(name, $"a whole number from {min} to {max}");
            return fallback;
        }
        return n;
    }

    /// <summary>format=json (the default) or csv: every matching row, streamed.</summary>
    public bool WantsCsv() => OneOf("format", ["json", "csv"], "json") == "csv";

    /// <summary>Checks that a range is not upside down.</summary>
    public void Ordered(string fromName, DateTimeOffset? from, string toName, DateTimeOffset? to)
    {
        if (from is { } f && to is { } t && f >= t)
        {
            Errors.Add(toName, $"must be after {fromName}");
        }
    }

    private T Fail<T>(string name, string message, T fallback)
    {
        Errors.Add(name, message);
        return fallback;
    }

    /// <summary>Opaque paging cursors: the sort key of the last row of a page, base64url-encoded.</summary>
    public static string EncodeCursor(params string[] parts) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Join('\n', parts))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public string[]? Cursor(int parts)
    {
        if (Raw("cursor") is not { } raw)
        {
            return null;
        }
        try
        {
            var padded = raw.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(padded)).Split('\n');
            if (decoded.Length == parts)
            {
                return decoded;
            }
        }
        catch (FormatException)
        {
        }
        Errors.Add("cursor", "not a cursor this endpoint returned");
        return null;
    }
}
