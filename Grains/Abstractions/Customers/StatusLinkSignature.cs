using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Dispatch.Grains.Customers;

/// <summary>
/// How a customer status link (<c>/t/{ticketId}.{signature}</c>) is signed: the signature is an HMAC-SHA256 of the
/// ticket id under the link key, 128 bits kept. The web nodes check links with it and the silos write links into
/// e-mails and webhooks with it, so both must be given the same key.
/// </summary>
public static class StatusLinkSignature
{
    private const int SignatureBytes = 16;
    private static readonly byte[] Purpose = Encoding.UTF8.GetBytes("dispatch customer status link v1\n");

    /// <summary>The configuration key of the link key and of the token signing key it is derived from when unset.</summary>
    public const string KeySetting = "Customers:Links:Key";

    public const string SigningKeySetting = "Auth:SigningKey";

    public const string PublicBaseUrlSetting = "Customers:Links:PublicBaseUrl";

    public static byte[] Of(byte[] key, string ticketId) =>
        HMACSHA256.HashData(key, (byte[])[.. Purpose, .. Encoding.UTF8.GetBytes(ticketId)])[..SignatureBytes];

    /// <summary>The link to a ticket's status page under <paramref name="publicBaseUrl"/> (empty: a relative link).</summary>
    public static string Link(string publicBaseUrl, byte[] key, string ticketId) =>
        $"{publicBaseUrl.TrimEnd('/')}/t/{ticketId}.{Base64Url.EncodeToString(Of(key, ticketId))}";

    /// <summary>A configured link key (at least 32 bytes), or null when none is configured.</summary>
    public static byte[]? KeyFrom(string? configured, string name)
    {
        if (string.IsNullOrEmpty(configured))
        {
            return null;
        }
        var bytes = Encoding.UTF8.GetBytes(configured);
        return bytes.Length >= 32 ? bytes : throw new InvalidOperationException($"{name} must be at least 32 bytes long.");
    }

    /// <summary>A key of its own for links, derived from the token signing key, so that one never stands in for the other.</summary>
    public static byte[]? Derived(string? signingKey) => string.IsNullOrEmpty(signingKey)
        ? null
        : HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(signingKey), 32, info: Purpose);
}
