using System.Globalization;
using Dispatch.Grains.Common;
using Dispatch.Grains.Live;
using Dispatch.Grains.Mail;
using Dispatch.Grains.Storage;
using Dispatch.Grains.Tickets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dispatch.Grains.Notifications;

/// <summary>
/// An alert's chain of people. A level tells, at once, the first person on duty for each of its roles; who does
/// not acknowledge within the level's time (its ladder step's, else <see cref="NotificationOptions.AcknowledgeWithin"/>) is followed by the next person on
/// duty for the same role; when a level has nobody left to tell, the levels above are told the same way. An
/// acknowledgement stops the chain. A higher level of the same alert (the ladder's next step) starts the chain
/// again there. Each telling's instant is stored with the chain and kept by a grain timer while active and a
/// reminder that brings the chain back after a restart.
/// </summary>
public sealed class AlertGrain(
    [PersistentState("alert", StorageNames.Dispatch)] IPersistentState<AlertState> state,
    IOptions<NotificationOptions> options,
    IMailSender mail,
    TimeProvider clock,
    ILogger<AlertGrain> logger) : Grain, IAlertGrain, IRemindable
{
    public const string ChainReminder = "alert-chain";

    /// <summary>The rota that stands in for a region without people of its own on duty, and for alerts outside every region.</summary>
    public const string AnyRegion = "any";

    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(1);

    private readonly List<PersonNotification> _toTell = [];
    private IGrainTimer? _timer;

    private AlertState A => state.State;

    private string Id => this.GetPrimaryKeyString();

    /// <summary>How long the people told at the current level have: the level's own time, else the default.</summary>
    private TimeSpan AcknowledgeWithin => (A.LevelIndex < A.Levels.Count ? A.Levels[A.LevelIndex].AcknowledgeWithin : null) ?? A.AcknowledgeWithin;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        ArmTimer();
        return Task.CompletedTask;
    }

    public async Task Raise(AlertRaise raise)
    {
        var now = clock.GetUtcNow();
        (A.TicketId, A.CustomerId, A.Region, A.Kind, A.Message) = (raise.TicketId, raise.CustomerId, raise.Region, raise.Kind, raise.Message);
        if (!A.Raised || raise.Level > A.Level)
        {
            A.Raised = true;
            A.Level = raise.Level;
            (A.Acknowledged, A.AcknowledgedBy) = (false, null);
            A.Levels =
            [
                new ChainLevel { Level = raise.Level, Roles = [.. raise.Roles], AcknowledgeWithin = raise.AcknowledgeWithin },
                .. raise.Higher.Select(h => new ChainLevel { Level = h.Level, Roles = [.. h.Roles], AcknowledgeWithin = h.AcknowledgeWithin }),
            ];
            A.LevelIndex = 0;
            A.AcknowledgeWithin = options.Value.AcknowledgeWithin;
            await StartLevel(now);
        }
        else if (A.Acknowledged)
        {
            // The board shows the step's card afresh; the chain it belongs to stays acknowledged.
            await GrainFactory.Grain<IRegionBoardGrain>(RegionBoards.KeyOf(A.Region)).AlertAcknowledged(Id, new Actor(A.AcknowledgedBy ?? "unknown", "unknown"));
        }
        await Settle();
    }

    public async Task<bool> Acknowledge(Actor by)
    {
        if (!A.Raised)
        {
            return false;
        }
        if (A.Acknowledged)
        {
            return true;
        }
        var now = clock.GetUtcNow();
        (A.Acknowledged, A.AcknowledgedBy, A.NextAt) = (true, by.Name, null);
        await Settle();
        if (A.TicketId is { } ticketId)
        {
            // The acknowledgement goes on the ticket's timeline and into its event log, with the ticket's own write.
            await GrainFactory.Grain<ITicketGrain>(ticketId).AcknowledgeAlert(Id, by);
        }
        await GrainFactory.Grain<IRegionBoardGrain>(RegionBoards.KeyOf(A.Region)).AlertAcknowledged(Id, by);
        foreach (var person in A.Told.Distinct(StringComparer.Ordinal))
        {
            await GrainFactory.Grain<IInboxGrain>(person).AlertAcknowledged(Id, by.Name, now);
        }
        return true;
    }

    public Task<AlertChainView?> View() => Task.FromResult(A.Raised
        ? new AlertChainView(Id, A.Level, [.. A.Told], A.NextAt, A.Acknowledged, A.AcknowledgedBy)
        : null);

    public Task ReceiveReminder(string reminderName, TickStatus status) => OnDue();

    private async Task OnDue()
    {
        var now = clock.GetUtcNow();
        if (!A.Acknowledged && A.NextAt is { } due && due <= now)
        {
            A.Round++;
            await TellRound(now);
        }
        await Settle();
    }

    /// <summary>Looks up who is on duty for the current level's roles now, and tells the first of each.</summary>
    private async Task StartLevel(DateTimeOffset now)
    {
        A.NextAt = null;
        for (; A.LevelIndex < A.Levels.Count; A.LevelIndex++)
        {
            var level = A.Levels[A.LevelIndex];
            A.People = [];
            foreach (var role in level.Roles)
            {
                var people = await OnDuty(role);
                A.People.AddRange(people.Select((p, rank) => new ChainPerson { Role = role, Rank = rank, UserName = p.UserName, Email = p.Email }));
            }
            if (A.People.Count > 0)
            {
                // The chain has reached this level: the ladder's own step for it does not start it again.
                A.Level = Math.Max(A.Level, level.Level);
                A.Round = 0;
                await TellRound(now);
                return;
            }
            if (level.Roles.Count > 0)
            {
                logger.LogWarning("Alert {AlertId}: nobody is on duty for {Roles} in {Region}; telling the next level", Id, string.Join(", ", level.Roles), A.Region ?? AnyRegion);
            }
            else if (A.LevelIndex == 0)
            {
                return; // a step that names no role tells nobody, and nobody above it either
            }
        }
    }

    private async Task TellRound(DateTimeOffset now)
    {
        var round = A.People.Where(p => p.Rank == A.Round).ToList();
        if (round.Count == 0)
        {
            A.LevelIndex++;
            await StartLevel(now);
            return;
        }
        var level = A.Levels[A.LevelIndex].Level;
        foreach (var person in round)
        {
            A.Tellings++;
            A.Told.Add(person.UserName);
            var link = A.TicketId is { } ticketId ? options.Value.TicketLink(ticketId)
                : A.CustomerId is { } customerId ? options.Value.CustomerLink(customerId)
                : options.Value.ConsoleUrl;
            _toTell.Add(new PersonNotification(
                string.Create(CultureInfo.InvariantCulture, $"{Id}@{A.Tellings}"), person.UserName, Id, A.TicketId, A.CustomerId, A.Kind ?? "alert",
                level, person.Role, A.Message ?? "", link, now));
            A.Emails[person.UserName] = person.Email;
        }
        A.NextAt = now + AcknowledgeWithin;
    }

    private async Task<IReadOnlyList<OnDuty>> OnDuty(string role)
    {
        var people = await GrainFactory.Grain<IDutyRotaGrain>(DutyRotas.KeyOf(role, A.Region ?? AnyRegion)).OnDutyNow();
        return people.Count > 0 || A.Region is null
            ? people
            : await GrainFactory.Grain<IDutyRotaGrain>(DutyRotas.KeyOf(role, AnyRegion)).OnDutyNow();
    }

    /// <summary>Stores the chain, then tells whom it decided to tell, then sets the next instant.</summary>
    private async Task Settle()
    {
        await state.WriteStateAsync();
        var told = _toTell.ToList();
        _toTell.Clear();
        foreach (var notification in told)
        {
            await GrainFactory.Grain<IInboxGrain>(notification.UserName).Deliver(notification);
            await Mail(notification);
        }
        await KeepReminder();
        ArmTimer();
    }

    private async Task Mail(PersonNotification notification)
    {
        if (!A.Emails.TryGetValue(notification.UserName, out var email))
        {
            return;
        }
        var subject = NotificationText.Of(notification);
        var body = string.Join("\n",
            $"{notification.Message}",
            "",
            string.Create(CultureInfo.InvariantCulture, $"Level {notification.Level}, you are told as {notification.Role}."),
            notification.TicketId is null ? "" : $"Ticket {notification.TicketId}: {notification.Link}",
            notification.TicketId is null ? notification.Link : "",
            "",
            string.Create(CultureInfo.InvariantCulture, $"Acknowledge it in your console inbox within {AcknowledgeWithin}, or the next person is told."));
        try
        {
            await mail.SendAsync(new MailMessage(email, subject, body));
        }
        catch (Exception ex)
        {
            // The inbox has it; the e-mail is one more way to reach the person, not the record.
            logger.LogWarning(ex, "Alert {AlertId}: the e-mail to {UserName} could not be sent", Id, notification.UserName);
        }
    }

    private async Task KeepReminder()
    {
        if (A.NextAt is { } next)
        {
            if (A.ReminderAt != next)
            {
                var dueIn = next - clock.GetUtcNow();
                await this.RegisterOrUpdateReminder(ChainReminder, dueIn < TimeSpan.Zero ? TimeSpan.Zero : dueIn, ReminderPeriod);
                A.ReminderAt = next;
                await state.WriteStateAsync();
            }
        }
        else if (A.ReminderAt is not null)
        {
            if (await this.GetReminder(ChainReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }
            A.ReminderAt = null;
            await state.WriteStateAsync();
        }
    }

    private void ArmTimer()
    {
        _timer?.Dispose();
        _timer = null;
        if (A.NextAt is not { } next || A.Acknowledged)
        {
            return;
        }
        var dueIn = next - clock.GetUtcNow();
        _timer = this.RegisterGrainTimer(_ => OnDue(),
            new GrainTimerCreationOptions { DueTime = dueIn < TimeSpan.Zero ? TimeSpan.Zero : dueIn, Period = Timeout.InfiniteTimeSpan, Interleave = false, KeepAlive = false });
    }
}

