using System.Net;
using Dispatch.Web.Tests.Infrastructure;

namespace Dispatch.Web.Tests.Hostile;

/// <summary>
/// Every write endpoint, sent every kind of hostile value: each answer is a 4xx ProblemDetails, never a 5xx,
/// and the ticket, engineer, customer, SLA book and the ticket's stored events are as they were.
/// </summary>
public sealed class HostileInputSweepTests(HostileWorld world) : IClassFixture<HostileWorld>
{
    public static TheoryData<string> Requests() => [.. HostileRequests.All.Keys];

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Is_refused_with_a_problem_and_changes_nothing(string name)
    {
        var hostile = HostileRequests.All[name];
        var client = await world.ClientAsync(hostile.Role);
        using var request = new HttpRequestMessage(hostile.Method, HostileRequests.Fill(world, hostile.Path)) { Content = hostile.Body(world) };

        using var response = await client.SendAsync(request);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{(int)response.StatusCode} {text[..Math.Min(text.Length, 500)]}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var after = await world.StateAsync();
        var before = world.Baseline;
        world.Baseline = after; // one case that changed something fails alone, not every case after it
        Assert.Equal(before, after);
    }
}
