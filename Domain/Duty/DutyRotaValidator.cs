using Dispatch.Domain.Sla;
using NodaTime;

namespace Dispatch.Domain.Duty;

/// <summary>The rules a duty rota follows before it is stored, each problem named by its field.</summary>
public static class DutyRotaValidator
{
    public const int MostShifts = 200;
    public const int MaxUserNameLength = 100;
    public const int MaxEmailLength = 254;

    /// <summary>The rule for a user name, as the people who break it read it.</summary>
    public const string UserNameRule = "1-100 characters, without spaces or control characters";

    public static IReadOnlyList<SlaProblem> Validate(DutyRota rota)
    {
        var problems = new List<SlaProblem>();
        problems.AddRange(SlaPolicyValidator.Id("role", rota.Role));
        problems.AddRange(SlaPolicyValidator.Id("region", rota.Region));
        if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(rota.TimeZoneId ?? "") is null)
        {
            problems.Add(new("timeZone", $"an IANA time zone, e.g. Asia/Shanghai"));
        }
        if (rota.Shifts.Count > MostShifts)
        {
            problems.Add(new("shifts", $"at most {MostShifts} shifts"));
        }
        for (var i = 0; i < rota.Shifts.Count; i++)
        {
            problems.AddRange(Validate(rota.Shifts[i]).Under(SlaProblem.Index("shifts", i)));
        }
        return problems;
    }

    public static IEnumerable<SlaProblem> Validate(DutyShift shift)
    {
        if (!IsUserName(shift.UserName))
        {
            yield return new("userName", UserNameRule);
        }
        if (!IsEmail(shift.Email))
        {
            yield return new("email", "an e-mail address (name@host), at most 254 characters");
        }
        if (shift.Days.Count == 0 || shift.Days.Any(d => d == IsoDayOfWeek.None))
        {
            yield return new("days", "at least one weekday (monday ... sunday)");
        }
    }

    public static bool IsUserName(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= MaxUserNameLength && !name.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || char.IsSurrogate(c));

    /// <summary>Deliberately loose: one '@' with something either side, no spaces; the mail server is the judge of the rest.</summary>
    public static bool IsEmail(string? email) =>
        !string.IsNullOrEmpty(email) && email.Length <= MaxEmailLength && email.IndexOf('@') is > 0 and var at
        && at == email.LastIndexOf('@') && at < email.Length - 1 && !email.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || char.IsSurrogate(c));
}
