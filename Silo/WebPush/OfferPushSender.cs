using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using Dispatch.Grains.Live;
using Lib.Net.Http.WebPush;
using Lib.Net.Http.WebPush.Authentication;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dispatch.Silo.WebPush;

/// <summary>
/// Pushes each new offer (the engine's or a dispatcher's forced assignment) to every phone the engineer subscribed,
/// signed with the VAPID key and encrypted for the phone (aes128gcm), through Lib.Net.Http.WebPush. A push is a
/// nudge, not the truth: the app reads the offer from the server when it opens, so a lost push loses nothing. A push
/// service that answers 404 or 410 says the subscription is gone, and it is removed.
/// </summary>
public sealed class OfferPushSender(WebPushOptions options, VapidAuthentication vapid, PushSubscriptionRows subscriptions, PushServiceClient client,
    ILogger<OfferPushSender> logger) : BackgroundService, IOfferPushNotifier
{
    // Pushes wait here when push services are slow; beyond it the oldest are dropped (the app still reads its offers).
    private readonly Channel<OfferPush> _queue = Channel.CreateBounded<OfferPush>(new BoundedChannelOptions(10_000)
    {
        FullMode = BoundedChannelFullMode.DropOldest,
        SingleReader = true,
    });

    public void OfferMade(OfferPush offer) => _queue.Writer.TryWrite(offer);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var offer in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await PushAsync(offer, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("Pushing the offer of {TicketId} to {EngineerId} failed: {Error}", offer.TicketId, offer.EngineerId, ex.Message);
            }
        }
    }

    private async Task PushAsync(OfferPush offer, CancellationToken cancellationToken)
    {
        var phones = await subscriptions.OfEngineerAsync(offer.EngineerId, cancellationToken);
        if (phones.Count == 0)
        {
            return;
        }
        // What the service worker shows (engineer-sw.js): a title, a line, the page to open; the ids for the app.
        var message = new PushMessage(JsonSerializer.Serialize(new
        {
            title = "New job offer",
            body = $"{offer.Title} · answer by {offer.ExpiresAt:HH:mm} UTC",
            tag = "dispatch-offer",
            url = "engineer.html",
            ticketId = offer.TicketId,
            expiresAt = offer.ExpiresAt,
        }))
        {
            Topic = "offer",
            Urgency = PushMessageUrgency.High,
            TimeToLive = (int)options.TimeToLive.TotalSeconds,
        };
        foreach (var (endpoint, p256dh, auth) in phones)
        {
            var subscription = new PushSubscription { Endpoint = endpoint };
            subscription.SetKey(PushEncryptionKeyName.P256DH, p256dh);
            subscription.SetKey(PushEncryptionKeyName.Auth, auth);
            try
            {
                await client.RequestPushMessageDeliveryAsync(subscription, message, vapid, VapidAuthenticationScheme.Vapid, cancellationToken);
            }
            catch (PushServiceClientException ex) when (ex.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
            {
                logger.LogInformation("The push subscription of {EngineerId} at {Endpoint} is gone ({Status}): removed", offer.EngineerId, endpoint, (int)ex.StatusCode);
                await subscriptions.RemoveAsync(endpoint, cancellationToken);
            }
            catch (Exception ex) when (ex is PushServiceClientException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning("Pushing the offer of {TicketId} to a phone of {EngineerId} failed: {Error}", offer.TicketId, offer.EngineerId, ex.Message);
            }
        }
    }
}
