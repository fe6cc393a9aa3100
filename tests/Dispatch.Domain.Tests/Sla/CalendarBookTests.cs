using Dispatch.Domain.Sla;
using static Dispatch.Domain.Tests.Sla.Sample;

namespace Dispatch.Domain.Tests.Sla;

public class CalendarBookTests
{
    [Fact]
    public void Calendars_are_found_by_id()
    {
        var office = OfficeHours("office", "Europe/Berlin");
        var book = new CalendarBook([AlwaysOpen, office]);

        Assert.Same(office, book.Get("office"));
        Assert.Same(AlwaysOpen, book.Get("24x7"));
    }

    [Fact]
    public void An_unknown_calendar_id_is_a_clear_key_not_found_error()
    {
        var book = new CalendarBook([AlwaysOpen]);

        var error = Assert.Throws<KeyNotFoundException>(() => book.Get("weekends"));
        Assert.Contains("'weekends'", error.Message, StringComparison.Ordinal);
        Assert.Contains("24x7", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_calendars_with_the_same_id_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new CalendarBook([AlwaysOpen, new AlwaysOpenCalendar("24x7")]));
    }
}
