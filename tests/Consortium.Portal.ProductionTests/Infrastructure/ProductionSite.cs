using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Npgsql;
using OtpNet;

namespace Consortium.Portal.ProductionTests.Infrastructure;

/// <summary>
/// The production shape the README describes, started once for the test collection: the published portal, migrated by its
/// <c>migrate</c> command, then two instances in Production on a PostgreSQL cluster and an Azurite of the class's own and
/// the suite's Redis (PORTAL_TEST_REDIS), data-protection keys encrypted with a certificate, behind the YARP proxy with
/// sticky sessions on https. The public host name is <see cref="PublicHost"/>, which the tests' clients connect to the
/// proxy's loopback port: the portal's HSTS is (rightly) not sent for an IP address or localhost.
/// </summary>
public sealed class ProductionSite : IAsyncLifetime
{
    public const string PublicHost = "portal.consortium.test";
    public const string AdminEmail = "operator@consortium.test";
    public const string AdminPassword = "Production-Shape-2026!";

    /// <summary>How many times the portal tries each e-mail: the first attempt and the delayed retries.</summary>
    public const int EmailAttempts = 3;

    private readonly string _secrets = Directory.CreateTempSubdirectory("portal-production-").FullName;
    private PrivatePostgreSql? _postgres;
    private PrivateAzurite? _azurite;
    private ProductionProxy? _proxy;
    private string _adminKey = "";
    private bool _disposed;

    internal PrivatePostgreSql Postgres => _postgres!;
    internal PrivateAzurite Azurite => _azurite!;
    internal ProductionProxy Proxy => _proxy!;
    internal IReadOnlyList<PortalInstance> Instances { get; private set; } = [];

    /// <summary>The site's SMTP server: it keeps what it accepts and refuses the administrator's e-mails.</summary>
    internal SmtpSink Smtp { get; } = new([AdminEmail]);

    /// <summary>The address users type: https, the public host name, the proxy's port.</summary>
    public Uri Address => new($"https://{PublicHost}:{Proxy.Address.Port}");

    public string Origin => Address.GetLeftPart(UriPartial.Authority);

    public async Task InitializeAsync()
    {
        try
        {
            await StartAsync();
        }
        catch
        {
            // xunit does not dispose a fixture whose start failed: stop what did start.
            await DisposeAsync();
            throw;
        }
    }

    private async Task StartAsync()
    {
        var redis = Environment.GetEnvironmentVariable("PORTAL_TEST_REDIS") is { Length: > 0 } r
            ? r
            : throw new InvalidOperationException("PORTAL_TEST_REDIS is not set: the production tests need a Redis server. Run them through build/test.sh, which starts one on loopback.");
        var published = PublishedPortal.FolderAsync();
        var postgres = PrivatePostgreSql.StartAsync();
        var azurite = PrivateAzurite.StartAsync();
        try
        {
            await Task.WhenAll(published, postgres, azurite);
        }
        finally
        {
            // Kept even when another of the three failed, so that they are stopped.
            _postgres = postgres.IsCompletedSuccessfully ? postgres.Result : null;
            _azurite = azurite.IsCompletedSuccessfully ? azurite.Result : null;
        }
        await using (var connection = new NpgsqlConnection(Postgres.ConnectionString("postgres")))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE DATABASE portal", connection);
            await create.ExecuteNonQueryAsync();
        }

