using Dispatch.Web.Auth;

namespace Dispatch.Web.Api.Search;

/// <summary>The read side over HTTP: search, the audit trail and reports, all from PostgreSQL, never from grains.</summary>
public static class SearchEndpoints
{
    public static void MapReadSideEndpoints(this IEndpointRouteBuilder api)
    {
        // Any signed-in caller: the search itself narrows what each role finds (ReadSideCaller).
        api.MapGet("/tickets", TicketSearch.Search).WithTags("Search")
            .WithSummary("Search every ticket, closed and cancelled too: filters, sort, cursor paging, format=csv");
        api.MapGet("/customers", CustomerSearch.Search).RequireAuthorization(Policies.Operations).WithTags("Search")
            .WithSummary("Customers by name, tier and health");
        api.MapGet("/engineers", EngineerSearch.Search).WithTags("Search")
            .WithSummary("Engineers by status, skills, region, shift, current jobs and last seen; an engineer finds only themself");
        api.MapGet("/audit", AuditTrail.Read).RequireAuthorization(Policies.Operations).WithTags("Audit")
            .WithSummary("The event log by stream, type, actor and time, newest first");
        Reports.ReportEndpoints.Map(api);
    }
}
