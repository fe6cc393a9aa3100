using Dispatch.Grains.Common;
using Dispatch.Grains.Customers;
using Dispatch.Grains.Sla;
using Dispatch.Web.Api.Customers;
using Dispatch.Web.Auth;

// In Dispatch.Web.Api, beside the other Map... extensions, so that Program needs no extra using.
namespace Dispatch.Web.Api;

/// <summary>
/// PUT /api/customers/{id} (admin or dispatcher) creates or updates a customer; GET /api/customers/{id}
/// (operations) returns the 360° view: profile, open and recent tickets, SLA outcomes, satisfaction, health.
/// </summary>
public static class CustomerEndpoints
{
    public static void MapCustomerEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapPut("/customers/{id}", Put)
            .RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Dispatcher))
            .WithTags("Customers")
            .WithSummary("Create or update a customer: profile, tier, sites, contract")
            .Produces<CustomerOverview>(StatusCodes.Status200OK)
            .Produces<CustomerOverview>(StatusCodes.Status201Created)
            .ProducesValidationProblem();

        api.MapGet("/customers/{id}", Get)
            .RequireAuthorization(Policies.Operations)
            .WithTags("Customers")
            .WithSummary("The 360° view of a customer")
            .Produces<CustomerOverview>(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> Put(string id, CustomerRequest? request, IClusterClient cluster, IConfiguration configuration, HttpContext http)
    {
        var outcome = CustomerRequestValidator.Validate(id, request, CustomerTierCatalog.From(configuration));
        var errors = outcome.Errors;
        // A contract naming a policy the SLA book does not have would silently measure by the book's match instead.
        if (request?.Contract?.SlaPolicyId is { } policyId && !errors.ContainsKey("contract.slaPolicyId")
            && !(await cluster.Grain<ISlaBookGrain>(0).Read()).Book.HasPolicy(policyId))
        {
            errors["contract.slaPolicyId"] = [$"'{policyId}' is not a policy of the SLA book (GET /api/sla/policies lists them)"];
        }
        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors);
        }
        var customer = cluster.Grain<ICustomerGrain>(id);
        // Two first PUTs racing may both answer 201; both leave one customer with the last profile.
        var isNew = await customer.GetProfile() is null;
        var overview = await customer.Register(outcome.Profile!, Caller(http));
        return isNew ? Results.Created($"/api/customers/{id}", overview) : Results.Ok(overview);
    }

    private static async Task<IResult> Get(string id, IClusterClient cluster)
    {
        if (!CustomerIdentifiers.IsValid(id))
        {
            return Results.ValidationProblem(new Dictionary<string, string[]>
            {
                ["id"] = [$"the customer id in the path must be {CustomerIdentifiers.Rule}"],
            });
        }
        var overview = await cluster.Grain<ICustomerGrain>(id).GetOverview();
        return overview is null
            ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such customer", detail: $"There is no customer '{id}'.")
            : Results.Ok(overview);
    }

    /// <summary>Who made the change, for the customer's audit trail: the token's subject and the role that allowed it.</summary>
    private static Actor Caller(HttpContext http)
    {
        var role = http.User.IsInRole(Roles.Admin) ? Roles.Admin : Roles.Dispatcher;
        return new Actor(http.User.Identity?.Name ?? "unknown", role);
    }
}
