using System.Buffers.Text;
using System.Security.Cryptography;
using Dispatch.Testing;
using Dispatch.Web.Tests.Infrastructure;
using Microsoft.Extensions.Hosting;

namespace Dispatch.Web.Tests.WebPush;

/// <summary>A VAPID key pair made for the run, a local push service, a private PostgreSQL, a silo and the web app configured with the keys.</summary>
public sealed class WebPushFixture : IAsyncLifetime
{
    public const string Subject = "mailto:ops@dispatch.test";

    private IHost? _silo;

    public PrivatePostgres Database { get; private set; } = null!;

    public DispatchWebApp App { get; private set; } = null!;

    public PushServiceReceiver PushService { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        using var vapid = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var key = vapid.ExportParameters(includePrivateParameters: true);
        byte[] publicKey = [0x04, .. key.Q.X!, .. key.Q.Y!];
        PushService = await PushServiceReceiver.StartAsync(publicKey, Subject);
        Database = await PrivatePostgres.StartAsync();
        _silo = await SiloHosts.StartAsync(Database.ConnectionString, SiloHosts.SiloPorts.Free(), configuration: new Dictionary<string, string?>
        {
            ["WebPush:Subject"] = Subject,
            ["WebPush:PublicKey"] = Base64Url.EncodeToString(publicKey),
            ["WebPush:PrivateKey"] = Base64Url.EncodeToString(key.D!),
        });
        App = new DispatchWebApp(Database.ConnectionString, settings: new Dictionary<string, string?>
        {
            ["WebPush:PublicKey"] = Base64Url.EncodeToString(publicKey),
            ["WebPush:AllowHttpEndpoints"] = "true",
        });
        _ = App.Server;
    }

    public async Task DisposeAsync()
    {
        if (App is not null)
        {
            await App.DisposeAsync();
        }
        if (_silo is not null)
        {
            await _silo.StopAsync();
            _silo.Dispose();
        }
        if (Database is not null)
        {
            await Database.DisposeAsync();
        }
        if (PushService is not null)
        {
            await PushService.DisposeAsync();
        }
    }
}
