using System.Threading.Channels;
using Dispatch.Grains.Live;
using Dispatch.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using static Dispatch.Web.Tests.Infrastructure.JsonBody;

namespace Dispatch.Web.Tests.Live;

/// <summary>
/// Offers and work changes reach the engineer's phone without the board: in this cluster every board grain
/// (region boards, the summary, the console's reader) refuses every call, and the offer and the work change
/// after accepting it still arrive.
/// </summary>
public sealed class OfferPushTests(OfferPushTests.BoardlessCluster cluster) : IClassFixture<OfferPushTests.BoardlessCluster>
{
    private readonly LiveScenes _scenes = new(cluster);

    [Fact]
    public async Task An_offer_reaches_the_engineer_while_every_board_grain_refuses_calls()
    {
        var skill = "s" + Guid.NewGuid().ToString("N")[..8];
        var id = "eng-direct-" + skill;
        await _scenes.EngineerAsync(id, skill, LiveScenes.Lat + 0.001);
        await using var phone = await cluster.ConnectAsync("/hubs/engineer", "engineer", id);
        var offers = Channel.CreateUnbounded<OfferPush>();
        var work = Channel.CreateUnbounded<string>();
        phone.On<OfferPush>("offer", o => offers.Writer.TryWrite(o));
        phone.On<string>("work", w => work.Writer.TryWrite(w));

        var ticketId = await _scenes.TicketAsync("standard", skill);

        var offer = await offers.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(ticketId, offer.TicketId);
        Assert.Equal(id, offer.EngineerId);
        using var engineer = await cluster.App.ClientAsAsync("engineer", id);
        (await engineer.PostAsync($"/api/tickets/{ticketId}/accept", Json("{}"))).EnsureSuccessStatusCode();
        Assert.Equal("accepted", await work.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30)));
        // The board was asked (the ticket's marker, the engineer's position) and refused: the filter is in the path.
        Assert.True(cluster.Board.Refused > 0);
    }

    /// <summary>The live cluster with a silo filter that refuses every call to a board grain.</summary>
    public sealed class BoardlessCluster : LiveClusterFixture
    {
        public RefuseBoardCalls Board { get; } = new();

        protected override void ConfigureSilo(IServiceCollection services) => services.AddSingleton<IIncomingGrainCallFilter>(Board);
    }

    public sealed class RefuseBoardCalls : IIncomingGrainCallFilter
    {
        private static readonly Type[] BoardInterfaces = [typeof(IRegionBoardGrain), typeof(IBoardSummaryGrain), typeof(IOperationsBoardGrain)];

        private int _refused;

        public int Refused => Volatile.Read(ref _refused);

        public Task Invoke(IIncomingGrainCallContext context)
        {
            if (BoardInterfaces.Contains(context.InterfaceMethod?.DeclaringType))
            {
                Interlocked.Increment(ref _refused);
                throw new InvalidOperationException($"the board is switched off in this test ({context.InterfaceMethod!.Name})");
            }
            return context.Invoke();
        }
    }
}
