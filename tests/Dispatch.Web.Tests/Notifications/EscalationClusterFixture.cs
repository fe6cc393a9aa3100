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
