using Dispatch.Grains.Events;

namespace Dispatch.Grains.Customers;

/// <summary>What a customer grain keeps in Dispatch's grain storage.</summary>
[GenerateSerializer, Alias("dispatch.customer-state")]
public sealed class CustomerState : IJournaledState
{
    /// <summary>Null until the customer is registered: tickets may be tracked before that, but there is no customer to show.</summary>
    [Id(0)] public CustomerProfile? Profile { get; set; }

    [Id(1)] public DateTimeOffset? RegisteredAt { get; set; }

    [Id(2)] public DateTimeOffset? UpdatedAt { get; set; }

    /// <summary>Every open ticket and the latest closed ones (bounded, see <see cref="CustomerGrain.ClosedTicketsKept"/>).</summary>
    [Id(3)] public List<CustomerTicket> Tickets { get; set; } = [];

    /// <summary>Survey responses in the order they arrived, oldest first (bounded, see <see cref="CustomerGrain.SurveysKept"/>).</summary>
    [Id(4)] public List<SurveyResponse> Surveys { get; set; } = [];

    /// <summary>The health score as computed at the last change.</summary>
    [Id(5)] public int? LastHealthScore { get; set; }

    [Id(6)] public DateTimeOffset? LastHealthAt { get; set; }

    /// <summary>
    /// Whether the health-low alert is raised for the current dip below the threshold: the alert fires when
    /// the score crosses below, not at every change while it stays there, and is re-armed once it recovers.
    /// </summary>
    [Id(7)] public bool HealthAlertRaised { get; set; }

    /// <summary>The sequence number of this customer's latest event.</summary>
    [Id(8)] public long LastEventSequence { get; set; }

    /// <summary>
    /// The events of the change in progress, oldest first; written with the state and emptied by that write.
    /// Stored only by earlier releases, which appended them separately afterwards.
    /// </summary>
    [Id(9)] public List<DomainEvent> Outbox { get; set; } = [];

    [NonSerialized] private IReadOnlyList<DomainEvent> _eventsToWrite = [];

    IReadOnlyList<DomainEvent> IJournaledState.EventsToWrite { get => _eventsToWrite; set => _eventsToWrite = value; }
}
