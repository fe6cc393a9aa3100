using Dispatch.Web.Api;

namespace Dispatch.Web.Accounts;

/// <summary>
/// The CSV of a bulk import: a header line naming the columns userName, role and optionally displayName, engineerId,
/// regions (separated by ';' or spaces); RFC 4180 quoting. A bad row is reported as "line N: field".
/// </summary>
public static class UserCsv
{
    public static readonly IReadOnlyList<string> Columns = ["userName", "displayName", "role", "engineerId", "regions"];

    public const int MaxRows = 5000;

    /// <summary>The rows as account inputs with their line numbers, or null with the errors added.</summary>
    public static List<(int Line, AccountInput Input)>? Parse(string text, FieldErrors errors)
    {
        var records = Records(text, errors);
        if (records is null)
        {
            return null;
        }
        if (records.Count == 0)
        {
            errors.Add("csv", "empty: a header line and one line per user");
            return null;
        }
        var (headerLine, header) = records[0];
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i].Trim();
            if (!Columns.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add($"line {headerLine}: {name}", $"unknown column; the columns are {string.Join(", ", Columns)}");
            }
            else if (!index.TryAdd(name, i))
            {
                errors.Add($"line {headerLine}: {name}", "column named twice");
            }
        }
        foreach (var required in new[] { "userName", "role" })
        {
            if (!index.ContainsKey(required))
            {
                errors.Add($"line {headerLine}: {required}", "required column is missing");
            }
        }
        if (records.Count - 1 > MaxRows)
        {
            errors.Add("csv", $"at most {MaxRows} users at once");
        }
        if (errors.Any)
        {
            return null;
        }
        var rows = new List<(int, AccountInput)>();
        foreach (var (line, fields) in records.Skip(1))
        {
            if (fields.Count == 1 && fields[0].Length == 0)
            {
                continue; // a blank line
            }
            if (fields.Count != header.Count)
            {
                errors.Add($"line {line}", $"{fields.Count} fields where the header has {header.Count}");
                continue;
            }
            string? Field(string name) => index.TryGetValue(name, out var i) && fields[i].Length > 0 ? fields[i] : null;
            var regions = Field("regions")?.Split([';', ' '], StringSplitOptions.RemoveEmptyEntries);
            rows.Add((line, new AccountInput(Field("userName"), Field("displayName"), Field("role"), Field("engineerId"), regions)));
        }
        return rows;
    }

    /// <summary>Fields of each record with the line it starts on (a quoted field may span lines).</summary>
    private static List<(int Line, List<string> Fields)>? Records(string text, FieldErrors errors)
    {
        var records = new List<(int, List<string>)>();
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var line = 1;
        var recordLine = 1;
        var quoted = false;
        var i = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    if (c == '\n')
                    {
                        line++;
                    }
                    field.Append(c);
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                continue;
            }
            else if (c == '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                records.Add((recordLine, fields));
                fields = [];
                line++;
                recordLine = line;
            }
            else
            {
                field.Append(c);
            }
        }
        if (quoted)
        {
            errors.Add($"line {recordLine}", "a quoted field is not closed");
            return null;
        }
        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add((recordLine, fields));
        }
        return records;
    }
}
