using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using Dispatch.Testing;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Dispatch.Web.Tests.Infrastructure;

/// <summary>
/// A real SMTP server (the SmtpServer library) on a free loopback port, inside the test process: the silo sends
/// to it through MailKit like to any mail server, and tests read what arrived.
/// </summary>
public sealed class MailCatcher : IAsyncDisposable
{
    private readonly ConcurrentQueue<MimeMessage> _received = new();
    private readonly Answers _answers = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    public MailCatcher()
    {
        Port = FreePorts.Next();
        var options = new SmtpServerOptionsBuilder()
            .ServerName("mail.test")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new ServiceProvider();
        services.Add(new Store(_received, _answers));
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
    }

    public int Port { get; }

    /// <summary>The messages sent to <paramref name="address"/> so far, oldest first.</summary>
    public IReadOnlyList<MimeMessage> To(string address) =>
        [.. _received.Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase)))];

    /// <summary>Waits until <paramref name="count"/> messages have reached <paramref name="address"/>.</summary>
    public Task<IReadOnlyList<MimeMessage>> WaitFor(string address, int count = 1) =>
        Eventually.Until(() => Task.FromResult(To(address)), m => m.Count >= count, TimeSpan.FromSeconds(30), $"{count} e-mail(s) to {address}");

    /// <summary>
    /// A slow mail server: until the returned release is disposed, each message is received (and listed) but not
    /// answered, so the sender waits in the middle of its conversation.
    /// </summary>
    public IDisposable Hold() => _answers.Hold();

    public async ValueTask DisposeAsync()
    {
        _answers.Release();
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }

    private sealed class Store(ConcurrentQueue<MimeMessage> received, Answers answers) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            received.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            await answers.Given.WaitAsync(cancellationToken);
            return SmtpResponse.Ok;
        }
    }

    /// <summary>Whether the server answers now or holds its answers until released.</summary>
    private sealed class Answers
    {
        private TaskCompletionSource _given = Released();

        public Task Given => Volatile.Read(ref _given).Task;

        public IDisposable Hold()
        {
            Volatile.Write(ref _given, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            return new Releaser(this);
        }

        public void Release() => Volatile.Read(ref _given).TrySetResult();

        private static TaskCompletionSource Released()
        {
            var released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            released.SetResult();
            return released;
        }

        private sealed class Releaser(Answers answers) : IDisposable
        {
            public void Dispose() => answers.Release();
        }
    }
}
