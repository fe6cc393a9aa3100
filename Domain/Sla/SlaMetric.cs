namespace Dispatch.Domain.Sla;

/// <summary>The promises a ticket's SLA measures; each metric is one clock with its own start and goal.</summary>
public enum SlaMetric
{
    /// <summary>Created → an offer is accepted: how long the customer waits for someone to take the job.</summary>
    Response,

    /// <summary>Offer made → accepted. Restarts with every new offer; only the latest offer's clock counts.</summary>
    Accept,

    /// <summary>Created → the engineer is on site.</summary>
    Arrival,

    /// <summary>Created → resolved. A reopen resumes it; the time spent resolved does not count.</summary>
    Resolution,
}
