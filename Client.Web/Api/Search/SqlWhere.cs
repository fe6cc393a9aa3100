using Npgsql;

namespace Dispatch.Web.Api.Search;

/// <summary>A WHERE clause built from checked filters; every value travels as a parameter, never as SQL text.</summary>
public sealed class SqlWhere
{
    private readonly List<string> _conditions = [];

    public List<NpgsqlParameter> Parameters { get; } = [];

    /// <summary>How many conditions it holds.</summary>
    public int Count => _conditions.Count;

    /// <summary>Adds a condition without values.</summary>
    public SqlWhere Add(string condition) => Condition(condition);

    /// <summary>Adds a condition; "{0}" in it stands for the value's parameter (an array stays one array parameter).</summary>
    public SqlWhere Add(string condition, object value) => Condition(condition, Parameter(value));

    /// <summary>Adds a condition on two values, "{0}" and "{1}".</summary>
    public SqlWhere Add(string condition, object first, object second) => Condition(condition, Parameter(first), Parameter(second));

    private SqlWhere Condition(string condition, params string[] placeholders)
    {
        _conditions.Add(string.Format(System.Globalization.CultureInfo.InvariantCulture, condition, placeholders));
        return this;
    }

    /// <summary>A parameter for use outside the WHERE clause (a GROUP BY expression); its placeholder.</summary>
    public string Parameter(object value)
    {
        var name = $"p{Parameters.Count}";
        Parameters.Add(new NpgsqlParameter(name, value));
        return "@" + name;
    }

    public SqlWhere AddIf(object? value, string condition) => value is null ? this : Add(condition, value);

    public override string ToString() => _conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", _conditions);

    /// <summary>The WHERE clause with one more condition (SQL text, its values already parameters), this one unchanged.</summary>
    public string And(string condition) => "WHERE " + string.Join(" AND ", [.. _conditions, condition]);

    /// <summary>
    /// One page of a keyset-paged search: the first <paramref name="limit"/> rows of <paramref name="sql"/> under these
    /// conditions, and the cursor after the last of them when more follow (one row more is read to know).
    /// </summary>
    public async Task<IResult> PageAsync(NpgsqlDataSource dataSource, string sql, int limit,
        Func<Dictionary<string, object?>, string> cursorAfter, CancellationToken cancellationToken)
    {
        await using var command = Command(dataSource, sql + $" LIMIT {limit + 1}");
        var rows = await ReadSide.RowsAsync(command, cancellationToken);
        string? next = null;
        if (rows.Count > limit)
        {
            rows.RemoveAt(limit);
            next = cursorAfter(rows[^1]);
        }
        return Results.Ok(new { items = rows, nextCursor = next });
    }

    public NpgsqlCommand Command(NpgsqlDataSource dataSource, string sql) => WithParameters(dataSource.CreateCommand(sql));

    /// <summary>The statement on an open connection: in its transaction, when one is open (a report's snapshot).</summary>
    public NpgsqlCommand Command(NpgsqlConnection connection, string sql) => WithParameters(new NpgsqlCommand(sql, connection));

    private NpgsqlCommand WithParameters(NpgsqlCommand command)
    {
        foreach (var parameter in Parameters)
        {
            command.Parameters.Add(parameter.Clone());
        }
        return command;
    }
}
