using System.Net.Http.Headers;
using Lib.Net.Http.WebPush.Authentication;

namespace Dispatch.Silo.WebPush;

/// <summary>
/// Signs each push request's VAPID token for the push resource's origin, port included (RFC 8292, section 2).
/// Lib.Net.Http.WebPush 3.3.1 signs "scheme://host", leaving out a port that is not the default, which a push service
/// on such a port rightly refuses; the public push services listen on 443, where both agree.
/// </summary>
internal sealed class VapidAudienceHandler(VapidAuthentication vapid) : DelegatingHandler(new SocketsHttpHandler
{
    AllowAutoRedirect = false,
    PooledConnectionLifetime = TimeSpan.FromMinutes(5),
})
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { } uri)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("vapid",
                vapid.GetVapidSchemeAuthenticationHeaderValueParameter(uri.GetLeftPart(UriPartial.Authority)));
        }
        return base.SendAsync(request, cancellationToken);
    }
}
