namespace Dispatch.Domain.Customers;

/// <summary>
/// Finds the moment negative feedback turns into a pattern: the latest survey completes a run of
/// consecutive negative surveys that all blame the same stage. A positive survey, a negative one without a
/// blamed stage, or one blaming another stage ends the run. Only the survey that makes the run reach the
/// streak length raises a review, so one streak raises one review however long it goes on.
/// </summary>
public static class ProcessReviewDetector
{
    /// <summary>The stage to review when the latest of <paramref name="surveysOldestFirst"/> completes a streak, otherwise null.</summary>
    public static string? StageToReview(IReadOnlyList<SurveyFeedback> surveysOldestFirst, ProcessReviewRules? rules = null)
    {
        ArgumentNullException.ThrowIfNull(surveysOldestFirst);
        rules ??= ProcessReviewRules.Default;
        if (surveysOldestFirst.Count == 0)
        {
            return null;
        }
        var latest = surveysOldestFirst[^1];
        var stage = BlamedStage(latest, rules);
        if (stage is null)
        {
            return null;
        }
        var run = 0;
        for (var i = surveysOldestFirst.Count - 1; i >= 0 && run <= rules.StreakLength; i--)
        {
            if (!string.Equals(BlamedStage(surveysOldestFirst[i], rules), stage, StringComparison.OrdinalIgnoreCase))
            {
                break;
            }
            run++;
        }
        return run == rules.StreakLength ? stage : null;
    }

    /// <summary>The stage a negative survey blames, trimmed; null for a positive survey or one that blames nothing.</summary>
    private static string? BlamedStage(SurveyFeedback survey, ProcessReviewRules rules) =>
        survey.Csat <= rules.NegativeCsatAtMost && !string.IsNullOrWhiteSpace(survey.BlamedStage)
            ? survey.BlamedStage.Trim()
            : null;
}