[GenerateSerializer, Alias("dispatch.alert-state")]
public sealed class AlertState
{
    [Id(0)] public bool Raised { get; set; }
    [Id(1)] public string? TicketId { get; set; }
    [Id(2)] public string? CustomerId { get; set; }
    [Id(3)] public string? Region { get; set; }
    [Id(4)] public string? Kind { get; set; }
    [Id(5)] public string? Message { get; set; }
    [Id(6)] public int Level { get; set; }

    /// <summary>The level raised and the levels above it, in the order they are told.</summary>
    [Id(7)] public List<ChainLevel> Levels { get; set; } = [];
    [Id(8)] public int LevelIndex { get; set; }

    /// <summary>The people on duty for the current level when it started, ranked per role.</summary>
    [Id(9)] public List<ChainPerson> People { get; set; } = [];
    [Id(10)] public int Round { get; set; }
    /// <summary>The configured default when the chain started, for levels without a time of their own.</summary>
    [Id(11)] public TimeSpan AcknowledgeWithin { get; set; }

    /// <summary>When the next person or level is told, unless someone acknowledges first.</summary>
    [Id(12)] public DateTimeOffset? NextAt { get; set; }
    [Id(13)] public DateTimeOffset? ReminderAt { get; set; }
    [Id(14)] public bool Acknowledged { get; set; }
    [Id(15)] public string? AcknowledgedBy { get; set; }

    /// <summary>Everyone told so far, in order: their inboxes hear of the acknowledgement.</summary>
    [Id(16)] public List<string> Told { get; set; } = [];
    [Id(17)] public int Tellings { get; set; }
    [Id(18)] public Dictionary<string, string> Emails { get; set; } = [];
}

[GenerateSerializer, Alias("dispatch.alert-chain-level")]
public sealed class ChainLevel
{
    [Id(0)] public int Level { get; set; }
    [Id(1)] public List<string> Roles { get; set; } = [];

    /// <summary>How long each person told at this level has; null: the chain's default.</summary>
    [Id(2)] public TimeSpan? AcknowledgeWithin { get; set; }
}

[GenerateSerializer, Alias("dispatch.alert-chain-person")]
public sealed class ChainPerson
{
    [Id(0)] public string Role { get; set; } = "";
    [Id(1)] public int Rank { get; set; }
    [Id(2)] public string UserName { get; set; } = "";
    [Id(3)] public string Email { get; set; } = "";
}
