namespace Dispatch.Grains.Sla;

/// <summary>The "Sla" configuration section: the book the SLA book grain starts from.</summary>
public sealed class SlaBookOptions
{
    public const string SectionName = "Sla";

    public SlaBookDocument Book { get; set; } = new();

    /// <summary>How long a silo computes with the book it last read before reading it again ("Sla:CacheFreshness").</summary>
    public TimeSpan CacheFreshness { get; set; } = TimeSpan.FromSeconds(2);
}
