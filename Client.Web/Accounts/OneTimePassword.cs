using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;

namespace Dispatch.Web.Accounts;

/// <summary>A password chosen by Dispatch for someone (the first admin, an import, a reset): shown once, changed at first sign-in.</summary>
public static class OneTimePassword
{
    public static string New() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(15));
}
