using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Dispatch.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Dispatch.Web.Tests.Http;

/// <summary>What every answer says about itself, over a real Kestrel socket: security headers, caching, compression.</summary>
public sealed partial class SecurityHeadersTests(LiveClusterFixture cluster) : IClassFixture<LiveClusterFixture>
{
    public static TheoryData<string> Paths() => ["/", "/console.html", "/engineer.html", "/api/tickets/t-none", "/api/regions", "/no/such/page", "/health", "/hubs/engineer/negotiate"];

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Every_answer_carries_the_security_headers_and_no_server_name(string path)
    {
        using var http = Client();

        using var response = await http.GetAsync(path);

        var csp = Header(response, "Content-Security-Policy");
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("default-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.False(response.Headers.Contains("Server"), $"{path} names its server: {response.Headers.Server}");
    }

    [Fact]
    public async Task Answers_with_customer_data_are_never_stored()
    {
        using var http = Client();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await cluster.App.TokenAsync("dispatcher"));

        using var regions = await http.GetAsync("/api/regions");
        using var missing = await http.GetAsync("/api/tickets/t-none");

        Assert.Equal(HttpStatusCode.OK, regions.StatusCode);
        Assert.True(regions.Headers.CacheControl?.NoStore, regions.Headers.CacheControl?.ToString());
        Assert.True(missing.Headers.CacheControl?.NoStore, missing.Headers.CacheControl?.ToString());
    }

    [Theory]
    [InlineData("/console.html", "Production")]
    [InlineData("/engineer.html", "Production")]
    [InlineData("/index.html", "Production")]
    [InlineData("/console.html", "Development")]
    [InlineData("/engineer.html", "Development")]
    public async Task A_page_names_its_scripts_by_content_hash_cached_for_a_year_and_every_asset_compressed(string page, string environment)
    {
        // UseStaticWebAssets finds the build's precompressed files as a published app finds them in wwwroot
        // (Development does that by itself).
        await using var web = new DispatchWebApp(cluster.Database.ConnectionString, environment);
        await using var app = web.WithWebHostBuilder(builder =>
        {
            if (environment != "Development")
            {
                builder.UseStaticWebAssets();
            }
        });
        app.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        app.StartServer();
        using var http = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None })
        {
            BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()),
        };
        // As a browser asks for it: compressed, and it must decode to the page.
        using var pageRequest = new HttpRequestMessage(HttpMethod.Get, page);
        pageRequest.Headers.AcceptEncoding.ParseAdd("br, gzip");
        using var compressedPage = await http.SendAsync(pageRequest);
        Assert.Equal(HttpStatusCode.OK, compressedPage.StatusCode);
        Assert.StartsWith("<!doctype html>", await Decoded(compressedPage), StringComparison.OrdinalIgnoreCase);
        var html = await http.GetStringAsync(page);
        var references = AssetReference().Matches(html).Where(m => !m.Groups["url"].Value.EndsWith(".svg", StringComparison.Ordinal)).ToList();
        var assets = references.Select(m => m.Groups["url"].Value).ToList();
        // A modulepreload link fetches a module ahead of its import, so it names it as the import does: by its plain name.
        var preloaded = references.Where(m => m.Value.Contains("rel=\"modulepreload\"", StringComparison.Ordinal)).Select(m => m.Groups["url"].Value).ToHashSet();
        Assert.NotEmpty(assets);
        Assert.DoesNotContain("{fingerprint}", html);

        foreach (var asset in assets)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/" + asset);
            request.Headers.AcceptEncoding.ParseAdd("br, gzip");
            using var response = await http.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{asset}: {response.StatusCode}");
            Assert.Contains(response.Content.Headers.ContentEncoding, e => e is "br" or "gzip");
            if (asset.EndsWith(".js", StringComparison.Ordinal) && !preloaded.Contains(asset))
            {
                // Scripts are named by their content hash; stylesheets and preloaded modules are revalidated by ETag.
                Assert.Matches(@"\.[a-z0-9]{10}\.js$", asset);
                Assert.True(response.Headers.CacheControl?.MaxAge >= TimeSpan.FromDays(365), $"{asset}: Cache-Control {response.Headers.CacheControl}");
                Assert.Contains("immutable", response.Headers.CacheControl!.ToString());
            }
            else
            {
                Assert.NotNull(response.Headers.ETag);
            }
        }
    }

    [Fact]
    public async Task Dynamic_answers_are_compressed_over_plain_http()
    {
        using var http = Client();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await cluster.App.TokenAsync("dispatcher"));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/regions");
        request.Headers.AcceptEncoding.ParseAdd("br, gzip");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(response.Content.Headers.ContentEncoding, e => e is "br" or "gzip");
        Assert.StartsWith("{", await Decoded(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_module_imported_by_its_plain_name_is_revalidated_by_its_etag()
    {
        using var http = Client();

        using var first = await http.GetAsync("/js/shared/api.js");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/js/shared/api.js");
        request.Headers.IfNoneMatch.Add(etag);
        using var again = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
    }

    [Theory]
    [InlineData("console.html")]
    [InlineData("engineer.html")]
    [InlineData("index.html")]
    public async Task The_pages_hold_no_inline_script_or_style_the_policy_would_refuse(string page)
    {
        var html = await File.ReadAllTextAsync(Path.Combine(Dispatch.Testing.RepositoryRoot.Path, "Client.Web", "wwwroot", page));

        Assert.DoesNotMatch(InlineScript(), html);
        Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(StyleOrHandlerAttribute(), html);
    }

    private static async Task<string> Decoded(HttpResponseMessage response)
    {
        await using var body = await response.Content.ReadAsStreamAsync();
        await using Stream decoded = response.Content.Headers.ContentEncoding.SingleOrDefault() switch
        {
            "br" => new System.IO.Compression.BrotliStream(body, System.IO.Compression.CompressionMode.Decompress),
            "gzip" => new System.IO.Compression.GZipStream(body, System.IO.Compression.CompressionMode.Decompress),
            _ => body,
        };
        using var reader = new StreamReader(decoded);
        return await reader.ReadToEndAsync();
    }

    private HttpClient Client() =>
        new(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None, AllowAutoRedirect = false }) { BaseAddress = cluster.BaseAddress };

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values)
        : response.Content.Headers.TryGetValues(name, out var content) ? string.Join(", ", content)
        : throw new Xunit.Sdk.XunitException($"{response.RequestMessage?.RequestUri} has no {name} header");

    [GeneratedRegex("""<(?:link|script)\b[^>]*?\s(?:src|href)="(?<url>[^"]+)"[^>]*>""")]
    private static partial Regex AssetReference();

    [GeneratedRegex("""<script(?![^>]*\ssrc=)[^>]*>""", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex("""\s(?:style|on[a-z]+)\s*=""", RegexOptions.IgnoreCase)]
    private static partial Regex StyleOrHandlerAttribute();
}
