using Dispatch.Grains.Storage;
using Dispatch.Web.Auth;
using Dispatch.Web.Cluster;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;

namespace Dispatch.Web.Accounts;

/// <summary>
/// Dispatch's own accounts (ASP.NET Core Identity on PostgreSQL, see docs/adr/0005-accounts.md). On with PostgreSQL
/// storage and a signing key; in the in-memory mode, or with only an external issuer, there are no accounts.
/// </summary>
public static class AccountsSetup
{
    public static bool Enabled(IConfiguration configuration) =>
        (configuration.GetSection(ClusterSettings.SectionName).Get<ClusterSettings>() ?? new ClusterSettings()).Storage == StorageMode.PostgreSql &&
        !string.IsNullOrEmpty(configuration[$"{AuthSettings.SectionName}:{nameof(AuthSettings.SigningKey)}"]);

    public static WebApplicationBuilder AddDispatchAccounts(this WebApplicationBuilder builder)
    {
        if (!Enabled(builder.Configuration))
        {
            return builder;
        }
        var settings = builder.Configuration.GetSection(AccountSettings.SectionName).Get<AccountSettings>() ?? new AccountSettings();
        builder.Services.AddSingleton(settings);
        builder.Services
            .AddIdentityCore<DispatchUser>(options =>
            {
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = settings.MaxFailedAttempts;
                options.Lockout.DefaultLockoutTimeSpan = settings.LockoutTime;
                // Length over character classes (NIST SP 800-63B): a long pass phrase beats "Passw0rd!".
                options.Password.RequiredLength = settings.MinimumPasswordLength;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.User.AllowedUserNameCharacters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-";
            })
            .AddUserStore<UserStore>()
            .AddSignInManager();
        builder.Services.AddScoped<UserStore>();
        builder.Services.AddScoped<AccountAdministration>();
        builder.Services.AddSingleton<AccountStates>();
        builder.Services.AddSingleton<AccessTokens>();
        builder.Services.AddSingleton<RefreshTokens>();
        builder.Services.AddSingleton<ApiKeys>();
        builder.Services.AddSingleton<HubConnections>();
        builder.Services.Configure<HubOptions>(options => options.AddFilter<HubConnections>());
        builder.Services.AddHostedService<FirstAdmin>();
        builder.Services.AddHostedService<DisabledConnectionSweep>();
        builder.AddDispatchExternalSignIn();
        return builder;
    }

    /// <summary>Sign-in, the admin API for accounts and API keys; /api/auth/options in every mode.</summary>
    public static RouteGroupBuilder MapAccountEndpoints(this RouteGroupBuilder api)
    {
        var enabled = api is IEndpointRouteBuilder routes && routes.ServiceProvider.GetService<AccountStates>() is not null;
        api.MapSignInOptions(enabled);
        if (enabled)
        {
            api.MapSignInEndpoints();
            api.MapExternalSignInEndpoints();
            api.MapAccountAdminEndpoints();
            api.MapApiKeyEndpoints();
        }
        return api;
    }
}
