using Dispatch.Web.Http;
using Microsoft.Extensions.Primitives;

namespace Dispatch.Web.Tests.Http;

/// <summary>Prefer's return=minimal is read as RFC 7240 writes it, and nothing else is taken for it.</summary>
public sealed class ReturnPreferenceTests
{
    [Theory]
    [InlineData("return=minimal")]
    [InlineData("RETURN=Minimal")]
    [InlineData("return = \"minimal\"")]
    [InlineData("respond-async, return=minimal")]
    [InlineData("return=minimal; foo=bar, wait=10")]
    public void Minimal_is_found_among_the_preferences(string prefer) =>
        Assert.True(ReturnPreference.WantsMinimal(new StringValues(prefer)));

    [Theory]
    [InlineData("")]
    [InlineData("return=representation")]
    [InlineData("return-minimal")]
    [InlineData("minimal")]
    [InlineData("respond-async; return=minimal")]
    [InlineData("handling=lenient, return=\"minimal-ish\"")]
    public void Anything_else_is_not_minimal(string prefer) =>
        Assert.False(ReturnPreference.WantsMinimal(new StringValues(prefer)));

    [Fact]
    public void Minimal_in_a_second_prefer_header_counts() =>
        Assert.True(ReturnPreference.WantsMinimal(new StringValues(["respond-async", "return=minimal"])));
}
