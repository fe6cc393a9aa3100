namespace Dispatch.Silo.WebPush;

/// <summary>
/// Web Push (section "WebPush"): the VAPID key pair that identifies this server to the browsers' push services, as
/// URL-safe base64 (the public key the 65-byte uncompressed P-256 point, the private key its 32-byte scalar). The web
/// nodes need the public key, the silos both. Without keys nothing is pushed.
/// </summary>
public sealed class WebPushOptions
{
    public const string SectionName = "WebPush";

    /// <summary>Who runs this server, for the push services' operators: "mailto:ops@example.com" or an https URL.</summary>
    public string Subject { get; set; } = "mailto:dispatch@localhost";

    public string? PublicKey { get; set; }

    public string? PrivateKey { get; set; }

    /// <summary>How long a push service keeps an offer for a phone that is off: an offer expires in minutes.</summary>
    public TimeSpan TimeToLive { get; set; } = TimeSpan.FromMinutes(5);

    public bool Enabled => !string.IsNullOrWhiteSpace(PublicKey) && !string.IsNullOrWhiteSpace(PrivateKey);
}
