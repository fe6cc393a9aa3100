using Dispatch.Domain.Devices;

namespace Dispatch.Domain.Tests.Devices;

public sealed class DeviceTimeRuleTests
{
    private static readonly DateTimeOffset Received = new(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);
    private static readonly DeviceTimeRule Rule = new(TimeSpan.FromHours(2), TimeSpan.FromSeconds(5));

    [Fact]
    public void A_time_from_an_offline_phone_within_the_window_is_honoured()
    {
        var judged = Rule.Judge(Received - TimeSpan.FromMinutes(90), Received, Received - TimeSpan.FromHours(3));
        Assert.Equal(DeviceTimeVerdict.Honoured, judged.Verdict);
        Assert.Equal(Received - TimeSpan.FromMinutes(90), judged.At);
        Assert.Null(judged.Why(Rule));
    }

    [Fact]
    public void A_time_older_than_the_window_is_replaced_by_the_receipt_time_and_says_why()
    {
        var reported = Received - TimeSpan.FromHours(2) - TimeSpan.FromSeconds(1);
        var judged = Rule.Judge(reported, Received, null);
        Assert.Equal(DeviceTimeVerdict.OutsideOfflineWindow, judged.Verdict);
        Assert.Equal(Received, judged.At);
        Assert.Equal(reported, judged.Reported);
        Assert.Contains("02:00:00", judged.Why(Rule), StringComparison.Ordinal);
    }

    [Fact]
    public void A_time_before_the_event_it_follows_is_never_honoured()
    {
        var previous = Received - TimeSpan.FromMinutes(10);
        var judged = Rule.Judge(previous - TimeSpan.FromTicks(1), Received, previous);
        Assert.Equal(DeviceTimeVerdict.BeforePreviousEvent, judged.Verdict);
        Assert.Equal(Received, judged.At);

        Assert.Equal(DeviceTimeVerdict.Honoured, Rule.Judge(previous, Received, previous).Verdict);
    }

    [Fact]
    public void A_clock_slightly_ahead_counts_as_the_receipt_time_and_one_far_ahead_is_not_believed()
    {
        var slightly = Rule.Judge(Received + TimeSpan.FromSeconds(5), Received, null);
        Assert.Equal(DeviceTimeVerdict.Honoured, slightly.Verdict);
        Assert.Equal(Received, slightly.At);

        var far = Rule.Judge(Received + TimeSpan.FromSeconds(6), Received, null);
        Assert.Equal(DeviceTimeVerdict.AheadOfServer, far.Verdict);
        Assert.Equal(Received, far.At);
    }

    [Fact]
    public void No_device_time_means_the_receipt_time_without_a_reason()
    {
        var judged = Rule.Judge(null, Received, Received - TimeSpan.FromHours(1));
        Assert.Equal(DeviceTimeVerdict.NotReported, judged.Verdict);
        Assert.Equal(Received, judged.At);
        Assert.Null(judged.Why(Rule));
    }
}
