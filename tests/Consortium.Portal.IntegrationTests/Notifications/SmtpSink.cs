using System.Buffers;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Consortium.Portal.IntegrationTests.Notifications;

/// <summary>An SMTP server inside the test, on a loopback port: it keeps every message it is given, for the test to read.</summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly Inbox _inbox = new();
    private CancellationTokenSource? _stop;
    private SmtpServer.SmtpServer? _server;
    private Task? _running;

    public SmtpSink(int? port = null) => Port = port ?? FreeLoopbackPort();

    public int Port { get; }

    public IReadOnlyList<MimeMessage> Messages => _inbox.All;

    public bool IsRunning => _server is not null;

    public void Start()
    {
        if (_server is not null)
        {
            return;
        }
        var options = new SmtpServerOptionsBuilder()
            .ServerName("sink.localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(_inbox);
        _stop = new CancellationTokenSource();
        _server = new SmtpServer.SmtpServer(options, services);
        _running = _server.StartAsync(_stop.Token);
        WaitUntilListening();
    }

    // StartAsync binds in the background: a port taken meanwhile would otherwise show up only as e-mails that never come.
    private void WaitUntilListening() => Eventually.True(() =>
    {
        if (_running!.IsFaulted)
        {
            throw new InvalidOperationException($"The SMTP sink could not listen on port {Port}.", _running.Exception);
        }
        try
        {
            using var probe = new TcpClient();
            probe.Connect(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }, $"the SMTP sink to listen on port {Port}");

    public async Task StopAsync()
    {
        if (_server is null)
        {
            return;
        }
        _server.Shutdown();
        await _stop!.CancelAsync();
        try
        {
            await _running!.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
        _stop.Dispose();
        _server = null;
    }

    /// <summary>The first message matching <paramref name="match"/>, once it has arrived.</summary>
    public async Task<MimeMessage> WaitForAsync(Func<MimeMessage, bool> match, TimeSpan timeout)
        => (await Eventually.GetAsync(() => Task.FromResult(Messages.FirstOrDefault(match)), message => message is not null,
            "a matching e-mail at the SMTP sink", timeout, _ => $"{Messages.Count} other e-mail(s)"))!;

    public async ValueTask DisposeAsync() => await StopAsync();

    /// <summary>
    /// A free port below Linux's ephemeral range (32768 and up). The tests stop the sink to play "mail server down" and
    /// start it again on the same port; a port from the ephemeral range could meanwhile become the local end of one of
    /// the many outgoing connections of a test run (PostgreSQL, Redis) and the sink could not listen again.
    /// </summary>
    private static int FreeLoopbackPort()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(20_000, 32_000);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken: try another.
            }
        }
        throw new InvalidOperationException("No free loopback port between 20000 and 32000 for the SMTP sink.");
    }

    private sealed class Inbox : MessageStore
    {
        private readonly List<MimeMessage> _messages = [];

        public IReadOnlyList<MimeMessage> All
        {
            get
            {
                lock (_messages)
                {
                    return _messages.ToList();
                }
            }
        }

        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            lock (_messages)
            {
                _messages.Add(message);
            }
            return SmtpResponse.Ok;
        }
    }
}
