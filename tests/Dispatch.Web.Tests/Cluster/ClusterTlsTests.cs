using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Dispatch.Grains.Storage;
using Dispatch.Testing;
using Dispatch.Web.Tests.Infrastructure;

namespace Dispatch.Web.Tests.Cluster;

/// <summary>
/// A silo and a web node configured with the cluster's certificate talk over mutual TLS; a node without it, or with
/// another certificate, is not let in.
/// </summary>
public sealed class ClusterTlsTests : IDisposable
{
    private const string Password = "test-only";
    private readonly string _directory = Directory.CreateTempSubdirectory("dispatch-tls-").FullName;

    [Fact]
    public async Task A_web_node_with_the_cluster_certificate_reaches_a_tls_silo_and_a_plain_client_does_not()
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

        var refused = await Record.ExceptionAsync(() => ClusterClients.ThroughGatewayAsync(ports.GatewayPort).WaitAsync(TimeSpan.FromSeconds(90)));
        Assert.NotNull(refused);
        Assert.IsNotType<TimeoutException>(refused);

        await silo.StopAsync();
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
