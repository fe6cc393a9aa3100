using System.Text.Json;
using Dispatch.Domain.Sla;

namespace Dispatch.Domain.Tests.Sla;

/// <summary>Ladders are stored and edited as data, so the polymorphic parts must survive a JSON round trip.</summary>
public class EscalationJsonTests
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    [Fact]
    public void Actions_and_triggers_round_trip_through_json_with_their_kind()
    {
        IReadOnlyList<EscalationAction> actions = [new AlertRole("director"), new RaisePriority(), new WidenSearch(2.5)];
        EscalationTrigger trigger = new PercentOfTarget(75);

        var actionsJson = JsonSerializer.Serialize(actions, Options);
        var triggerJson = JsonSerializer.Serialize(trigger, Options);

        Assert.Contains("\"$type\":\"alertRole\"", actionsJson, StringComparison.Ordinal);
        Assert.Equal(actions, JsonSerializer.Deserialize<IReadOnlyList<EscalationAction>>(actionsJson, Options));
        Assert.Equal(trigger, JsonSerializer.Deserialize<EscalationTrigger>(triggerJson, Options));
    }
}
