using System.Buffers.Binary;
using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dispatch.Web.Tests.WebPush;

/// <summary>
/// A push service (Kestrel on 127.0.0.1) as a browser vendor runs one: it refuses a request whose VAPID token is not
/// signed (ES256) with the server's configured key for this origin, and it decrypts the aes128gcm payload with the
/// phone's private key (RFC 8291), which the test made. A phone marked gone answers 410.
/// </summary>
public sealed class PushServiceReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Phone> _phones = new();

    private PushServiceReceiver(WebApplication app, byte[] vapidPublicKey, string subject) =>
        (_app, VapidPublicKey, Subject) = (app, vapidPublicKey, subject);

    public Uri BaseAddress { get; private set; } = null!;

    private byte[] VapidPublicKey { get; }

    private string Subject { get; }

    /// <summary>Requests refused, with why: none is expected.</summary>
    public ConcurrentQueue<string> Refusals { get; } = new();

    public static async Task<PushServiceReceiver> StartAsync(byte[] vapidPublicKey, string subject)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new PushServiceReceiver(app, vapidPublicKey, subject);
        app.MapPost("/push/{name}", receiver.ReceiveAsync);
        await app.StartAsync();
        receiver.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return receiver;
    }

    /// <summary>A new phone: its push endpoint and keys, as PushSubscription.toJSON() gives them.</summary>
    public Phone NewPhone(bool gone = false)
    {
        var name = Guid.NewGuid().ToString("N");
        var phone = new Phone(new Uri(BaseAddress, $"/push/{name}"), gone);
        _phones[name] = phone;
        return phone;
    }

    private async Task<IResult> ReceiveAsync(string name, HttpRequest request)
    {
        if (!_phones.TryGetValue(name, out var phone))
        {
            return Results.NotFound();
        }
        if (Refusal(request.Headers.Authorization.ToString()) is { } why)
        {
            Refusals.Enqueue(why);
            return Results.Unauthorized();
        }
        if (phone.Gone)
        {
            phone.GoneAnswers++;
            return Results.StatusCode(StatusCodes.Status410Gone);
        }
        if (request.Headers.ContentEncoding.ToString() != "aes128gcm")
        {
            Refusals.Enqueue($"Content-Encoding {request.Headers.ContentEncoding}");
            return Results.BadRequest();
        }
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, request.HttpContext.RequestAborted);
        phone.Messages.Enqueue(JsonDocument.Parse(phone.Decrypt(body.ToArray())).RootElement.Clone());
        return Results.StatusCode(StatusCodes.Status201Created);
    }

    /// <summary>Why a VAPID Authorization header ("vapid t=JWT, k=KEY") is not good for this push service; null when it is.</summary>
    private string? Refusal(string authorization)
    {
        if (!authorization.StartsWith("vapid ", StringComparison.Ordinal))
        {
            return $"not the vapid scheme: '{authorization}'";
        }
        var parameters = authorization["vapid ".Length..].Split(',', StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        if (!parameters.TryGetValue("k", out var k) || !Base64Url.DecodeFromChars(k).SequenceEqual(VapidPublicKey))
        {
            return "k is not the configured VAPID public key";
        }
        if (!parameters.TryGetValue("t", out var token) || token.Split('.') is not [var header, var payload, var signature])
        {
            return "no JWT";
        }
        using var key = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = VapidPublicKey[1..33], Y = VapidPublicKey[33..65] },
        });
        if (!key.VerifyData(Encoding.ASCII.GetBytes($"{header}.{payload}"), Base64Url.DecodeFromChars(signature), HashAlgorithmName.SHA256))
        {
            return "the JWT is not signed with the configured key";
        }
        using var head = JsonDocument.Parse(Base64Url.DecodeFromChars(header));
        using var claims = JsonDocument.Parse(Base64Url.DecodeFromChars(payload));
        var origin = BaseAddress.GetLeftPart(UriPartial.Authority);
        if (head.RootElement.GetProperty("alg").GetString() != "ES256")
        {
            return "alg is not ES256";
        }
        if (claims.RootElement.GetProperty("aud").GetString() != origin)
        {
            return $"aud '{claims.RootElement.GetProperty("aud").GetString()}' is not this push service's origin '{origin}'";
        }
        var expires = DateTimeOffset.FromUnixTimeSeconds(claims.RootElement.GetProperty("exp").GetInt64());
        if (expires <= DateTimeOffset.UtcNow || expires > DateTimeOffset.UtcNow.AddHours(24))
        {
            return $"exp {expires:O} is not within the next 24 hours";
        }
        return claims.RootElement.GetProperty("sub").GetString() == Subject ? null : "sub is not the configured subject";
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    /// <summary>A browser's push subscription: the key pair and auth secret the phone keeps, the endpoint its push service gave.</summary>
    public sealed class Phone(Uri endpoint, bool gone) : IDisposable
    {
        private readonly ECDiffieHellman _keys = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);

        public Uri Endpoint { get; } = endpoint;

        public bool Gone { get; } = gone;

        public int GoneAnswers { get; set; }

        public byte[] AuthSecret { get; } = RandomNumberGenerator.GetBytes(16);

        public byte[] PublicKey
        {
            get
            {
                var q = _keys.ExportParameters(false).Q;
                return [0x04, .. q.X!, .. q.Y!];
            }
        }

        public ConcurrentQueue<JsonElement> Messages { get; } = new();

        /// <summary>The subscription as the field app posts it.</summary>
        public object Json() => new { endpoint = Endpoint, expirationTime = (long?)null, keys = new { p256dh = Base64Url.EncodeToString(PublicKey), auth = Base64Url.EncodeToString(AuthSecret) } };

        /// <summary>RFC 8291 with RFC 8188's aes128gcm: a header (salt, record size, the sender's key), then one record.</summary>
        public byte[] Decrypt(byte[] body)
        {
            var salt = body[..16];
            var recordSize = BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(16, 4));
            int idLength = body[20];
            var senderKey = body[21..(21 + idLength)];
            var record = body[(21 + idLength)..];
            if (record.Length > recordSize)
            {
                throw new InvalidOperationException("more than one record: not expected for an offer");
            }
            using var sender = ECDiffieHellman.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = senderKey[1..33], Y = senderKey[33..65] },
            });
            var shared = _keys.DeriveRawSecretAgreement(sender.PublicKey);
            byte[] keyInfo = [.. "WebPush: info\0"u8, .. PublicKey, .. senderKey];
            var ikm = HKDF.DeriveKey(HashAlgorithmName.SHA256, shared, 32, AuthSecret, keyInfo);
            var cek = HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, 16, salt, "Content-Encoding: aes128gcm\0"u8.ToArray());
            var nonce = HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, 12, salt, "Content-Encoding: nonce\0"u8.ToArray());
            var plain = new byte[record.Length - 16];
            using (var aes = new AesGcm(cek, 16))
            {
                aes.Decrypt(nonce, record[..^16], record[^16..], plain);
            }
            // The last record ends with the delimiter 2, then zero padding.
            var end = Array.FindLastIndex(plain, b => b != 0);
            if (end < 0 || plain[end] != 2)
            {
                throw new InvalidOperationException("no last-record delimiter");
            }
            return plain[..end];
        }

        public void Dispose() => _keys.Dispose();
    }
}
