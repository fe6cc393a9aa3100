using System.Security.Cryptography.X509Certificates;
using Dispatch.Grains.Storage;
using Orleans.Connections.Security;

namespace Dispatch.Silo.Hosting;

/// <summary>Silo-to-silo and gateway connections over mutual TLS with the cluster's certificate (see <see cref="ClusterTls"/>).</summary>
public static class SiloTls
{
    public static ISiloBuilder UseClusterTls(this ISiloBuilder silo, ClusterTls tls)
    {
        var certificate = tls.LoadCertificate();
        return silo.UseTls(certificate, options =>
        {
            options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
            options.RemoteCertificateValidation = (remote, _, _) => tls.Accepts(remote, certificate);
            options.OnAuthenticateAsClient = (_, client) => client.TargetHost = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        });
    }
}
