namespace Dispatch.Grains.Sla;

/// <summary>
/// What becomes of a book stored before today's rules: the policies that break them are dropped (their tickets
/// fall back to the book's match, as after a removal); if what remains still breaks them (calendars, default,
/// rules), the book starts again from configuration. Either way no ticket computes with a policy that fails.
/// </summary>
public static class StoredBookHealing
{
    /// <param name="dropped">Told each dropped policy's id and its problems, for the log.</param>
    public static SlaBookDocument Healed(SlaBookDocument stored, SlaBookDocument configured, Action<string?, string> dropped)
    {
        var calendars = new SlaDocumentMapper().Calendars(stored.Calendars, "calendars");
        var kept = new List<SlaPolicyDocument>();
        foreach (var policy in stored.Policies ?? [])
        {
            var mapper = new SlaDocumentMapper();
            if (mapper.Policy(policy, calendars, "") is not null)
            {
                kept.Add(policy);
                continue;
            }
            dropped(policy?.Id, string.Join("; ", mapper.Errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")));
        }
        var healed = new SlaBookDocument { Calendars = stored.Calendars, Policies = kept, Default = stored.Default, Rules = stored.Rules };
        return new SlaDocumentMapper().IsValid(healed) ? healed : configured;
    }
}
