using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Dispatch.Testing;

/// <summary>
/// A real OpenID Connect provider in a node process of its own: panva's oidc-provider from npm (OidcProvider/provider.mjs),
/// on 127.0.0.1, with one confidential client that must use PKCE and the given people (login, password, claims). Its npm
/// packages are installed on first use (npm ci from the lock file), as Client.Web/build-web-assets.sh installs the
/// browser's; a file lock keeps two test processes from installing at once.
/// </summary>
public sealed class TestOidcProvider : IAsyncDisposable
{
    public const string ClientId = "dispatch-test";

    public const string ClientSecret = "the-test-client-secret-of-dispatch";

    public sealed record Person(string Login, string Password, IReadOnlyDictionary<string, object> Claims);

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private TestOidcProvider(Process process, string issuer)
    {
        _process = process;
        Issuer = issuer;
    }

    /// <summary>The provider's issuer (its Authority), http://127.0.0.1:PORT.</summary>
    public string Issuer { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    private static string Folder => Path.Combine(RepositoryRoot.Path, "tests", "Dispatch.Testing", "OidcProvider");

    /// <summary>Starts the provider, accepting the given redirect URIs (the relying parties' callbacks), once it answers.</summary>
    public static async Task<TestOidcProvider> StartAsync(IEnumerable<string> redirectUris, IEnumerable<Person> people)
    {
        await InstallAsync();
        var port = FreePorts.Next();
        var start = new ProcessStartInfo("node", ["provider.mjs"])
        {
            WorkingDirectory = Folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["OIDC_PORT"] = port.ToString(CultureInfo.InvariantCulture);
        start.Environment["OIDC_CLIENT_ID"] = ClientId;
        start.Environment["OIDC_CLIENT_SECRET"] = ClientSecret;
        start.Environment["OIDC_REDIRECT_URIS"] = string.Join(' ', redirectUris);
        start.Environment["OIDC_USERS"] = JsonSerializer.Serialize(people.ToDictionary(
            person => person.Login, person => new { password = person.Password, claims = person.Claims }));
        var provider = new TestOidcProvider(Process.Start(start)!, $"http://127.0.0.1:{port}");
        provider._process.OutputDataReceived += (_, e) => provider.Append(e.Data);
        provider._process.ErrorDataReceived += (_, e) => provider.Append(e.Data);
        provider._process.BeginOutputReadLine();
        provider._process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            if (provider._process.HasExited)
            {
                throw new InvalidOperationException("The test OpenID Connect provider ended at start:\n" + provider.Output);
            }
            try
            {
                (await http.GetAsync(provider.Issuer + "/.well-known/openid-configuration")).EnsureSuccessStatusCode();
                return provider;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
            catch (TaskCanceledException) when (DateTime.UtcNow < deadline)
            {
            }
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    /// <summary>npm ci when the lock file is newer than the last install (or there was none).</summary>
    private static async Task InstallAsync()
    {
        var stamp = Path.Combine(Folder, "node_modules", ".dispatch-installed");
        var lockFile = Path.Combine(Folder, "package-lock.json");
        if (File.Exists(stamp) && File.GetLastWriteTimeUtc(stamp) >= File.GetLastWriteTimeUtc(lockFile))
        {
            return;
        }
        await using var exclusive = await LockAsync(Path.Combine(Path.GetTempPath(), "dispatch-oidc-provider-npm.lock"));
        if (File.Exists(stamp) && File.GetLastWriteTimeUtc(stamp) >= File.GetLastWriteTimeUtc(lockFile))
        {
            return;
        }
        var npm = new ProcessStartInfo("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"])
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var install = Process.Start(npm) ?? throw new InvalidOperationException("npm not found: apt-get install -y nodejs npm");
        var output = install.StandardOutput.ReadToEndAsync();
        var errors = install.StandardError.ReadToEndAsync();
        await install.WaitForExitAsync();
        if (install.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm ci in {Folder} failed:\n{await output}\n{await errors}");
        }
        await File.WriteAllTextAsync(stamp, "");
    }

    private static async Task<FileStream> LockAsync(string path)
    {
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                await Task.Delay(250);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
