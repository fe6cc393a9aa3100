using Dispatch.Domain.Engineers;
using Dispatch.Domain.Sla;
using Dispatch.Domain.Tickets;
using Dispatch.Grains.Customers;
using Dispatch.Grains.Dispatching;
using Dispatch.Grains.Live;
using Dispatch.Grains.Storage;
using Dispatch.Grains.Tickets;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Dispatch.Grains.Tests.Storage;

/// <summary>
/// The contracts kept in grain state carry statuses and priorities as enums but store them by name, as releases before
/// the typing wrote them as text: state written then is read typed, and state written now reads back the same names.
/// </summary>
public sealed class StoredNameTests
{
    private static readonly IServiceProvider Services = new ServiceCollection()
        .AddSerializer(serializer => serializer.AddAssembly(typeof(OpenTicket).Assembly).AddAssembly(typeof(StoredNameTests).Assembly))
        .BuildServiceProvider();

    [Fact]
    public void A_ticket_request_stored_with_its_priority_as_text_is_read_typed_and_stored_by_name_again()
    {
        var read = Reread<OpenTicketAsStored, OpenTicket>(new OpenTicketAsStored("Boiler broken", "P2", "phone"));
        Assert.Equal(("Boiler broken", Priority.P2, "phone"), (read.Title, read.Priority, read.Channel));

        var stored = Reread<OpenTicket, OpenTicketAsStored>(read with { Priority = Priority.P4 });
        Assert.Equal(new OpenTicketAsStored("Boiler broken", "P4", "phone"), stored);
    }

    [Fact]
    public void A_queued_dispatch_request_keeps_its_priority_by_name()
    {
        var read = Reread<DispatchRequestAsStored, DispatchRequest>(new DispatchRequestAsStored("t-1", "P1", 1.5));
        Assert.Equal(("t-1", Priority.P1, 1.5), (read.TicketId, read.Priority, read.Widening));
        Assert.Equal("P3", Reread<DispatchRequest, DispatchRequestAsStored>(read with { Priority = Priority.P3 }).Priority);
    }

    [Fact]
    public void A_customer_history_keeps_priority_and_status_by_name()
    {
        var read = Reread<CustomerTicketAsStored, CustomerTicket>(new CustomerTicketAsStored("t-2", "P3", "EnRoute", true));
        Assert.Equal(("t-2", Priority.P3, TicketStatus.EnRoute, true), (read.TicketId, read.Priority, read.Status, read.IsOpen));
        Assert.Equal(new CustomerTicketAsStored("t-2", "P1", "Closed", true),
            Reread<CustomerTicket, CustomerTicketAsStored>(read with { Priority = Priority.P1, Status = TicketStatus.Closed }));
    }

    [Fact]
    public void Every_member_is_stored_by_the_name_the_enum_gives_it_and_read_back_from_it()
    {
        AllByName<Priority>();
        AllByName<TicketStatus>();
        AllByName<ShownStatus>();
        Assert.Throws<InvalidDataException>(() => StoredNames.Parse<TicketStatus>("onsite"));
        Assert.Equal("42", StoredNames.Of((Priority)42));

        static void AllByName<T>() where T : struct, Enum
        {
            foreach (var value in Enum.GetValues<T>())
            {
                Assert.Equal(value.ToString(), StoredNames.Of(value));
                Assert.Equal(value, StoredNames.Parse<T>(StoredNames.Of(value)));
            }
        }
    }

    [Fact]
    public void A_board_keeps_its_markers_statuses_and_priorities_by_name()
    {
        var ticket = Reread<TicketMarkerAsStored, TicketMarker>(new TicketMarkerAsStored("t-3", "OnSite", "P2", "Leak"));
        Assert.Equal(("t-3", TicketStatus.OnSite, Priority.P2, "Leak"), (ticket.Id, ticket.Status, ticket.Priority, ticket.Title));
        Assert.Equal(new TicketMarkerAsStored("t-3", "Waiting", "P2", "Leak"),
            Reread<TicketMarker, TicketMarkerAsStored>(ticket with { Status = TicketStatus.Waiting }));

        var engineer = Reread<EngineerMarkerAsStored, EngineerMarker>(new EngineerMarkerAsStored("e-1", "OnBreak", 2));
        Assert.Equal(("e-1", ShownStatus.OnBreak, 2), (engineer.Id, engineer.Status, engineer.Jobs));
        Assert.Equal(new EngineerMarkerAsStored("e-1", "EnRoute", 2),
            Reread<EngineerMarker, EngineerMarkerAsStored>(engineer with { Status = ShownStatus.EnRoute }));
    }

    [Theory]
    [InlineData("P9")]
    [InlineData("p2")]
    [InlineData("1")]
    [InlineData("")]
    public void A_stored_name_that_is_not_a_member_is_corrupt_state_not_a_default(string name)
    {
        var error = Assert.ThrowsAny<Exception>(() => Reread<OpenTicketAsStored, OpenTicket>(new OpenTicketAsStored("Leak", name, "api")));
        Assert.Contains(typeof(InvalidDataException), Causes(error));
    }

    private static TTo Reread<TFrom, TTo>(TFrom value)
    {
        var bytes = Services.GetRequiredService<Serializer<TFrom>>().SerializeToArray(value);
        return Services.GetRequiredService<Serializer<TTo>>().Deserialize(bytes)!;
    }

    internal static IEnumerable<Type> Causes(Exception? error)
    {
        for (; error is not null; error = error.InnerException)
        {
            yield return error.GetType();
        }
    }
}

// The shapes the releases of 2026-11-30 and 2026-12-01 stored (field ids as in the contracts; only the fields read here).

[GenerateSerializer]
public sealed record OpenTicketAsStored([property: Id(1)] string Title, [property: Id(4)] string Priority, [property: Id(7)] string Channel);

[GenerateSerializer]
public sealed record DispatchRequestAsStored([property: Id(0)] string TicketId, [property: Id(3)] string Priority, [property: Id(5)] double Widening);

[GenerateSerializer]
public sealed record CustomerTicketAsStored([property: Id(0)] string TicketId, [property: Id(2)] string Priority, [property: Id(4)] string Status,
    [property: Id(8)] bool IsOpen);

[GenerateSerializer]
public sealed record TicketMarkerAsStored([property: Id(0)] string Id, [property: Id(1)] string Status, [property: Id(2)] string Priority,
    [property: Id(10)] string Title);

[GenerateSerializer]
public sealed record EngineerMarkerAsStored([property: Id(0)] string Id, [property: Id(2)] string Status, [property: Id(7)] int Jobs);
