using System.Diagnostics.CodeAnalysis;

namespace Dispatch.Domain.Sla;

/// <summary>
/// The calendars a set of policies refers to, looked up by id. Targets name calendars by id so a calendar
/// (e.g. this year's holidays) can change without touching every policy.
/// </summary>
public sealed class CalendarBook
{
    private readonly Dictionary<string, BusinessCalendar> _byId;

    public CalendarBook(IEnumerable<BusinessCalendar> calendars)
    {
        _byId = new Dictionary<string, BusinessCalendar>(StringComparer.Ordinal);
        foreach (var calendar in calendars)
        {
            if (!_byId.TryAdd(calendar.Id, calendar))
            {
                throw new ArgumentException($"Business calendar id '{calendar.Id}' is used twice.", nameof(calendars));
            }
        }
    }

    public IReadOnlyCollection<BusinessCalendar> All => _byId.Values;

    /// <exception cref="KeyNotFoundException">No calendar has that id: the policy refers to a calendar that was never configured.</exception>
    public BusinessCalendar Get(string id) =>
        _byId.TryGetValue(id, out var calendar)
            ? calendar
            : throw new KeyNotFoundException(
                $"No business calendar with id '{id}'. Known calendars: {string.Join(", ", _byId.Keys.Order(StringComparer.Ordinal))}.");

    public bool TryGet(string id, [NotNullWhen(true)] out BusinessCalendar? calendar) => _byId.TryGetValue(id, out calendar);

    public bool Contains(string id) => _byId.ContainsKey(id);
}
