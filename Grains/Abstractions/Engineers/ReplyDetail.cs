namespace Dispatch.Grains.Engineers;

/// <summary>
/// What the caller of a field action reads back. The field app shows the outcome and reads its work again on its own
/// schedule; building, sending and writing out the engineer and the ticket for every step would be work nobody reads.
/// </summary>
public enum ReplyDetail
{
    /// <summary>The engineer and the ticket as they now are, beside the outcome.</summary>
    Views = 0,

    /// <summary>Only whether the action was taken (and if not, why).</summary>
    OutcomeOnly = 1,
}
