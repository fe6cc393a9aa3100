namespace Dispatch.Testing;

/// <summary>
/// Makes PostgreSQL refuse every write of one kind of grain state (a trigger raising an error), as a
/// failing database would: the tests of "a refused write changes nothing" fail the real write.
/// </summary>
public static class StoreRefusal
{
    public static async Task<IAsyncDisposable> RefuseAsync(PrivatePostgres database, string grainType)
    {
        var trigger = "refuse_" + Guid.NewGuid().ToString("N")[..12];
        await database.QueryScalarAsync<int>($"""
            CREATE OR REPLACE FUNCTION {trigger}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'writes of {grainType} are refused (test)';
            END $$;
            CREATE TRIGGER {trigger} BEFORE INSERT OR UPDATE ON orleans_grain_state
                FOR EACH ROW WHEN (NEW.grain_type = '{grainType}') EXECUTE FUNCTION {trigger}();
            """);
        return new Lifted(database, trigger);
    }

    private sealed class Lifted(PrivatePostgres database, string trigger) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() =>
            await database.QueryScalarAsync<int>($"DROP TRIGGER {trigger} ON orleans_grain_state; DROP FUNCTION {trigger}();");
    }
}
