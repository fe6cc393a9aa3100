using System.Security.Claims;
using Dispatch.Web.Api;
using Dispatch.Web.Auth;

namespace Dispatch.Web.Accounts;

/// <summary>/api/admin/users: admins create, import (CSV), disable, enable accounts and reset passwords.</summary>
public static class AdminEndpoints
{
    public sealed record CreateUserRequest(string? UserName, string? DisplayName, string? Role, string? EngineerId, IReadOnlyList<string>? Regions);

    public sealed record UserView(string UserName, string? DisplayName, string Role, string? EngineerId, IReadOnlyList<string> Regions,
        bool Disabled, bool MustChangePassword, bool LockedOut);

    public sealed record CreatedUsers(IReadOnlyList<AccountAdministration.Created> Users);

    public sealed record PasswordReset(string UserName, string OneTimePassword);

    /// <summary>The largest CSV accepted (the API's body limit is larger; 5,000 lines fit well below this).</summary>
    private const int MaxCsvChars = 512 * 1024;

    public static void MapAccountAdminEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup("/admin/users").RequireAuthorization(Policies.Administration).WithTags("Accounts");
        admin.MapGet("/", List).WithSummary("Every account");
        admin.MapPost("/", Create).WithSummary("Create an account; answers its one-time password (shown once)");
        admin.MapPost("/import", Import).Accepts<string>("text/csv")
            .WithSummary("Create the accounts of a CSV (userName, role, displayName, engineerId, regions): all or none");
        admin.MapPost("/{userName}/disable", Disable).WithSummary("Disable an account: its tokens stop working, its connections close");
        admin.MapPost("/{userName}/enable", Enable).WithSummary("Enable an account again");
        admin.MapPost("/{userName}/reset-password", ResetPassword).WithSummary("A new one-time password (shown once)");
    }

    private static async Task<IResult> List(UserStore store, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var users = await store.AllAsync(cancellationToken);
        return Results.Ok(users.Select(u => new UserView(u.UserName, u.DisplayName, u.Role, u.EngineerId, u.Regions, u.Disabled,
            u.MustChangePassword, u.LockoutEnd > now)));
    }

    private static async Task<IResult> Create(CreateUserRequest body, AccountAdministration accounts, KnownNames known)
    {
        var errors = new FieldErrors();
        var user = new AccountInput(body.UserName, body.DisplayName, body.Role, body.EngineerId, body.Regions).Check(errors, await known.CurrentAsync());
        if (user is null)
        {
            return errors.ToProblem();
        }
        if (await accounts.CreateAsync(user) is not { } created)
        {
            errors.Add("userName", $"'{user.UserName}' is taken");
            return errors.ToProblem();
        }
        return Results.Created($"/api/admin/users/{created.UserName}", created);
    }

    private static async Task<IResult> Import(HttpRequest request, AccountAdministration accounts, KnownNames known)
    {
        var errors = new FieldErrors();
        if (request.ContentType is not { } type || !type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase))
        {
            return Results.Problem(title: "The body must be CSV", detail: "send Content-Type: text/csv", statusCode: StatusCodes.Status415UnsupportedMediaType);
        }
        using var reader = new StreamReader(request.Body, System.Text.Encoding.UTF8);
        var buffer = new char[MaxCsvChars + 1];
        var length = await reader.ReadBlockAsync(buffer);
        if (length > MaxCsvChars)
        {
            errors.Add("csv", $"at most {MaxCsvChars} characters");
            return errors.ToProblem();
        }
        var rows = UserCsv.Parse(new string(buffer, 0, length), errors);
        if (rows is null)
        {
            return errors.ToProblem();
        }
        var snapshot = await known.CurrentAsync();
        var users = new List<(int Line, DispatchUser User)>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (line, input) in rows)
        {
            if (input.Check(errors, snapshot, $"line {line}: ") is not { } user)
            {
                continue;
            }
            if (!seen.TryAdd(accounts.Normalize(user.UserName), line))
            {
                errors.Add($"line {line}: userName", $"'{user.UserName}' is also on line {seen[accounts.Normalize(user.UserName)]}");
                continue;
            }
            users.Add((line, user));
        }
        var existing = await accounts.ExistingAsync(users.Select(u => u.User.UserName));
        foreach (var (line, user) in users.Where(u => existing.Contains(accounts.Normalize(u.User.UserName))))
        {
            errors.Add($"line {line}: userName", $"'{user.UserName}' is taken");
        }
        if (users.Count == 0 && !errors.Any)
        {
            errors.Add("csv", "no users: a header line and one line per user");
        }
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        var (created, taken) = await accounts.CreateAllAsync([.. users.Select(u => u.User)]);
        if (created is null)
        {
            var line = users.First(u => u.User.UserName == taken).Line;
            errors.Add($"line {line}: userName", $"'{taken}' was created meanwhile; nothing was imported");
            return errors.ToProblem();
        }
        return Results.Ok(new CreatedUsers(created));
    }

    private static async Task<IResult> Disable(string userName, ClaimsPrincipal caller, AccountAdministration accounts)
    {
        if (userName == caller.Identity?.Name)
        {
            var errors = new FieldErrors();
            errors.Add("userName", "an admin does not disable their own account");
            return errors.ToProblem();
        }
        return await accounts.DisableAsync(userName) ? Results.NoContent() : UnknownUser(userName);
    }

    private static async Task<IResult> Enable(string userName, AccountAdministration accounts) =>
        await accounts.EnableAsync(userName) ? Results.NoContent() : UnknownUser(userName);

    private static async Task<IResult> ResetPassword(string userName, AccountAdministration accounts) =>
        await accounts.ResetPasswordAsync(userName) is { } password ? Results.Ok(new PasswordReset(userName, password)) : UnknownUser(userName);

    private static IResult UnknownUser(string userName) =>
        Results.Problem(title: "No such user", detail: FieldErrors.IsIdentifier(userName) ? $"no user '{userName}'" : "no such user",
            statusCode: StatusCodes.Status404NotFound);
}
