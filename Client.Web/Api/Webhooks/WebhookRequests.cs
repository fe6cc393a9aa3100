namespace Dispatch.Web.Api.Webhooks;

/// <summary>POST /api/webhooks/subscriptions: where to send which events, optionally only one region's or one customer's.</summary>
public sealed record SubscriptionRequest(string? Url, string[]? EventTypes, string? Region, string? CustomerId, string? Description);

/// <summary>POST .../rotate-secret: how long the old secret keeps signing beside the new one (hours, 0–168; 24 if left out).</summary>
public sealed record RotateRequest(double? OverlapHours);

/// <summary>POST .../dead-letters/replay: the messages to send again ("msg_..."), or all of the subscription's dead ones if left out.</summary>
public sealed record ReplayRequest(string[]? MessageIds);
