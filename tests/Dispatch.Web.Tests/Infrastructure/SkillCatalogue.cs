using static Dispatch.Web.Tests.Infrastructure.JsonBody;

namespace Dispatch.Web.Tests.Infrastructure;

/// <summary>
/// Tests that keep their engineers apart give them a skill of their own; such a skill must be in the catalogue
/// before an engineer may have it or a ticket require it, as an admin would add it.
/// </summary>
public static class SkillCatalogue
{
    public static async Task AddSkillAsync(this HttpClient admin, string skill)
    {
        var response = await admin.PutAsync($"/api/skills/{skill}", Json($$"""{"name": "Test skill {{skill}}"}"""));
        response.EnsureSuccessStatusCode();
    }
}
