using System.Security.Cryptography.X509Certificates;

namespace Dispatch.Grains.Storage;

/// <summary>
/// TLS between silos and from web nodes to silos ("Cluster:Tls"): every node presents the cluster's certificate
/// and accepts only a peer presenting the same one (or one listed in TrustedThumbprints, for a rotation), so a
/// self-signed certificate is enough and no public CA can vouch for a stranger. Off when no certificate is configured.
/// </summary>
public sealed class ClusterTls
{
    public const string SectionName = "Cluster:Tls";

    /// <summary>A PKCS#12 file (.pfx) holding the certificate and its private key.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>Other certificates' SHA-1 thumbprints a peer may present (while the cluster moves to a new one).</summary>
    public List<string> TrustedThumbprints { get; set; } = [];

    public bool Enabled => !string.IsNullOrWhiteSpace(CertificatePath);

    public X509Certificate2 LoadCertificate() => X509CertificateLoader.LoadPkcs12FromFile(CertificatePath!, CertificatePassword);

    /// <summary>Whether a peer's certificate belongs to this cluster: chain and name do not matter, the certificate does.</summary>
    public bool Accepts(X509Certificate2? remote, X509Certificate2 own) =>
        remote is not null
        && (remote.Thumbprint == own.Thumbprint
            || TrustedThumbprints.Contains(remote.Thumbprint, StringComparer.OrdinalIgnoreCase));
}
