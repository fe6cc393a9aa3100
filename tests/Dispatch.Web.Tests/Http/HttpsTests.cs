using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Dispatch.Testing;
using Dispatch.Web.Tests.Infrastructure;

namespace Dispatch.Web.Tests.Http;

/// <summary>HTTPS switched on by Kestrel's configuration alone: the certificate is served, HSTS is sent, HTTP is redirected.</summary>
public sealed class HttpsTests(WebClusterFixture cluster) : IClassFixture<WebClusterFixture>, IDisposable
{
    private const string Password = "test-only";
    private readonly string _directory = Directory.CreateTempSubdirectory("dispatch-https-").FullName;

    [Fact]
    public async Task Outside_development_a_configured_certificate_serves_https_with_hsts_and_http_is_redirected()
    {
        using var certificate = SelfSigned("dispatch.example", out var path);
        var (httpPort, httpsPort) = (FreePorts.Next(), FreePorts.Next());
        await using var production = new DispatchWebApp(cluster.Database.ConnectionString, environment: "Production", settings: new Dictionary<string, string?>
        {
            ["Kestrel:Endpoints:Http:Url"] = $"http://127.0.0.1:{httpPort}",
            ["Kestrel:Endpoints:Https:Url"] = $"https://127.0.0.1:{httpsPort}",
            ["Kestrel:Certificates:Default:Path"] = path,
            ["Kestrel:Certificates:Default:Password"] = Password,
        });
        production.UseKestrel();
        production.StartServer();

        string? served = null;
        using var https = new HttpClient(new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = (_, remote, _, _) => (served = remote?.GetCertHashString()) is not null },
        });
        using var request = new HttpRequestMessage(HttpMethod.Get, $"https://127.0.0.1:{httpsPort}/index.html");
        request.Headers.Host = "dispatch.example"; // HSTS is never sent to localhost
        using var secure = await https.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, secure.StatusCode);
        Assert.Equal(certificate.Thumbprint, served);
        Assert.True(secure.Headers.TryGetValues("Strict-Transport-Security", out var hsts), "no HSTS header");
        Assert.Contains("max-age=31536000", hsts.Single());

        // Over HTTPS a dynamic answer is not compressed (BREACH); a static asset is, from its build-time copy.
        using var health = new HttpRequestMessage(HttpMethod.Get, $"https://127.0.0.1:{httpsPort}/health");
        health.Headers.AcceptEncoding.ParseAdd("br, gzip");
        using var dynamicAnswer = await https.SendAsync(health);
        Assert.Empty(dynamicAnswer.Content.Headers.ContentEncoding);

        using var plain = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
        using var redirected = await plain.GetAsync($"http://127.0.0.1:{httpPort}/index.html");
        Assert.Equal(HttpStatusCode.TemporaryRedirect, redirected.StatusCode);
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"https://127.0.0.1:{httpsPort}/index.html"), redirected.Headers.Location?.ToString());
    }

    private X509Certificate2 SelfSigned(string name, out string path)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(name);
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        path = Path.Combine(_directory, "web.pfx");
        var pfx = certificate.Export(X509ContentType.Pfx, Password);
        File.WriteAllBytes(path, pfx);
        return X509CertificateLoader.LoadPkcs12(pfx, Password);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
