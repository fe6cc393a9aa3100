using Microsoft.Extensions.Logging;

namespace Dispatch.Grains.Storage;

/// <summary>
/// A grain method that throws may have changed the grain's state in memory without storing it (the
/// database was down mid-write). Our grains answer refusals as values, so an exception is always such an
/// accident: the activation is dropped, and the next call reloads the state as stored. Nothing is ever
/// half-applied: what a caller was told failed did not happen, and nothing unstored lingers in memory.
/// A database failure travels on as a <see cref="StoreUnavailableException"/>, which callers can tell apart.
/// </summary>
public sealed class ForgetUnsavedChanges(ILogger<ForgetUnsavedChanges> logger) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception ex) when (context.TargetContext is { } grain && IsOurs(grain))
        {
            logger.LogWarning("{Grain}.{Method} failed ({Error}); the activation is dropped so its state reloads from storage",
                grain.GrainId, context.InterfaceMethod?.Name, ex.GetType().Name);
            grain.Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationError, ex, "a call failed; unsaved changes are forgotten"));
            if (StoreFailures.IsUnreachable(ex))
            {
                throw StoreFailures.Translate(ex);
            }
            throw;
        }
    }

    private static bool IsOurs(IGrainContext grain) =>
        grain.GrainInstance?.GetType().Namespace?.StartsWith("Dispatch.", StringComparison.Ordinal) == true;
}
