namespace Dispatch.Domain.Tickets;

/// <summary>The satisfaction survey after a job (回访): CSAT 1-5, optional NPS 0-10, and the stage the customer blamed.</summary>
public sealed record TicketSurvey(int Csat, int? Nps, string? Comment, string? BlamedStage);
