using Dispatch.Domain.Dispatching;

namespace Dispatch.Domain.Tests.Dispatching;

internal static class IndexAssert
{
    /// <summary>Same engineers, same order, same distances to the last bit.</summary>
    public static void Same(IReadOnlyList<Candidate> expected, IReadOnlyList<Candidate> actual, string context)
    {
        var wanted = expected.Select(c => (c.Engineer.Id, c.DistanceMeters)).ToList();
        var got = actual.Select(c => (c.Engineer.Id, c.DistanceMeters)).ToList();
        if (!wanted.SequenceEqual(got))
        {
            Assert.Fail($"{context}\nexpected: {string.Join(", ", wanted)}\nactual:   {string.Join(", ", got)}");
        }
    }
}
