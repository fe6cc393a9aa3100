using System.Text;

namespace Dispatch.Web.Tests.Infrastructure;

/// <summary>Request bodies written as JSON text, exactly as a client would send them (bad ones included).</summary>
public static class JsonBody
{
    public static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
