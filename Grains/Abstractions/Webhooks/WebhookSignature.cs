using System.Security.Cryptography;
using System.Text;

namespace Dispatch.Grains.Webhooks;

/// <summary>
/// Secrets and signatures as the Standard Webhooks specification defines them: a secret is "whsec_" and base64 of
/// random bytes; a signature is "v1," and base64 of HMAC-SHA256 over "{webhook-id}.{webhook-timestamp}.{body}",
/// one per secret, separated by spaces.
/// </summary>
public static class WebhookSignature
{
    public const string SecretPrefix = "whsec_";

    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static string Sign(string messageId, long timestamp, string body, IEnumerable<string> secrets)
    {
        var signed = Encoding.UTF8.GetBytes($"{messageId}.{timestamp}.{body}");
        return string.Join(' ', secrets.Select(secret => "v1," + Convert.ToBase64String(HMACSHA256.HashData(Key(secret), signed))));
    }

    private static byte[] Key(string secret) =>
        Convert.FromBase64String(secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret);
}
