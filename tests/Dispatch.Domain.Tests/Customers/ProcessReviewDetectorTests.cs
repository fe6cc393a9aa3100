using Dispatch.Domain.Customers;

namespace Dispatch.Domain.Tests.Customers;

public sealed class ProcessReviewDetectorTests
{
    private static SurveyFeedback Negative(string? stage, int csat = 1) => new(csat, stage);

    private static SurveyFeedback Positive(string? stage = null) => new(4, stage);

    /// <summary>The stage each survey raised a review for, replaying the history one survey at a time.</summary>
    private static List<string?> Replay(params SurveyFeedback[] surveys) =>
        [.. surveys.Select((_, i) => ProcessReviewDetector.StageToReview(surveys[..(i + 1)]))];

    [Fact]
    public void Three_negative_surveys_in_a_row_blaming_one_stage_raise_a_review_for_it()
    {
        Assert.Equal([null, null, "dispatch"], Replay(Negative("dispatch"), Negative("dispatch", csat: 2), Negative("dispatch")));
    }

    [Fact]
    public void A_fourth_and_fifth_in_the_same_streak_raise_no_second_review()
    {
        var reviews = Replay(Negative("on-site"), Negative("on-site"), Negative("on-site"), Negative("on-site"), Negative("on-site"), Negative("on-site"));

        Assert.Equal(["on-site"], reviews.Where(r => r is not null));
    }

    [Fact]
    public void A_positive_survey_breaks_the_streak_and_a_new_streak_raises_a_new_review()
    {
        var reviews = Replay(
            Negative("dispatch"), Negative("dispatch"), Positive(), Negative("dispatch"), Negative("dispatch"),
            Negative("dispatch"));

        Assert.Equal([null, null, null, null, null, "dispatch"], reviews);
    }

    [Fact]
    public void A_different_stage_breaks_the_streak()
    {
        var reviews = Replay(Negative("dispatch"), Negative("dispatch"), Negative("triage"), Negative("dispatch"));

        Assert.All(reviews, r => Assert.Null(r));
    }

    [Fact]
    public void A_negative_survey_blaming_no_stage_breaks_the_streak()
    {
        var reviews = Replay(Negative("dispatch"), Negative("dispatch"), Negative(null), Negative("dispatch"));

        Assert.All(reviews, r => Assert.Null(r));
    }

    [Fact]
    public void A_CSAT_of_3_is_not_negative_even_when_it_blames_a_stage()
    {
        var reviews = Replay(Negative("dispatch"), Negative("dispatch"), Negative("dispatch", csat: 3));

        Assert.All(reviews, r => Assert.Null(r));
    }

    [Fact]
    public void Stage_names_are_compared_ignoring_case_and_surrounding_spaces()
    {
        Assert.Equal("Dispatch", Replay(Negative("dispatch"), Negative(" DISPATCH"), Negative("Dispatch"))[^1]);
    }

    [Fact]
    public void An_empty_history_raises_nothing() => Assert.Null(ProcessReviewDetector.StageToReview([]));
}
