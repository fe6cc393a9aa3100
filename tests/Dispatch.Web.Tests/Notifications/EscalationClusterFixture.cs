using Dispatch.Grains.Mail;
using Dispatch.Grains.Notifications;
using Dispatch.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Dispatch.Web.Tests.Notifications;

/// <summary>The live cluster on a fake clock, sending its e-mail to a real SMTP server inside the test.</summary>
public sealed class EscalationClusterFixture : LiveClusterFixture, IAsyncLifetime
{
    public const string ConsoleUrl = "http://console.test/console.html";

    /// <summary>How long each person has to acknowledge before the next is told.</summary>
    public static readonly TimeSpan AcknowledgeWithin = TimeSpan.FromMinutes(5);

    public MailCatcher Mail { get; } = new();

    /// <summary>A rule of the book's beside the seeds' VIP P1 rule, with a time to acknowledge of its own.</summary>
    public const string SupervisorRule = "vip-p2-unaccepted";

    /// <summary>How long each person <see cref="SupervisorRule"/> tells has to acknowledge.</summary>
    public static readonly TimeSpan SupervisorRuleAcknowledgeWithin = TimeSpan.FromMinutes(3);

    /// <summary>
    /// A VIP P2 request untaken for an hour tells the supervisors (level 2): the seeded ladders' director level (3)
    /// is above it. The catalog's rules stay; this one follows them.
    /// </summary>
    protected override IReadOnlyDictionary<string, string?> SiloSettings { get; } = new Dictionary<string, string?>
    {
        ["Sla:Rules:1:Id"] = SupervisorRule,
        ["Sla:Rules:1:Name"] = "VIP P2 not accepted within an hour: the supervisors",
        ["Sla:Rules:1:Tiers:0"] = "vip",
        ["Sla:Rules:1:Priorities:0"] = "P2",
        ["Sla:Rules:1:NotReached"] = "offerAccepted",
        ["Sla:Rules:1:After"] = "01:00:00",
        ["Sla:Rules:1:Level"] = "2",
        ["Sla:Rules:1:AcknowledgeWithin"] = SupervisorRuleAcknowledgeWithin.ToString(),
        ["Sla:Rules:1:Actions:0:Type"] = "alertRole",
        ["Sla:Rules:1:Actions:0:Role"] = "supervisor",
    };

    protected override void ConfigureSilo(IServiceCollection services)
    {
        services.PostConfigure<MailOptions>(o => (o.Host, o.Port, o.Security, o.From) = ("127.0.0.1", Mail.Port, "None", "dispatch@mail.test"));
        services.PostConfigure<NotificationOptions>(o => (o.AcknowledgeWithin, o.ConsoleUrl) = (AcknowledgeWithin, ConsoleUrl));
    }

    Task IAsyncLifetime.InitializeAsync() => InitializeAsync();

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await Mail.DisposeAsync();
    }
}
