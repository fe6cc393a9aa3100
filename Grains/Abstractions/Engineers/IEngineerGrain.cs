using Dispatch.Domain.Engineers;
using Dispatch.Grains.Tickets;
using Dispatch.Grains.Common;
using Dispatch.Grains.Dispatching;

namespace Dispatch.Grains.Engineers;

/// <summary>
/// An engineer (key: engineer id): profile, presence, position, the offer they hold and their jobs. The one
/// place that decides whether this engineer can take a job, so two dispatches never double-book them.
/// </summary>
public interface IEngineerGrain : IGrainWithStringKey
{
    Task<FieldReply> Register(EngineerProfile profile, Actor by);

    Task<EngineerView?> GetView();

    /// <summary>Available, OnBreak or Offline, as the engineer says; going offline gives back unstarted work.</summary>
    Task<FieldReply> SetPresence(ShownStatus presence, Actor by);

    Task<PositionReply> ReportPosition(PositionReport report);

    /// <summary>The dispatch facts a region indexes (null when not registered).</summary>
    Task<EngineerSnapshot?> Snapshot();

    /// <summary>Holds this engineer for the offer if presence, shift, capacity and any pending offer allow; atomically.</summary>
    Task<bool> TryReserve(OfferRequest offer);

    /// <summary>The ticket ended the offer (expired, cancelled, reassigned): the hold is let go.</summary>
    [Orleans.Concurrency.OneWay]
    Task ReleaseOffer(string ticketId, string why);

    /// <summary>The ticket no longer needs this engineer (cancelled, reassigned by a dispatcher).</summary>
    [Orleans.Concurrency.OneWay]
    Task ReleaseJob(string ticketId, string why);

    /// <summary>The ticket is done with this engineer's work on it (resolved): the job is counted as done.</summary>
    [Orleans.Concurrency.OneWay]
    Task CompleteJob(string ticketId);

    Task<FieldReply> Accept(string ticketId, Actor by, DateTimeOffset? at, ReplyDetail detail = ReplyDetail.Views);

    /// <summary>
    /// <see cref="Accept"/> on a region's behalf (an auto-accept region), answered with the refusal only: the region
    /// reads neither the engineer's view nor the ticket's.
    /// </summary>
    Task<TicketAnswer> AcceptForRegion(string ticketId, Actor by);

    Task<FieldReply> Decline(string ticketId, Actor by, string? reason, ReplyDetail detail = ReplyDetail.Views);

    Task<FieldReply> ReportEnRoute(string ticketId, Actor by, DateTimeOffset? at, ReplyDetail detail = ReplyDetail.Views);

    Task<FieldReply> ReportArrival(string ticketId, Actor by, DateTimeOffset? at, ReplyDetail detail = ReplyDetail.Views);

    Task<FieldReply> ReportResolved(string ticketId, Actor by, string? notes, IReadOnlyList<string> partsUsed, DateTimeOffset? at, ReplyDetail detail = ReplyDetail.Views);

    /// <summary>Resolved with a service report (checklist, fault code, notes, parts, photos, signature).</summary>
    Task<FieldReply> ReportResolvedWithReport(string ticketId, Actor by, ServiceReportInput report, DateTimeOffset? at, ReplyDetail detail = ReplyDetail.Views);

    Task<FieldReply> ReportWaitingForParts(string ticketId, Actor by, string? note, ReplyDetail detail = ReplyDetail.Views);
}

[GenerateSerializer, Immutable, Alias("dispatch.position-reply")]
public sealed record PositionReply([property: Id(0)] PositionOutcome Outcome, [property: Id(1)] string? Why);
