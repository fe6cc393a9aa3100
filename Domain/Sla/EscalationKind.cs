namespace Dispatch.Domain.Sla;

/// <summary>What a step means to the people who receive it; warnings also set the clock's Warning state.</summary>
public enum EscalationKind
{
    /// <summary>Before the deadline: there is still time to act.</summary>
    Warning,

    /// <summary>The deadline itself: the promise is broken.</summary>
    Breach,

    /// <summary>After the breach: hand it up a level (dispatcher → supervisor → director).</summary>
    Escalation,
}
