using Dispatch.Grains.Mail;
using Dispatch.Testing;
using Dispatch.Web.Tests.Infrastructure;
using Dispatch.Web.Tests.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Dispatch.Web.Tests.CustomerMail;

/// <summary>
/// A private PostgreSQL, a silo sending e-mail to a real SMTP server inside the test and signing status links with the
/// web app's key, the web app, and a real webhook receiver.
/// </summary>
public sealed class CustomerMailFixture : IAsyncLifetime
{
    public const string PublicBaseUrl = "https://service.test";

    private IHost? _silo;

    public PrivatePostgres Database { get; private set; } = null!;

    public DispatchWebApp App { get; private set; } = null!;

    public MailCatcher Mail { get; } = new();

    public WebhookReceiver Receiver { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await PrivatePostgres.StartAsync();
        _silo = await SiloHosts.StartAsync(Database.ConnectionString, SiloHosts.SiloPorts.Free(),
            // A patient client (2 min): a test holds the server's answer longer than the default 15 s would wait.
            services: services => services.PostConfigure<MailOptions>(o => (o.Host, o.Port, o.Security, o.From, o.Timeout) =
                ("127.0.0.1", Mail.Port, "None", "dispatch@mail.test", TimeSpan.FromMinutes(2))),
            configuration: new Dictionary<string, string?>
            {
                ["Auth:SigningKey"] = DispatchWebApp.SigningKey,
                ["Customers:Links:PublicBaseUrl"] = PublicBaseUrl,
                ["Webhooks:PollInterval"] = "00:00:00.050",
            });
        App = new DispatchWebApp(Database.ConnectionString, settings: new Dictionary<string, string?>
        {
            ["Customers:Links:PublicBaseUrl"] = PublicBaseUrl,
        });
        _ = App.Server;
        Receiver = await WebhookReceiver.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (Receiver is not null)
        {
            await Receiver.DisposeAsync();
        }
        if (App is not null)
        {
            await App.DisposeAsync();
        }
        if (_silo is not null)
        {
            await _silo.StopAsync();
            _silo.Dispose();
        }
        await Mail.DisposeAsync();
        if (Database is not null)
        {
            await Database.DisposeAsync();
        }
    }
}
