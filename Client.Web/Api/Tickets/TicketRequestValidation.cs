using Dispatch.Grains.Customers;
using Dispatch.Grains.Tickets;
using Dispatch.Web.Api.Skills;

namespace Dispatch.Web.Api.Tickets;

/// <summary>
/// The form of ticket requests: what can be judged without the cluster. Whether a service type, customer
/// or waiting reason exists, the ticket grain judges, and its refusal names the field as well.
/// </summary>
public static class TicketRequestValidation
{
    public static readonly string[] Priorities = ["P1", "P2", "P3", "P4"];
    public static readonly string[] Channels = ["phone", "web", "chat", "email", "api"];
    public static readonly string[] Stages = ["intake", "triage", "dispatch", "onSite", "followUp"];

    public const int MaxSkills = 20;

    /// <summary>The form, and that every required skill is in the catalogue (a typo would leave the ticket waiting for nobody).</summary>
    public static async Task<OpenTicket?> Validate(OpenTicketRequest request, FieldErrors errors, SkillCatalogueCache skillCatalogue)
    {
        var open = Validate(request, errors);
        var skills = request.RequiredSkills ?? [];
        if (skills.Count <= MaxSkills)
        {
            await skillCatalogue.RequireKnownAsync([.. skills.Select((s, i) => ($"requiredSkills[{i}]", s)).Where(s => FieldErrors.IsIdentifier(s.s))], errors);
        }
        return errors.Any ? null : open;
    }

    public static OpenTicket? Validate(OpenTicketRequest request, FieldErrors errors)
    {
        var customerId = errors.Identifier("customerId", request.CustomerId);
        var title = errors.Text("title", request.Title, 200);
        var description = errors.Text("description", request.Description, 4000, required: false) ?? "";
        var serviceType = errors.Identifier("serviceType", request.ServiceType);
        var priority = errors.OneOf("priority", request.Priority, Priorities);
        var channel = errors.OneOf("channel", request.Channel, Channels);
        var externalId = errors.Text("externalId", request.ExternalId, 100, required: false);
        GeoPoint? location = null;
        if (request.Location is null)
        {
            errors.Add("location", "required: {\"lat\": ..., \"lon\": ...}");
        }
        else
        {
            var lat = errors.Coordinate("location.lat", request.Location.Lat, 90);
            var lon = errors.Coordinate("location.lon", request.Location.Lon, 180);
            if (lat is { } la && lon is { } lo)
            {
                location = new GeoPoint(la, lo);
            }
        }
        var skills = request.RequiredSkills ?? [];
        if (skills.Count > MaxSkills)
        {
            errors.Add("requiredSkills", $"at most {MaxSkills} skills");
        }
        for (var i = 0; i < skills.Count && i < MaxSkills; i++)
        {
            errors.Identifier($"requiredSkills[{i}]", skills[i]);
        }
        if (errors.Any)
        {
            return null;
        }
        return new OpenTicket(customerId!, title!, description, serviceType!, priority!, location!, [.. skills.Distinct(StringComparer.Ordinal)], channel!, externalId);
    }

    public static Survey? Validate(SurveyRequest request, FieldErrors errors)
    {
        if (request.Csat is not (>= 1 and <= 5))
        {
            errors.Add("csat", "required: a whole number from 1 to 5");
        }
        if (request.Nps is { } nps && nps is < 0 or > 10)
        {
            errors.Add("nps", "a whole number from 0 to 10");
        }
        var comment = errors.Text("comment", request.Comment, 2000, required: false);
        if (request.BlamedStage is not null && !Stages.Contains(request.BlamedStage))
        {
            errors.Add("blamedStage", $"one of {string.Join(", ", Stages)}");
        }
        return errors.Any ? null : new Survey(request.Csat!.Value, request.Nps, comment, request.BlamedStage);
    }
}
