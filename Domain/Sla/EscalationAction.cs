using System.Text.Json.Serialization;

namespace Dispatch.Domain.Sla;

/// <summary>Something the grain does when a step or rule fires. A closed set, stored as data with the policy.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(AlertRole), "alertRole")]
[JsonDerivedType(typeof(RaisePriority), "raisePriority")]
[JsonDerivedType(typeof(WidenSearch), "widenSearch")]
public abstract record EscalationAction;
