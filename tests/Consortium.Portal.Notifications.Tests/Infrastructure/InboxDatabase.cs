using Consortium.Portal.Notifications.Data;
using Consortium.Portal.Notifications.Domain;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Consortium.Portal.Notifications.Tests.Infrastructure;

/// <summary>The module's tables in an in-memory SQLite database, kept while the test runs.</summary>
public sealed class InboxDatabase : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    public InboxDatabase()
    {
        _connection.Open();
        using var db = Context();
        db.Database.EnsureCreated();
    }

    /// <summary>A context on the database; its saves go through <paramref name="interceptors"/> (a test holding them).</summary>
    public NotificationsDbContext Context(params Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor[] interceptors)
        => new(new DbContextOptionsBuilder<NotificationsDbContext>().UseSqlite(_connection).AddInterceptors(interceptors).Options);

    public async Task<Notification> AddAsync(Guid recipientId, NotificationTypeDefinition type, NotificationDelivery delivery, DateTime createdAtUtc, string subject)
    {
        await using var db = Context();
        var notification = new Notification(recipientId, type,
            new Dictionary<string, string> { ["sender"] = "Coordinator", ["subject"] = subject, ["message"] = "About " + subject },
            "/meetings/7", Guid.NewGuid(), createdAtUtc, createdAtUtc, delivery);
        db.Notifications.Add(notification);
        await db.SaveChangesAsync();
        return notification;
    }

    public void Dispose() => _connection.Dispose();
}
