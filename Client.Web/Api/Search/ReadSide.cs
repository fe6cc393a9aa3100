using Npgsql;

namespace Dispatch.Web.Api.Search;

/// <summary>What the read-side endpoints share: the database they read, and rows as JSON objects.</summary>
public static class ReadSide
{
    /// <summary>The read models live in PostgreSQL; in in-memory mode there are none.</summary>
    public static NpgsqlDataSource? DataSource(IServiceProvider services) => services.GetService<NpgsqlDataSource>();

    public static IResult Unavailable() => Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable,
        title: "No read side", detail: "search, audit and reports need PostgreSQL (Cluster:Storage=PostgreSql)");

    /// <summary>Each row as column name → value (timestamps as UTC instants, arrays as arrays, NULL as null).</summary>
    public static async Task<List<Dictionary<string, object?>>> RowsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<Dictionary<string, object?>>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new Dictionary<string, object?>(reader.FieldCount);
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row[reader.GetName(i)] = reader.IsDBNull(i) ? null
                    : reader.GetFieldType(i) == typeof(DateTime) ? reader.GetFieldValue<DateTimeOffset>(i)
                    : reader.GetDataTypeName(i) == "jsonb" ? System.Text.Json.JsonDocument.Parse(reader.GetString(i)).RootElement.Clone()
                    : reader.GetValue(i);
            }
            rows.Add(row);
        }
        return rows;
    }
}
