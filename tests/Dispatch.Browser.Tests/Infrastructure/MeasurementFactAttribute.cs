namespace Dispatch.Browser.Tests.Infrastructure;

/// <summary>
/// A measurement, not a check: it runs only when DISPATCH_MEASURE=1 (on a quiet machine, on purpose), and is skipped
/// in every ordinary test run, where a busy CPU makes its figures meaningless and its minute and a half costly.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class MeasurementFactAttribute : FactAttribute
{
    public const string Switch = "DISPATCH_MEASURE";

    public MeasurementFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(Switch) != "1")
        {
            Skip = $"a measurement: run it with {Switch}=1 on a quiet machine (README, 'Running a shift on the console')";
        }
    }
}
