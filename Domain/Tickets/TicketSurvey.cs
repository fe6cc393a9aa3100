namespace Dispatch.Domain.Tickets;

/// <summary>
/// The satisfaction survey after a job (回访): CSAT 1-5, optional NPS 0-10, the stage the customer blamed, and an
/// optional CES 1-7 (customer effort: 1 very hard, 7 very easy).
/// </summary>
public sealed record TicketSurvey(int Csat, int? Nps, string? Comment, string? BlamedStage, int? Ces = null)
{
    /// <summary>
    /// Negative feedback, which opens a follow-up with an owner: a dissatisfied customer (CSAT 1 or 2) or a
    /// detractor (NPS 0-6, the NPS definition of a detractor).
    /// </summary>
    public bool IsNegative => Csat <= 2 || Nps <= 6;
}
