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

    /// <summary>Free text (a description, a note, a reason): line breaks allowed; see <see cref="TextRule"/>.</summary>
    public string? Text(string field, string? value, int max, bool required = true) => Checked(field, value, max, required, singleLine: false);

    /// <summary>A single line (a title, a name, a part): no line breaks; see <see cref="TextRule"/>.</summary>
    public string? Line(string field, string? value, int max, bool required = true) => Checked(field, value, max, required, singleLine: true);

    private string? Checked(string field, string? value, int max, bool required, bool singleLine)
    {
        if (value is null)
        {
            if (required)
            {
                Add(field, "required");
            }
            return null;
        }
        if (string.IsNullOrWhiteSpace(value))
        {
            // A blank optional field is a mistake, not a way to leave it out: say so rather than store nothing.
            Add(field, required ? "required" : "must not be blank; leave it out instead");
            return null;
        }
        if (value.Length > max)
        {
            Add(field, $"at most {max} characters");
            return null;
        }
        if (TextRule.Problem(value, singleLine) is { } problem)
        {
            Add(field, problem);
            return null;
        }
        return value;
    }

    /// <summary>What an id may look like: safe in a URL path, a stream name and a log line without escaping.</summary>
    public const string IdentifierRule = Domain.Identifier.Rule;

    /// <summary>An identifier (<see cref="IdentifierRule"/>).</summary>
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
        if (!Domain.Identifier.IsValid(value))
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

    /// <summary>A member of <typeparamref name="T"/> by its exact name (a number is not a name).</summary>
    public T? OneOf<T>(string field, string? value) where T : struct, Enum =>
        OneOf(field, value, Enum.GetNames<T>()) is { } name ? Enum.Parse<T>(name) : null;

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

    /// <summary>
    /// A device's clock reading: honoured or not by the grain, but one years off is a broken clock or a forged
    /// request, refused here. A phone offline for weeks still fits.
    /// </summary>
    public DateTimeOffset? DeviceTime(string field, DateTimeOffset? value, DateTimeOffset now, bool required)
    {
        if (value is not { } at)
        {
            if (required)
            {
                Add(field, "required: the device's timestamp (ISO 8601)");
            }
            return null;
        }
        if (at < now - DeviceTimeBehind || at > now + DeviceTimeAhead)
        {
            Add(field, $"the device's time must be within {DeviceTimeBehind.TotalDays:0} days before and {DeviceTimeAhead.TotalDays:0} day after the server's; check the device's clock");
            return null;
        }
        return at;
    }

    public static readonly TimeSpan DeviceTimeBehind = TimeSpan.FromDays(30);

    public static readonly TimeSpan DeviceTimeAhead = TimeSpan.FromDays(1);

    /// <summary>The errors as one line (for a hub's HubException and a log line): "field: message; field: message".</summary>
    public override string ToString() =>
        string.Join("; ", _errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}"));

    public IResult ToProblem() => Results.ValidationProblem(
        _errors.ToDictionary(e => e.Key, e => e.Value.ToArray()),
        title: "The request is not valid");

    /// <summary>
    /// The one rule for ids in routes, bodies and hub arguments (tickets, engineers, customers, regions, skills),
    /// checked before any grain is touched: a 10 KB id, an emoji or a '/' never activates a grain.
    /// </summary>
    public static bool IsIdentifier(string? value) => Domain.Identifier.IsValid(value);

    /// <summary>An alert's id: its ticket's id, ':' and the SLA checkpoint (which may carry an ISO instant).</summary>
    public static bool IsAlertId(string? value) => value is not null && AlertIdPattern().IsMatch(value);

    // Starting with a letter or digit: "." and ".." are not ids (they walk paths).
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}(:[A-Za-z0-9._:@+-]{1,128})?$")]
    private static partial Regex AlertIdPattern();
}
