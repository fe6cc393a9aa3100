using System.Globalization;
using System.Text;
using Npgsql;

namespace Dispatch.Web.Api.Search;

/// <summary>
/// A query's rows as CSV, written to the response as they are read: memory stays bounded whatever the row
/// count. Text that a spreadsheet would run as a formula (=, +, -, @) is prefixed with an apostrophe.
/// </summary>
public sealed class CsvResult(NpgsqlCommand command, string fileName) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        var cancellationToken = httpContext.RequestAborted;
        await using var owned = command;
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken);
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        await using var writer = new StreamWriter(response.Body, new UTF8Encoding(false), 64 * 1024);
        var line = new StringBuilder();
        for (var i = 0; i < reader.FieldCount; i++)
        {
            line.Append(i == 0 ? "" : ",").Append(Escape(reader.GetName(i)));
        }
        await writer.WriteLineAsync(line, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            line.Clear();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                line.Append(i == 0 ? "" : ",").Append(Escape(Format(reader.GetValue(i))));
            }
            await writer.WriteLineAsync(line, cancellationToken);
        }
        await writer.FlushAsync(cancellationToken);
    }

    internal static string Format(object value) => value switch
    {
        DBNull => "",
        DateTime t => new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)).ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToString("O", CultureInfo.InvariantCulture),
        string[] items => string.Join(";", items),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    internal static string Escape(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            value = "'" + value;
        }
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
