using System.Text.Json.Serialization;
using Dispatch.Web.Accounts;
using Dispatch.Web.Api;
using Dispatch.Web.Api.Engineers;
using Dispatch.Web.Api.Regions;
using Dispatch.Web.Api.Search;
using Dispatch.Web.Api.Skills;
using Dispatch.Web.Api.Sla;
using Dispatch.Web.Api.Tickets;
using Dispatch.Web.Auth;
using Dispatch.Web.Cluster;
using Dispatch.Web.CustomerLinks;
using Dispatch.Web.Health;
using Dispatch.Web.Http;
using Dispatch.Web.Hubs;
using Dispatch.Web.Live;
using Microsoft.AspNetCore.ResponseCompression;
using Dispatch.Web.Telemetry;
using Microsoft.AspNetCore.SignalR;

var builder = WebApplication.CreateBuilder(args);

// What serves the answers is nobody's business: no "Server: Kestrel".
builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
builder.AddDispatchHttps();
builder.Services.AddResponseCompression(options =>
{
    // Over HTTPS only the static assets are compressed (precompressed at build, by MapStaticAssets): an API answer
    // that reflects the caller's input beside a secret must not be compressed there (BREACH).
    options.EnableForHttps = false;
    options.MimeTypes = [.. ResponseCompressionDefaults.MimeTypes, "application/geo+json"];
    options.Providers.Add<BrotliCompressionProvider>();
    options.Providers.Add<GzipCompressionProvider>();
});

builder.AddDispatchCluster();
builder.AddDispatchAuthentication();
builder.AddDispatchAccounts();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<BadRequestBodyHandler>();
builder.Services.AddExceptionHandler<UnavailableHandler>();
builder.AddDispatchAdmission();
builder.AddDispatchTelemetry();
builder.AddCustomerLinks();
builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
builder.Services.ConfigureHttpJsonOptions(options =>
{
    // A field the API does not know is a mistake of the caller's, not something to ignore silently.
    options.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
    // A number sent as a string ("45") is a wrong JSON type, not a number.
    options.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
    options.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
    // A key given twice is ambiguous (which one counts?), and no body of ours is deeper than a few levels.
    options.SerializerOptions.AllowDuplicateProperties = false;
    options.SerializerOptions.MaxDepth = 32;
});
builder.Services.AddSingleton<KnownNames>();
builder.Services.AddSingleton<Dispatch.Domain.Dispatching.ITravelTimeEstimator, Dispatch.Domain.Dispatching.StraightLineTravel>();
builder.Services.AddDispatchHealthChecks();
builder.Services.AddOpenApi();
builder.Services.AddSignalR(options => options.AddFilter<HubInputLogging>())
    // Statuses and priorities go to the console and the app by name, as the HTTP API sends them.
    .AddJsonProtocol(options => options.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()));
builder.Services.AddSingleton<LiveFeedObserver>();
builder.Services.AddSingleton<SkillCatalogueCache>();
builder.Services.AddHostedService<LiveFeedSubscription>();

var app = builder.Build();

app.UseSecurityHeaders(app.Configuration);
app.UseDispatchHttps();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseApiBodyLimit();
app.UseResponseCompression();
app.UseDefaultFiles();
app.UseRouting();
// After routing: it counts the answers of the intake endpoint, which routing has chosen by then.
app.UseIntakeOutcomes();
// Files that appeared in wwwroot after the build (not in the static assets manifest) are still served, plainly.
app.UseStaticFiles();
app.UseAuthentication();
app.UseAuthorization();
app.UseDispatchAdmission();

app.MapStaticAssets();
app.MapOpenApi().AllowAnonymous();
app.MapDispatchHealth();
app.MapDispatchMetrics();
app.MapCustomerLinks();
// Everything under /api needs a token unless an endpoint says otherwise, and a slot of its lane (Http/Admission).
var api = app.MapGroup("/api").RequireAuthorization().RequireRateLimiting(Admission.Api);
if (app.Environment.IsDevelopment())
{
    api.MapDevTokenEndpoint();
}
api.MapIdentityEndpoints();
api.MapAccountEndpoints();
api.MapClusterEndpoints();
api.MapTicketEndpoints();
api.MapFieldActionEndpoints();
api.MapForcedAssignmentEndpoints();
api.MapTriageEndpoints();
Dispatch.Web.Api.Field.FieldAppEndpoints.MapFieldAppEndpoints(api);
api.MapEngineerEndpoints();
api.MapRegionEndpoints();
api.MapLiveEndpoints();
api.MapSlaEndpoints();
api.MapSkillEndpoints();
api.MapCustomerEndpoints();
api.MapReadSideEndpoints();
Dispatch.Web.Api.Webhooks.WebhookEndpoints.MapWebhookEndpoints(api);
api.MapNotificationEndpoints();
// A connection lives no longer than its token: at expiry the server closes it, and the apps reconnect with a new one.
app.MapHub<DispatchHub>("/hubs/dispatch", hub => hub.CloseOnAuthenticationExpiration = true);
app.MapHub<EngineerHub>("/hubs/engineer", hub => hub.CloseOnAuthenticationExpiration = true);

app.Run();

/// <summary>Entry point; public so that tests can host the app with WebApplicationFactory.</summary>
public partial class Program;
