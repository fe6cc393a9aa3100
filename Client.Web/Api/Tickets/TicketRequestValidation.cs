using System.Globalization;
using Dispatch.Domain.Geo;
using Dispatch.Domain.Sla;
using Dispatch.Grains.Customers;
using Dispatch.Grains.Tickets;
using Dispatch.Web.Api.Skills;

namespace Dispatch.Web.Api.Tickets;

/// <summary>
/// Ticket requests judged field by field in one pass, so that every bad field is named at once: the form, and
/// the names the cluster's configuration defines (service types, regions, waiting reasons) from
/// <see cref="KnownNames"/>. Whether the customer exists the ticket grain judges as well.
/// </summary>
public static class TicketRequestValidation
{
    public static readonly string[] Priorities = Enum.GetNames<Priority>();
    public static readonly string[] Channels = ["phone", "web", "chat", "email", "api"];
    public static readonly string[] Stages = ["intake", "triage", "dispatch", "onSite", "followUp"];

    public const int MaxSkills = 20;

    /// <summary>The form, and that every required skill is in the catalogue (a typo would leave the ticket waiting for nobody).</summary>
    public static async Task<OpenTicket?> Validate(OpenTicketRequest request, KnownNames.Snapshot known, FieldErrors errors, SkillCatalogueCache skillCatalogue)
    {
        var open = Validate(request, known, errors);
        var skills = request.RequiredSkills ?? [];
        if (skills.Count <= MaxSkills)
        {
            await skillCatalogue.RequireKnownAsync([.. skills.Select((s, i) => ($"requiredSkills[{i}]", s)).Where(s => FieldErrors.IsIdentifier(s.s))], errors);
        }
        return errors.Any ? null : open;
    }

    public static OpenTicket? Validate(OpenTicketRequest request, KnownNames.Snapshot known, FieldErrors errors)
    {
        var customerId = errors.Identifier("customerId", request.CustomerId);
        var title = errors.Line("title", request.Title, 200);
        var description = errors.Text("description", request.Description, 4000, required: false) ?? "";
        var serviceType = errors.Identifier("serviceType", request.ServiceType);
        if (serviceType is not null && !known.ServiceTypes.Contains(serviceType, StringComparer.Ordinal))
        {
            errors.Add("serviceType", $"unknown service type '{serviceType}'; known: {string.Join(", ", known.ServiceTypes)}");
        }
        var priority = errors.OneOf<Priority>("priority", request.Priority);
        var channel = errors.OneOf("channel", request.Channel, Channels);
        var externalId = errors.Line("externalId", request.ExternalId, 100, required: false);
        Position? location = null;
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
                location = new Position(la, lo);
                if (known.Regions.Locate(location.Value) is null)
                {
                    errors.Add("location", string.Create(CultureInfo.InvariantCulture, $"({la}, {lo}) is outside every service region"));
                }
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
        return new OpenTicket(customerId!, title!, description, serviceType!, priority!.Value, location!.Value, [.. skills.Distinct(StringComparer.Ordinal)], channel!, externalId);
    }

    /// <summary>A waiting reason is one the configuration lists: while a ticket waits its SLA clocks stand still.</summary>
    public static string? WaitingReason(string? reason, KnownNames.Snapshot known, FieldErrors errors)
    {
        var given = errors.Line("reason", reason, 100);
        if (given is not null && !known.WaitingReasons.Contains(given, StringComparer.Ordinal))
        {
            errors.Add("reason", $"unknown waiting reason '{given}'; known: {string.Join(", ", known.WaitingReasons)}");
            return null;
        }
        return given;
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
        if (request.Ces is { } ces && ces is < 1 or > 7)
        {
            errors.Add("ces", "a whole number from 1 (very hard) to 7 (very easy)");
        }
        var comment = errors.Text("comment", request.Comment, 2000, required: false);
        if (request.BlamedStage is not null && !Stages.Contains(request.BlamedStage))
        {
            errors.Add("blamedStage", $"one of {string.Join(", ", Stages)}");
        }
        return errors.Any ? null : new Survey(request.Csat!.Value, request.Nps, comment, request.BlamedStage, request.Ces);
    }
}
