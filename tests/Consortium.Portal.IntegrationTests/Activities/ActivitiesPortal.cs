using System.Collections.Concurrent;
using Consortium.Portal.Activities.Data;
using Consortium.Portal.Activities.Domain;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.IntegrationTests.Platform;
using Consortium.Portal.Platform.Mail;
using Consortium.Portal.Platform.Outbox;
using Consortium.Portal.Platform.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Consortium.Portal.IntegrationTests.Activities;

/// <summary>
/// The portal with a clock the tests move (the plan runs 2026–2028; the clock starts in March 2027), e-mail kept in
/// memory, and a registration rate limit high enough for the concurrency test.
/// </summary>
public abstract class ActivitiesPortal<TDatabase> : PlatformPortal<TDatabase> where TDatabase : PortalAppFactory, new()
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2027, 3, 1, 8, 0, 0, TimeSpan.Zero)) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(1) };

    public SentMail Mail { get; } = new();

    /// <summary>Holds a save of an event's changes while a test looks at the page that sent it.</summary>
    public EventSaveHold Saves { get; } = new();

    protected override void ConfigureSettings(IWebHostBuilder builder)
        => builder.UseSetting("Activities:RegistrationsPerMinute", "100000");

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.ConfigureDbContext<ActivitiesDbContext>(options => options.AddInterceptors(Saves));
        services.RemoveAll<TimeProvider>();
        services.AddSingleton<TimeProvider>(Clock);
        services.RemoveAll<IEmailSender>();
        services.AddSingleton<IEmailSender>(Mail);
    }

    /// <summary>Runs the outbox until nothing is due: registrants' e-mails are sent from there.</summary>
    public async Task DeliverAsync()
    {
        var dispatcher = App.Services.GetRequiredService<OutboxDispatcher>();
        while (await dispatcher.DispatchPendingAsync() > 0)
        {
        }
    }

    /// <summary>A signed-in user of a partner organisation (its id in the partner claim).</summary>
    /// <param name="userId">A user of the database (a demo user), for what looks users up (workspace access); a new id otherwise.</param>
    public HttpClient StaffOf(Guid partnerId, string role = PortalRoles.Member, Guid? userId = null)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Add(TestSignInHandler.Header, TestSignInHandler.Value(userId ?? Guid.NewGuid(), $"{partnerId:N}@kspag.example", role,
            new Dictionary<string, string> { [PortalClaimTypes.PartnerOrganisationId] = partnerId.ToString() }));
        return client;
    }
}

/// <summary>
/// Holds the next save that changes an event (the event itself, or an output, resource or photo of it) until the test
/// lets it go, as a loaded server keeps a save waiting: a page's send is then on its way for as long as the test
/// needs. Every other save passes.
/// </summary>
public sealed class EventSaveHold : SaveChangesInterceptor
{
    private Armed? _armed;

    public HeldSave HoldNext(Guid eventId)
    {
        var held = new HeldSave();
        Volatile.Write(ref _armed, new Armed(eventId, held));
        return held;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _armed) is { } armed
            && eventData.Context?.ChangeTracker.Entries().Any(e => Changes(e, armed.EventId)) == true
            && Interlocked.CompareExchange(ref _armed, null, armed) == armed)
        {
            armed.Held.Reached.TrySetResult();
            await armed.Held.Released.Task.WaitAsync(cancellationToken);
        }
        return result;
    }

    private static bool Changes(EntityEntry entry, Guid eventId)
        => entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
           && (entry.Entity is ActivityEvent evt
               ? evt.Id == eventId
               : entry.Metadata.FindProperty("EventId") is { } property && Equals(entry.CurrentValues[property], eventId));

    public sealed class HeldSave
    {
        /// <summary>Done once the held save has begun.</summary>
        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed record Armed(Guid EventId, HeldSave Held);
}

/// <summary>E-mail as it would have been sent.</summary>
public sealed class SentMail : IEmailSender
{
    public ConcurrentQueue<EmailMessage> Messages { get; } = new();

    /// <summary>While true, the mail server is down: every send throws, as SMTP does.</summary>
    public bool Down { get; set; }

    public Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        if (Down)
        {
            throw new System.Net.Mail.SmtpException("The mail server is not answering.");
        }
        Messages.Enqueue(message);
        return Task.CompletedTask;
    }

    public IReadOnlyList<EmailMessage> To(string address) => Messages.Where(m => m.To == address).ToList();
}

public sealed class ActivitiesSqlitePortal : ActivitiesPortal<SqlitePortal>;

public sealed class ActivitiesPostgreSqlPortal : ActivitiesPortal<PostgreSqlPortal>;
