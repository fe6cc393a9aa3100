using System.Text;

namespace Dispatch.Web.Api.Search;

/// <summary>
/// Rows already read (a report of a few hundred groups) as CSV, in the same format as <see cref="CsvResult"/>.
/// Nested figures (breaches per clock) stay in the JSON answer.
/// </summary>
public sealed class CsvRowsResult(IReadOnlyList<Dictionary<string, object?>> rows, IReadOnlyList<string> columns, string fileName) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        await using var writer = new StreamWriter(response.Body, new UTF8Encoding(false), 64 * 1024);
        await writer.WriteLineAsync(string.Join(',', columns.Select(CsvResult.Escape)));
        foreach (var row in rows)
        {
            await writer.WriteLineAsync(string.Join(',',
                columns.Select(c => CsvResult.Escape(row.GetValueOrDefault(c) is { } value ? CsvResult.Format(value) : ""))));
        }
        await writer.FlushAsync(httpContext.RequestAborted);
    }
}
