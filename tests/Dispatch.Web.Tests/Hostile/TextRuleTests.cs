using Dispatch.Web.Api;

namespace Dispatch.Web.Tests.Hostile;

/// <summary>The one text rule: what people type passes; what they never type, or what breaks a store, does not.</summary>
public sealed class TextRuleTests
{
    [Theory]
    [InlineData("Chiller alarm in the server room", true)]
    [InlineData("Ölkühler defekt, Straße gesperrt", true)]
    [InlineData("冷机报警 🔧", true)]
    [InlineData("tab\tseparated", true)]
    [InlineData("first line\nsecond line", false)]
    [InlineData("first line\r\nsecond line", false)]
    [InlineData("مرحبا \u202Bنص\u202C", false)]
    public void Text_people_write_passes(string text, bool singleLine) => Assert.Null(TextRule.Problem(text, singleLine));

    [Theory]
    [InlineData("a\u0000b", false, "U+0000")]
    [InlineData("bell\u0007", false, "U+0007")]
    [InlineData("\u001b[31m", false, "U+001B")]
    [InlineData("next\u0085line", false, "U+0085")]
    [InlineData("carriage\ronly", false, "carriage return")]
    [InlineData("two\nlines", true, "single line")]
    [InlineData("two\u2028lines", true, "single line")]
    [InlineData("name\u202Eeman", true, "bidirectional")]
    [InlineData("isolate\u2066x\u2069", true, "bidirectional")]
    [InlineData("lone \ud800 high", false, "surrogate")]
    [InlineData("lone \udc00 low", false, "surrogate")]
    [InlineData("ends high \ud800", false, "surrogate")]
    [InlineData("replaced \ufffd", false, "U+FFFD")]
    [InlineData("non \uffff char", false, "noncharacter")]
    [InlineData("non \ufdd0 char", false, "noncharacter")]
    [InlineData("plane one \U0001FFFF", false, "noncharacter")]
    public void Text_nobody_types_is_refused_saying_why(string text, bool singleLine, string why)
    {
        var problem = TextRule.Problem(text, singleLine);

        Assert.NotNull(problem);
        Assert.Contains(why, problem, StringComparison.Ordinal);
    }
}