        Instances = [new PortalInstance("one", published.Result), new PortalInstance("two", published.Result)];
        _proxy = await ProductionProxy.StartAsync(Instances);
        var settings = Settings(redis);
        await PortalInstance.MigrateAsync(published.Result, settings);
        await Task.WhenAll(Instances.Select(i => i.StartAsync(new Dictionary<string, string>(settings)
        {
            ["Portal__DataFolder"] = Directory.CreateDirectory(Path.Combine(_secrets, "data-" + i.Name)).FullName,
        })));
        _adminKey = await SetUpAdministratorAsync();
    }

    /// <summary>What the README's production section sets, as environment variables.</summary>
    private Dictionary<string, string> Settings(string redis)
    {
        var certificate = Path.Combine(_secrets, "data-protection.pfx");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=Consortium Portal data protection", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            File.WriteAllBytes(certificate, made.Export(X509ContentType.Pfx, "key-password"));
        }
        return new Dictionary<string, string>
        {
            ["Database__Provider"] = "PostgreSql",
            ["ConnectionStrings__Portal"] = Postgres.ConnectionString("portal"),
            ["Blobs__Provider"] = "AzureBlobStorage",
            ["Blobs__Azure__ConnectionString"] = Azurite.ConnectionString,
            ["SignalR__Redis"] = redis,
            ["SignalR__RedisChannelPrefix"] = "portal-production-" + Guid.NewGuid().ToString("N")[..8],
            ["Portal__PublicBaseUrl"] = Origin,
            ["Portal__DataFolder"] = Directory.CreateDirectory(Path.Combine(_secrets, "data-migrate")).FullName,
            ["DataProtection__Certificate__Path"] = certificate,
            ["DataProtection__Certificate__Password"] = "key-password",
            ["Identity__BootstrapAdmin__Email"] = AdminEmail,
            ["Identity__BootstrapAdmin__Password"] = AdminPassword,
            // Every client of the tests signs in from the proxy's address; the limit has tests of its own.
            ["Identity__SignInRateLimit"] = "1000",
            // Jobs are picked up within a second instead of five, so the job test waits less.
            ["Jobs__QueuePollInterval"] = "00:00:01",
            // E-mails go to the site's SMTP sink, which refuses the administrator's, so that each of those fails and its
            // retries are delayed jobs (scheduled a second, then two, later): the job test counts that each ran once.
            ["Smtp__Host"] = "127.0.0.1",
            ["Smtp__Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Smtp__From"] = "Consortium Portal <portal@consortium.test>",
            ["Smtp__Security"] = "None",
            ["Smtp__Timeout"] = "00:00:05",
            ["Notifications__EmailAttempts"] = EmailAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Notifications__EmailRetryDelay"] = "00:00:01",
        };
    }

    /// <summary>A browser-like client of the public address: cookies, the portal's Origin, the proxy's certificate trusted.</summary>
    /// <param name="outer">A handler to put in front (one that records the answers, say).</param>
    public HttpClient NewClient(CookieContainer? cookies = null, DelegatingHandler? outer = null)
    {
        HttpMessageHandler handler = NewHandler(cookies ?? new CookieContainer());
        if (outer is not null)
        {
            outer.InnerHandler = handler;
            handler = outer;
        }
        var client = new HttpClient(handler) { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Add("Origin", Origin);
        return client;
    }

    /// <summary>Connects <see cref="PublicHost"/> to the proxy's loopback port and trusts exactly the proxy's certificate.</summary>
    public SocketsHttpHandler NewHandler(CookieContainer cookies)
    {
        var proxyPort = Proxy.Address.Port;
        var thumbprint = Proxy.Certificate.GetCertHashString();
        return new SocketsHttpHandler
        {
            CookieContainer = cookies,
            UseCookies = true,
            AllowAutoRedirect = false,
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, proxyPort), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            },
            SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate?.GetCertHashString() == thumbprint },
        };
    }

    /// <summary>A client whose affinity cookie pins it to <paramref name="instance"/> (new clients take the instances in turn).</summary>
    public async Task<PlacedClient> ClientOnAsync(string instance)
        => await TryClientOnAsync(instance) ?? throw new InvalidOperationException($"No new client was placed on instance {instance} in 10 tries.");

    private async Task<PlacedClient?> TryClientOnAsync(string instance)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var cookies = new CookieContainer();
            var client = NewClient(cookies);
            using var answer = await client.GetAsync("/health/live");
            if (InstanceOf(answer) == instance)
            {
                return new PlacedClient(client, cookies);
            }
            client.Dispose();
        }
        return null;
    }

    /// <summary>Which instance the proxy had answer.</summary>
    public static string? InstanceOf(HttpResponseMessage response)
        => response.Headers.TryGetValues(ProductionProxy.InstanceHeader, out var served) ? served.Single() : null;

    /// <summary>Signs the administrator in on <paramref name="client"/> with a current authenticator code.</summary>
    public async Task SignInAdministratorAsync(HttpClient client)
    {
        var code = AdministratorCode();
        var response = await client.PostAsJsonAsync("/api/account/sign-in", new { email = AdminEmail, password = AdminPassword, twoFactorCode = code });
        Assert.True(response.IsSuccessStatusCode, $"signing in: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>The administrator's authenticator code of the moment.</summary>
    public string AdministratorCode() => new Totp(Base32Encoding.ToBytes(_adminKey)).ComputeTotp();

    /// <summary>The bootstrap administrator's first sign-in: set up the authenticator, as the portal asks of administrators.</summary>
    private async Task<string> SetUpAdministratorAsync()
    {
        using var client = NewClient();
        var signIn = await client.PostAsJsonAsync("/api/account/sign-in", new { email = AdminEmail, password = AdminPassword });
        Assert.True(signIn.IsSuccessStatusCode, $"first sign-in: {(int)signIn.StatusCode} {await signIn.Content.ReadAsStringAsync()}{DescribeInstances()}");
        var status = await client.GetFromJsonAsync<JsonElement>("/api/account/two-factor");
        var key = status.GetProperty("sharedKey").GetString()!;
        var enabled = await client.PostAsJsonAsync("/api/account/two-factor/enable", new { code = new Totp(Base32Encoding.ToBytes(key)).ComputeTotp() });
        Assert.True(enabled.IsSuccessStatusCode, $"enabling two-factor sign-in: {(int)enabled.StatusCode} {await enabled.Content.ReadAsStringAsync()}");
        return key;
    }

    /// <summary>Both instances running and ready, the servers up: what every test starts from, whatever the last one stopped.</summary>
    internal async Task EnsureWholeAsync()
    {
        foreach (var instance in Instances.Where(i => !i.IsRunning))
        {
            await instance.StartAsync();
        }
        await Task.WhenAll(Instances.Select(i => i.WaitUntilReadyAsync()));
        // The proxy's active check takes an instance back within a second of its answering again.
        foreach (var instance in Instances)
        {
            await Eventually.TrueAsync(async () =>
            {
                var placed = await TryClientOnAsync(instance.Name);
                placed?.Http.Dispose();
                return placed is not null;
            }, $"the proxy to send new clients to instance {instance.Name}");
        }
    }

    internal PortalInstance Instance(string name) => Instances.Single(i => i.Name == name);

    public string DescribeInstances() => string.Concat(Instances.Select(i => i.Describe()));

    public async Task DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        foreach (var instance in Instances)
        {
            await instance.DisposeAsync();
        }
        if (_proxy is not null) await _proxy.DisposeAsync();
        if (_azurite is not null) await _azurite.DisposeAsync();
        await Smtp.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        if (_postgres is not null) await _postgres.DisposeAsync();
        try { Directory.Delete(_secrets, recursive: true); } catch (IOException) { }
    }
}

/// <summary>A client the proxy keeps on one instance, with its cookies (a hub connection of the same browser needs them).</summary>
public sealed record PlacedClient(HttpClient Http, CookieContainer Cookies);

/// <summary>The test classes share one <see cref="ProductionSite"/>: starting it is most of their time.</summary>
[CollectionDefinition(Name)]
public sealed class ProductionCollection : ICollectionFixture<ProductionSite>
{
    public const string Name = "Production shape";
}
