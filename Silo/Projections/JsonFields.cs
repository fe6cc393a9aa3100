using System.Text.Json;

namespace Dispatch.Silo.Projections;

/// <summary>An event's data fields as the projections read them: absent or of another kind reads as null.</summary>
internal static class JsonFields
{
    public static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
