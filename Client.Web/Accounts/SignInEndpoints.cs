using Dispatch.Web.Api;
using Microsoft.AspNetCore.Identity;

namespace Dispatch.Web.Accounts;

/// <summary>
/// /api/auth: sign in with a user name and password (a short-lived access token and a rotating refresh token),
/// change a one-time password, refresh, sign out.
/// </summary>
public static class SignInEndpoints
{
    public sealed record SignInRequest(string? UserName, string? Password);

    public sealed record ChangePasswordRequest(string? UserName, string? Password, string? NewPassword);

    public sealed record RefreshRequest(string? RefreshToken);

    /// <summary>The tokens of a session; or only <see cref="PasswordChangeRequired"/> when the password must be changed first.</summary>
    public sealed record SessionTokens(
        string? AccessToken, DateTimeOffset? ExpiresAt, string? RefreshToken, DateTimeOffset? RefreshExpiresAt,
        string? UserName, string? Role, string? EngineerId, IReadOnlyList<string>? Regions, bool PasswordChangeRequired = false);

    /// <summary>How a page signs people in here: development tokens, passwords, an OpenID Connect provider (its name).</summary>
    public sealed record SignInOptions(bool DevTokens, bool Passwords, string? Provider);

    private const int MaxPassword = 200;

    public static void MapSignInEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var auth = endpoints.MapGroup("/auth").AllowAnonymous().WithTags("Sign-in");
        auth.MapPost("/sign-in", SignIn).WithSummary("Sign in with a user name and password");
        auth.MapPost("/password", ChangePassword).WithSummary("Change the password (required after a one-time password)");
        auth.MapPost("/refresh", Refresh).WithSummary("Exchange a refresh token for new tokens (each refresh token works once)");
        auth.MapPost("/sign-out", SignOut).WithSummary("End the session of a refresh token");
    }

    /// <summary>GET /api/auth/options, mapped also where accounts are off (in-memory mode), so pages can ask.</summary>
    public static void MapSignInOptions(this IEndpointRouteBuilder endpoints, bool passwords) =>
        endpoints.MapGet("/auth/options", (IWebHostEnvironment environment, HttpContext http) =>
                new SignInOptions(environment.IsDevelopment(), passwords, passwords ? http.RequestServices.GetService<ProviderSettings>()?.DisplayName : null))
            .AllowAnonymous().WithTags("Sign-in").WithSummary("Which ways of signing in this node offers");

    private static IResult Refused(string title, string detail) =>
        Results.Problem(title: title, detail: detail, statusCode: StatusCodes.Status401Unauthorized);

    private static IResult WrongPassword() => Refused("Sign-in refused", "wrong user name or password");

    private static async Task<(DispatchUser? User, IResult? Refusal)> CheckPasswordAsync(
        string userName, string password, UserManager<DispatchUser> users, SignInManager<DispatchUser> signIn)
    {
        if (await users.FindByNameAsync(userName) is not { } user)
        {
            return (null, WrongPassword());
        }
        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            return (null, Refused("Account locked", "too many failed sign-ins: try again later or ask an admin"));
        }
        if (!result.Succeeded)
        {
            return (null, WrongPassword());
        }
        if (user.Disabled)
        {
            return (null, Refused("Account disabled", "this account is disabled: ask an admin"));
        }
        return (user, null);
    }

    private static async Task<IResult> SignIn(SignInRequest body, UserManager<DispatchUser> users, SignInManager<DispatchUser> signIn,
        AccessTokens access, RefreshTokens refresh, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var userName = errors.Line("userName", body.UserName, 64);
        var password = errors.Line("password", body.Password, MaxPassword);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        var (user, refusal) = await CheckPasswordAsync(userName!, password!, users, signIn);
        if (user is null)
        {
            return refusal!;
        }
        if (user.MustChangePassword)
        {
            return Results.Ok(new SessionTokens(null, null, null, null, user.UserName, user.Role, user.EngineerId, user.Regions, PasswordChangeRequired: true));
        }
        return Results.Ok(Session(user, access, await refresh.StartAsync(user.UserName, cancellationToken)));
    }

    private static async Task<IResult> ChangePassword(ChangePasswordRequest body, UserManager<DispatchUser> users, SignInManager<DispatchUser> signIn,
        AccessTokens access, RefreshTokens refresh, AccountStates states, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var userName = errors.Line("userName", body.UserName, 64);
        var password = errors.Line("password", body.Password, MaxPassword);
        var newPassword = errors.Line("newPassword", body.NewPassword, MaxPassword);
        if (newPassword is not null && newPassword == password)
        {
            errors.Add("newPassword", "must differ from the current password");
        }
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        var (user, refusal) = await CheckPasswordAsync(userName!, password!, users, signIn);
        if (user is null)
        {
            return refusal!;
        }
        user.MustChangePassword = false;
        var result = await users.ChangePasswordAsync(user, password!, newPassword!);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                errors.Add("newPassword", error.Description);
            }
            return errors.ToProblem();
        }
        // Every other session of the old password ends.
        await refresh.RevokeAllAsync(user.UserName, cancellationToken);
        states.Forget(user.UserName);
        return Results.Ok(Session(user, access, await refresh.StartAsync(user.UserName, cancellationToken)));
    }

    private static async Task<IResult> Refresh(RefreshRequest body, UserManager<DispatchUser> users, AccessTokens access, RefreshTokens refresh,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var token = errors.Line("refreshToken", body.RefreshToken, 100);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        return await ContinueAsync(token!, users, access, refresh, cancellationToken);
    }

    /// <summary>
    /// Uses a refresh token once for the session that follows it: a refresh, and the handoff of a sign-in through the
    /// OpenID Connect provider (<see cref="ExternalSignIn"/>).
    /// </summary>
    internal static async Task<IResult> ContinueAsync(string token, UserManager<DispatchUser> users, AccessTokens access, RefreshTokens refresh,
        CancellationToken cancellationToken)
    {
        if (await refresh.RotateAsync(token, cancellationToken) is not { } rotated)
        {
            return Refused("Session ended", "the refresh token is unknown, expired, revoked or was used before: sign in again");
        }
        if (await users.FindByIdAsync(rotated.UserName) is not { Disabled: false } user)
        {
            await refresh.RevokeFamilyAsync(rotated.Next.Token, cancellationToken);
            return Refused("Account disabled", "this account is disabled: ask an admin");
        }
        return Results.Ok(Session(user, access, rotated.Next));
    }

    private static async Task<IResult> SignOut(RefreshRequest body, RefreshTokens refresh, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var token = errors.Line("refreshToken", body.RefreshToken, 100);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        await refresh.RevokeFamilyAsync(token!, cancellationToken);
        return Results.NoContent();
    }

    private static SessionTokens Session(DispatchUser user, AccessTokens access, RefreshTokens.Issued refreshToken)
    {
        var issued = access.For(user);
        return new SessionTokens(issued.Token, issued.ExpiresAt, refreshToken.Token, refreshToken.ExpiresAt,
            user.UserName, user.Role, user.EngineerId, user.Regions);
    }
}
