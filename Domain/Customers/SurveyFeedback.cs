namespace Dispatch.Domain.Customers;

/// <summary>What the process-review detection reads from a survey: how satisfied, and which stage was blamed if any.</summary>
public sealed record SurveyFeedback(int Csat, string? BlamedStage);
