using Consortium.Portal.Notifications.Delivery;
using Consortium.Portal.Notifications.Domain;
using Consortium.Portal.Notifications.Email;
using Consortium.Portal.Notifications.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Directory = Consortium.Portal.Notifications.Tests.Infrastructure.Directory;
using Microsoft.Extensions.Time.Testing;

namespace Consortium.Portal.Notifications.Tests;

public sealed class DailyDigestJobTests : IDisposable
{
    private static readonly NotificationTypeDefinition Announcement = NotificationTypes.Announcement;

    private readonly InboxDatabase _database = new();
    private readonly Directory _directory = new();
    private readonly Mailbox _mailbox = new();
    // 06:30 UTC on a winter day: 07:30 in Belgrade, 01:30 in New York.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 14, 6, 30, 0, TimeSpan.Zero));

    private async Task RunAsync()
    {
        await using var db = _database.Context();
        var renderer = new NotificationRenderer(new NotificationTypeRegistry([Announcement]), new ModuleTexts());
        var emails = new NotificationEmails(renderer, new ModuleTexts(), new ConfigurationBuilder().AddInMemoryCollection(
            new Dictionary<string, string?> { ["Portal:PublicBaseUrl"] = "https://portal.kspag.example" }).Build());
        var job = new DailyDigestJob(db, new RecipientDirectory(_directory, new Microsoft.Extensions.Caching.Memory.MemoryCache(new Microsoft.Extensions.Caching.Memory.MemoryCacheOptions())), emails, _mailbox,
            Options.Create(new NotificationsOptions { DigestHour = 7 }), _clock, NullLogger<DailyDigestJob>.Instance);
        await job.RunAsync(CancellationToken.None);
    }

    private async Task<List<Notification>> NotificationsOfAsync(Guid userId)
    {
        await using var db = _database.Context();
        return await db.Notifications.Where(n => n.RecipientId == userId).OrderBy(n => n.CreatedAtUtc).ToListAsync();
    }

    [Fact]
    public async Task A_user_whose_clock_reached_the_digest_hour_gets_one_digest_of_what_they_have_not_read()
    {
        var belgrade = _directory.Add("ana@bfpe.example", "sq", "Europe/Belgrade");
        await _database.AddAsync(belgrade.Id, Announcement, NotificationDelivery.DailyDigest, _clock.GetUtcNow().UtcDateTime.AddHours(-20), "Forum agenda");
        await _database.AddAsync(belgrade.Id, Announcement, NotificationDelivery.DailyDigest, _clock.GetUtcNow().UtcDateTime.AddHours(-2), "Minutes approved");

        await RunAsync();

        var digest = Assert.Single(_mailbox.Sent);
        Assert.Equal("ana@bfpe.example", digest.To);
        Assert.Equal("Përmbledhja juaj ditore: 2 njoftim(e) të reja", digest.Subject);
        Assert.Contains("Lajmërim nga Coordinator: Forum agenda", digest.TextBody);
        Assert.Contains("Lajmërim nga Coordinator: Minutes approved", digest.TextBody);
        Assert.Contains("https://portal.kspag.example/notifications/preferences", digest.TextBody);
        Assert.All(await NotificationsOfAsync(belgrade.Id), n => Assert.Equal(EmailState.Sent, n.EmailState));
    }

    [Fact]
    public async Task A_user_whose_clock_has_not_reached_the_digest_hour_waits()
    {
        var newYork = _directory.Add("sam@ny.example", "en", "America/New_York");
        await _database.AddAsync(newYork.Id, Announcement, NotificationDelivery.DailyDigest, _clock.GetUtcNow().UtcDateTime.AddHours(-3), "Seminar");

        await RunAsync();

        Assert.Empty(_mailbox.Sent);
        Assert.Equal(EmailState.Pending, (await NotificationsOfAsync(newYork.Id)).Single().EmailState);
    }

    [Fact]
    public async Task The_next_hourly_runs_of_the_same_day_send_no_second_digest()
    {
        var user = _directory.Add("ana@bfpe.example");
        await _database.AddAsync(user.Id, Announcement, NotificationDelivery.DailyDigest, _clock.GetUtcNow().UtcDateTime.AddHours(-1), "First");
        await RunAsync();
        await _database.AddAsync(user.Id, Announcement, NotificationDelivery.DailyDigest, _clock.GetUtcNow().UtcDateTime.AddMinutes(10), "Later that day");

        _clock.Advance(TimeSpan.FromHours(1));
        await RunAsync();
        _clock.Advance(TimeSpan.FromHours(23));
        await RunAsync();

        Assert.Equal(2, _mailbox.Sent.Count);
        Assert.Contains("Later that day", _mailbox.Sent[1].TextBody);
        Assert.DoesNotContain("First", _mailbox.Sent[1].TextBody);
    }

    [Fact]
    public async Task What_was_read_in_the_portal_is_left_out_of_the_digest()
    {
        var user = _directory.Add("ana@bfpe.example");
        var read = await _database.AddAsync(user.Id, Announcement, NotificationDelivery.DailyDigest, _clock.GetUtcNow().UtcDateTime.AddHours(-5), "Already seen");
        await _database.AddAsync(user.Id, Announcement, NotificationDelivery.DailyDigest, _clock.GetUtcNow().UtcDateTime.AddHours(-4), "Not yet seen");
        await using (var db = _database.Context())
        {
            (await db.Notifications.SingleAsync(n => n.Id == read.Id)).MarkRead(_clock.GetUtcNow().UtcDateTime.AddHours(-3));
            await db.SaveChangesAsync();
        }

        await RunAsync();

        var digest = Assert.Single(_mailbox.Sent);
        Assert.DoesNotContain("Already seen", digest.TextBody);
        Assert.Contains("Not yet seen", digest.TextBody);
        Assert.Equal([EmailState.ReadBeforeDigest, EmailState.Sent], (await NotificationsOfAsync(user.Id)).Select(n => n.EmailState));
    }

    [Fact]
    public async Task A_failed_digest_is_tried_again_the_next_hour()
    {
        var user = _directory.Add("ana@bfpe.example");
        await _database.AddAsync(user.Id, Announcement, NotificationDelivery.DailyDigest, _clock.GetUtcNow().UtcDateTime.AddHours(-1), "Retry me");
        _mailbox.Failure = new IOException("SMTP server unreachable");
        await RunAsync();
        _mailbox.Failure = null;

        _clock.Advance(TimeSpan.FromHours(1));
        await RunAsync();

        Assert.Contains("Retry me", Assert.Single(_mailbox.Sent).TextBody);
    }

    [Fact]
    public async Task A_user_without_an_address_keeps_the_items_in_the_portal_only()
    {
        var user = _directory.Add("");
        await _database.AddAsync(user.Id, Announcement, NotificationDelivery.DailyDigest, _clock.GetUtcNow().UtcDateTime.AddHours(-1), "No address");

        await RunAsync();

        Assert.Empty(_mailbox.Sent);
        Assert.Equal(EmailState.NoAddress, (await NotificationsOfAsync(user.Id)).Single().EmailState);
    }

    public void Dispose() => _database.Dispose();
}
