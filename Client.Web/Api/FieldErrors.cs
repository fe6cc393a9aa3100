using System.Text.RegularExpressions;

namespace Dispatch.Web.Api;

/// <summary>Collects what is wrong with a request, field by field, for one 400 ProblemDetails.</summary>
public sealed partial class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = [];

    public bool Any => _errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }
        messages.Add(message);
    }

    /// <summary>A required text of at most <paramref name="max"/> characters; null when it is not acceptable.</summary>
    public string? Text(string field, string? value, int max, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                Add(field, "required");
            }
            return null;
        }
        if (value.Length > max)
        {
            Add(field, $"at most {max} characters");
            return null;
        }
        return value;
    }

    /// <summary>What an id may look like: safe in a URL path, a stream name and a log line without escaping.</summary>
    public const string IdentifierRule = "1-64 letters, digits, '.', '_' or '-'";

    /// <summary>An identifier: 1-64 letters, digits, '.', '_' or '-'.</summary>
    public string? Identifier(string field, string? value, bool required = true)
    {
        if (string.IsNullOrEmpty(value))
        {
            if (required)
            {
                Add(field, "required");
            }
            return null;
        }
        if (!IdentifierPattern().IsMatch(value))
        {
            Add(field, IdentifierRule);
            return null;
        }
        return value;
    }

    public string? OneOf(string field, string? value, IReadOnlyCollection<string> allowed)
    {
        if (string.IsNullOrEmpty(value))
        {
            Add(field, $"required: one of {string.Join(", ", allowed)}");
            return null;
        }
        if (!allowed.Contains(value))
        {
            Add(field, $"one of {string.Join(", ", allowed)}");
            return null;
        }
        return value;
    }

    public double? Coordinate(string field, double? value, double limit)
    {
        if (value is not { } number)
        {
            Add(field, "required");
            return null;
        }
        if (!double.IsFinite(number) || number < -limit || number > limit)
        {
            Add(field, $"a number between -{limit} and {limit}");
            return null;
        }
        return number;
    }

    public IResult ToProblem() => Results.ValidationProblem(
        _errors.ToDictionary(e => e.Key, e => e.Value.ToArray()),
        title: "The request is not valid");

    public static bool IsIdentifier(string? value) => value is not null && IdentifierPattern().IsMatch(value);

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex IdentifierPattern();
}
