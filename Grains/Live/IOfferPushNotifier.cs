namespace Dispatch.Grains.Live;

/// <summary>
/// Tells an engineer's phones of a new offer while the app is closed (Web Push). The silo wires the real one when a
/// push service is configured; otherwise nothing is pushed and the app sees the offer when it is opened.
/// </summary>
public interface IOfferPushNotifier
{
    /// <summary>Queues the push and returns at once: an offer never waits for a push service.</summary>
    void OfferMade(OfferPush offer);
}

/// <summary>No push service configured.</summary>
public sealed class NoOfferPush : IOfferPushNotifier
{
    public void OfferMade(OfferPush offer)
    {
    }
}
