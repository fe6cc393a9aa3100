using System.Net;
using System.Net.Http.Json;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Dispatch.Grains.Storage;
using Dispatch.Testing;
using Dispatch.Web.Tests.Infrastructure;

namespace Dispatch.Web.Tests.Cluster;

/// <summary>
/// A silo and a web node configured with the cluster's certificate talk over mutual TLS; a peer with another
/// certificate is not let in.
/// </summary>
public sealed class ClusterTlsTests : IDisposable
{
    private const string Password = "test-only";
    private readonly string _directory = Directory.CreateTempSubdirectory("dispatch-tls-").FullName;

    [Fact]
    public async Task A_web_node_with_the_cluster_certificate_reaches_a_tls_silo_which_refuses_a_stranger()
    {
        var certificate = CertificateFile("cluster");
        var ports = SiloHosts.SiloPorts.Free();
        using var silo = await SiloHosts.StartAsync(null, ports, StorageMode.InMemory, configuration: Tls(certificate));

        await using var web = new DispatchWebApp("", settings: new Dictionary<string, string?>(Tls(certificate))
        {
            [$"{ClusterSettings.SectionName}:Storage"] = nameof(StorageMode.InMemory),
            [$"{ClusterSettings.SectionName}:GatewayPort"] = ports.GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        using var dispatcher = await web.ClientAsAsync("dispatcher");
        var response = await dispatcher.GetAsync("/api/cluster");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Active", (await response.Content.ReadFromJsonAsync<JsonElement>()).ToString());

        // At the socket: the gateway speaks TLS with the cluster's certificate, and closes on a stranger's.
        var cluster = Thumbprint(certificate);
        Assert.Equal(cluster, await GatewayCertificateAsync(ports.GatewayPort, certificate, cluster));
        var stranger = await Record.ExceptionAsync(() => GatewayCertificateAsync(ports.GatewayPort, CertificateFile("stranger"), cluster));
        Assert.True(stranger is IOException or AuthenticationException, $"a stranger's certificate was not refused: {stranger}");

        await silo.StopAsync();
    }

    /// <summary>
    /// Shakes hands with the gateway presenting the certificate, expecting the gateway to present the cluster's; the
    /// gateway's certificate, once it said nothing against ours.
    /// </summary>
    private static async Task<string> GatewayCertificateAsync(int port, string clientCertificatePath, string expectedThumbprint)
    {
        using var clientCertificate = X509CertificateLoader.LoadPkcs12FromFile(clientCertificatePath, Password);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        await using var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false,
            (_, remote, _, _) => remote?.GetCertHashString() == expectedThumbprint);
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "dispatch-cluster",
            ClientCertificates = [clientCertificate],
        });
        var served = tls.RemoteCertificate!.GetCertHashString();
        // With TLS 1.3 a refused client certificate shows on the first read; an accepted one leaves the gateway
        // waiting for Orleans' own greeting, so a short read that times out means it was accepted.
        using var quiet = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        try
        {
            var read = await tls.ReadAsync(new byte[1], quiet.Token);
            if (read == 0)
            {
                throw new IOException("the gateway closed the connection");
            }
        }
        catch (OperationCanceledException) when (quiet.IsCancellationRequested)
        {
        }
        return served;
    }

    private static string Thumbprint(string path)
    {
        using var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, Password);
        return certificate.Thumbprint;
    }

    [Fact]
    public void A_peer_is_accepted_only_with_the_cluster_certificate_or_a_trusted_one()
    {
        using var own = X509CertificateLoader.LoadPkcs12FromFile(CertificateFile("own"), Password);
        using var stranger = X509CertificateLoader.LoadPkcs12FromFile(CertificateFile("own"), Password); // same name, other key
        using var next = X509CertificateLoader.LoadPkcs12FromFile(CertificateFile("next"), Password);
        var tls = new ClusterTls { CertificatePath = "unused", TrustedThumbprints = [next.Thumbprint.ToLowerInvariant()] };

        Assert.True(tls.Accepts(own, own));
        Assert.True(tls.Accepts(next, own));
        Assert.False(tls.Accepts(stranger, own));
        Assert.False(tls.Accepts(null, own));
    }

    private static Dictionary<string, string?> Tls(string certificatePath) => new()
    {
        [$"{ClusterTls.SectionName}:CertificatePath"] = certificatePath,
        [$"{ClusterTls.SectionName}:CertificatePassword"] = Password,
    };

    /// <summary>A self-signed certificate with its key, as a .pfx file; a new key every call.</summary>
    private string CertificateFile(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN=dispatch-{name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false)); // server and client authentication
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var path = Path.Combine(_directory, $"{name}-{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, Password));
        return path;
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
