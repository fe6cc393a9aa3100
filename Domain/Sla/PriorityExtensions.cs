namespace Dispatch.Domain.Sla;

/// <summary>Priority arithmetic used by the <see cref="RaisePriority"/> action.</summary>
public static class PriorityExtensions
{
    /// <summary>One level more urgent; P1 is already the top and stays P1.</summary>
    public static Priority Raised(this Priority priority) => priority == Priority.P1 ? Priority.P1 : priority - 1;
}
