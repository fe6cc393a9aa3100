using System.Globalization;
using Dispatch.Domain.Duty;
using Dispatch.Domain.Sla;
using NodaTime;
using NodaTime.Text;

namespace Dispatch.Grains.Notifications;

/// <summary>
/// Reads a rota document into the domain's rota, naming each bad field as sent ("shifts[2].from"); the
/// domain's <see cref="DutyRotaValidator"/> judges the rest, so that a rule lives in one place.
/// </summary>
public static class DutyRotaMapper
{
    private static readonly LocalTimePattern Clock = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    public static (DutyRota? Rota, IReadOnlyList<SlaProblem> Problems) Read(string role, string region, DutyRotaDocument? document)
    {
        if (document is null)
        {
            return (null, [new SlaProblem("", "a rota: timeZone and shifts")]);
        }
        var problems = new List<SlaProblem>();
        var shifts = new List<DutyShift>();
        var documents = document.Shifts ?? [];
        for (var i = 0; i < documents.Count; i++)
        {
            var path = SlaProblem.Index("shifts", i);
            if (documents[i] is not { } shift)
            {
                problems.Add(new(path, "required"));
                continue;
            }
            var days = new List<IsoDayOfWeek>();
            foreach (var name in shift.Days ?? [])
            {
                if (Enum.TryParse<IsoDayOfWeek>(name, ignoreCase: true, out var day) && day != IsoDayOfWeek.None && !int.TryParse(name, out _))
                {
                    days.Add(day);
                }
                else
                {
                    problems.Add(new(SlaProblem.Join(path, "days"), "weekday names: monday ... sunday"));
                }
            }
            var from = Time(shift.From, SlaProblem.Join(path, "from"), problems);
            var to = Time(shift.To, SlaProblem.Join(path, "to"), problems);
            shifts.Add(new DutyShift(shift.UserName ?? "", shift.Email ?? "", days, from, to));
        }
        var rota = new DutyRota(role, region, document.TimeZone ?? "", shifts);
        problems.AddRange(DutyRotaValidator.Validate(rota));
        return problems.Count == 0 ? (rota, []) : (null, problems);
    }

    public static string Text(LocalTime time) => Clock.Format(time);

    private static LocalTime Time(string? text, string field, List<SlaProblem> problems)
    {
        var parsed = Clock.Parse(text ?? "");
        if (parsed.Success)
        {
            return parsed.Value;
        }
        problems.Add(new(field, string.Create(CultureInfo.InvariantCulture, $"a local time \"HH:mm\" (00:00 to 23:59)")));
        return LocalTime.Midnight;
    }
}
