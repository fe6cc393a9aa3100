using Dispatch.Web.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Dispatch.Web.Tests.Resilience;

/// <summary>
/// Seen in the drill: while a silo was lost, grain activations the silo gave up on ended requests with a
/// cancellation nobody asked for, and callers got a bare 500 they do not retry. It is the cluster not answering.
/// </summary>
public sealed class UnavailableAnswerTests
{
    [Fact]
    public async Task A_cancellation_the_caller_did_not_ask_for_is_a_503_with_retry_after()
    {
        var (handler, context) = Create();

        var handled = await handler.TryHandleAsync(context, new TaskCanceledException("activation cancelled"), CancellationToken.None);

        Assert.True(handled);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal("2", context.Response.Headers.RetryAfter.ToString());
    }

    [Fact]
    public async Task A_gateway_that_cannot_be_reached_is_a_503_not_a_500()
    {
        var (handler, context) = Create();

        var handled = await handler.TryHandleAsync(context,
            new Orleans.Runtime.Messaging.ConnectionFailedException("Unable to connect to S127.0.0.1:30032:0"), CancellationToken.None);

        Assert.True(handled);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
    }

    [Fact]
    public async Task A_caller_that_went_away_is_not_told_the_cluster_is_down()
    {
        var (handler, context) = Create();
        using var gone = new CancellationTokenSource();
        await gone.CancelAsync();
        context.RequestAborted = gone.Token;

        var handled = await handler.TryHandleAsync(context, new OperationCanceledException(gone.Token), CancellationToken.None);

        Assert.False(handled);
    }

    private static (UnavailableHandler Handler, DefaultHttpContext Context) Create()
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Response.Body = new MemoryStream();
        return (new UnavailableHandler(services.GetRequiredService<IProblemDetailsService>()), context);
    }
}
