namespace Dispatch.Grains.Sla;

/// <summary>The "Sla" configuration section: the book the SLA book grain starts from.</summary>
public sealed class SlaBookOptions
{
    public const string SectionName = "Sla";

    public SlaBookDocument Book { get; set; } = new();
}
