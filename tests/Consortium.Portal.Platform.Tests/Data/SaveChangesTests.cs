using System.Text.Json;
using Consortium.Portal.Platform.Auditing;
using Consortium.Portal.Platform.Data;
using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Platform.Events;
using Consortium.Portal.Platform.Outbox;
using Consortium.Portal.Platform.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.Platform.Tests.Data;

/// <summary>What every module's SaveChanges does: auditing fields, soft delete, concurrency stamps, outbox, audit log.</summary>
public abstract class SaveChangesTests(DatabaseProvider provider) : IAsyncLifetime
{
    private static readonly Guid CoordinatorId = Guid.Parse("0b6f7c1e-2f4a-4c55-9a3e-6d1c2b7e8f90");
    private static readonly Guid MemberId = Guid.Parse("5a8d9e2f-7c31-4b6a-8e0d-1f2a3b4c5d6e");
    private PlatformTestHost _host = default!;

    public async Task InitializeAsync() => _host = await PlatformTestHost.StartAsync(provider);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private AsyncServiceScope AsCoordinator() => _host.Scope(PlatformTestHost.User(CoordinatorId, "coordinator@kspag.example", "Coordinator"));

    private AsyncServiceScope AsMember() => _host.Scope(PlatformTestHost.User(MemberId, "member@bprg.example", "Member"));

    private static MeetingsDbContext Db(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<MeetingsDbContext>();

    private async Task<Guid> ScheduleAsync(string title = "Consortium Forum, Skopje")
    {
        await using var scope = AsCoordinator();
        var meeting = ForumMeeting.Schedule(title, new DateTime(2026, 4, 14, 8, 0, 0, DateTimeKind.Utc));
        Db(scope).Meetings.Add(meeting);
        await Db(scope).SaveChangesAsync();
        return meeting.Id;
    }

    [Fact]
    public async Task Creating_an_aggregate_records_who_created_it_and_when()
    {
        var id = await ScheduleAsync();

        await using var scope = _host.Scope();
        var meeting = await Db(scope).Meetings.SingleAsync(m => m.Id == id);
        Assert.Equal(CoordinatorId, meeting.CreatedBy);
        Assert.Equal(_host.Clock.GetUtcNow().UtcDateTime, meeting.CreatedAtUtc);
        Assert.Equal(DateTimeKind.Utc, meeting.CreatedAtUtc.Kind);
        Assert.Null(meeting.ModifiedAtUtc);
        Assert.Null(meeting.ModifiedBy);
    }

    [Fact]
    public async Task Changing_an_aggregate_records_who_changed_it_and_when_and_keeps_the_creation()
    {
        var id = await ScheduleAsync();
        var created = _host.Clock.GetUtcNow().UtcDateTime;
        _host.Clock.Advance(TimeSpan.FromHours(3));

        await using (var scope = AsMember())
        {
            var meeting = await Db(scope).Meetings.SingleAsync(m => m.Id == id);
            meeting.Rename("Consortium Forum, Ohrid");
            await Db(scope).SaveChangesAsync();
        }

        await using var read = _host.Scope();
        var saved = await Db(read).Meetings.SingleAsync(m => m.Id == id);
        Assert.Equal("Consortium Forum, Ohrid", saved.Title);
        Assert.Equal(CoordinatorId, saved.CreatedBy);
        Assert.Equal(created, saved.CreatedAtUtc);
        Assert.Equal(MemberId, saved.ModifiedBy);
        Assert.Equal(created.AddHours(3), saved.ModifiedAtUtc);
    }

    [Fact]
    public async Task Deleting_a_soft_deletable_aggregate_keeps_the_row_and_hides_it_from_queries()
    {
        var id = await ScheduleAsync();

        await using (var scope = AsMember())
        {
            var meeting = await Db(scope).Meetings.SingleAsync(m => m.Id == id);
            Db(scope).Meetings.Remove(meeting);
            await Db(scope).SaveChangesAsync();
        }

        await using var read = _host.Scope();
        Assert.False(await Db(read).Meetings.AnyAsync(m => m.Id == id));
        var kept = await Db(read).Meetings.IgnoreQueryFilters().SingleAsync(m => m.Id == id);
        Assert.True(kept.IsDeleted);
        Assert.Equal(MemberId, kept.DeletedBy);
        Assert.Equal(_host.Clock.GetUtcNow().UtcDateTime, kept.DeletedAtUtc);
    }

    [Fact]
    public async Task Saving_renews_the_concurrency_stamp()
    {
        var id = await ScheduleAsync();
        await using var scope = AsMember();
        var meeting = await Db(scope).Meetings.SingleAsync(m => m.Id == id);
        var before = meeting.ConcurrencyStamp;

        meeting.Rename("Consortium Forum, Tirana");
        await Db(scope).SaveChangesAsync();

        Assert.NotEqual(before, meeting.ConcurrencyStamp);
    }

    [Fact]
    public async Task A_write_based_on_a_stale_read_fails_with_a_concurrency_exception()
    {
        var id = await ScheduleAsync();
        await using var first = AsCoordinator();
        await using var second = AsMember();
        var mine = await Db(first).Meetings.SingleAsync(m => m.Id == id);
        var theirs = await Db(second).Meetings.SingleAsync(m => m.Id == id);

        mine.Rename("Consortium Forum, Prizren");
        await Db(first).SaveChangesAsync();
        theirs.Rename("Consortium Forum, Novi Pazar");

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => Db(second).SaveChangesAsync());
        await using var read = _host.Scope();
        Assert.Equal("Consortium Forum, Prizren", (await Db(read).Meetings.SingleAsync(m => m.Id == id)).Title);
    }

    [Fact]
    public async Task A_write_that_presents_an_old_stamp_fails_with_a_concurrency_exception()
    {
        var id = await ScheduleAsync();
        Guid stampTheClientRead;
        await using (var scope = _host.Scope())
        {
            stampTheClientRead = (await Db(scope).Meetings.AsNoTracking().SingleAsync(m => m.Id == id)).ConcurrencyStamp;
        }
        await using (var scope = AsCoordinator())
        {
            (await Db(scope).Meetings.SingleAsync(m => m.Id == id)).Rename("Consortium Forum, Gjilan");
            await Db(scope).SaveChangesAsync();
        }

        await using var api = AsMember();
        var meeting = await Db(api).Meetings.SingleAsync(m => m.Id == id);
        Db(api).Entry(meeting).Property(m => m.ConcurrencyStamp).OriginalValue = stampTheClientRead;
        meeting.Rename("Consortium Forum, Kraljevo");

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => Db(api).SaveChangesAsync());
    }

    [Fact]
    public async Task Of_two_edits_from_the_same_read_the_second_is_a_conflict_carrying_what_is_there_now()
    {
        var id = await ScheduleAsync();
        Guid stampBothRead;
        await using (var scope = _host.Scope())
        {
            stampBothRead = (await Db(scope).Meetings.AsNoTracking().SingleAsync(m => m.Id == id)).ConcurrencyStamp;
        }
        await using (var first = AsCoordinator())
        {
            var meeting = await Db(first).Meetings.SingleAsync(m => m.Id == id);
            Db(first).ExpectConcurrencyStamp(meeting, stampBothRead);
            meeting.Rename("Consortium Forum, Peja");
            await Db(first).SaveOrConflictAsync(nameof(ForumMeeting), id);
        }

        await using var second = AsMember();
        var theirs = await Db(second).Meetings.SingleAsync(m => m.Id == id);
        Db(second).ExpectConcurrencyStamp(theirs, stampBothRead);
        theirs.Rename("Consortium Forum, Kraljevo");
        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Db(second).SaveOrConflictAsync(nameof(ForumMeeting), id,
            async ct => (await Db(second).Meetings.AsNoTracking().SingleAsync(m => m.Id == id, ct)).Title));

        Assert.Equal("Consortium Forum, Peja", conflict.Current);
        // The loser's tracked change is forgotten, so nothing later in the same scope can save it by accident.
        Assert.Empty(Db(second).ChangeTracker.Entries());
        await using var read = _host.Scope();
        Assert.Equal("Consortium Forum, Peja", (await Db(read).Meetings.SingleAsync(m => m.Id == id)).Title);
    }

    [Fact]
    public async Task An_old_stamp_is_refused_even_when_the_edit_changes_nothing_on_the_aggregates_own_row()
    {
        // Edits that touch only an aggregate's children or owned values leave its row unmodified; the stamp check must
        // still run, or such an edit would overwrite a newer one silently.
        var id = await ScheduleAsync();
        Guid stale;
        await using (var scope = _host.Scope())
        {
            stale = (await Db(scope).Meetings.AsNoTracking().SingleAsync(m => m.Id == id)).ConcurrencyStamp;
        }
        await using (var scope = AsCoordinator())
        {
            (await Db(scope).Meetings.SingleAsync(m => m.Id == id)).Rename("Consortium Forum, Ferizaj");
            await Db(scope).SaveChangesAsync();
        }

        await using var api = AsMember();
        var meeting = await Db(api).Meetings.SingleAsync(m => m.Id == id);
        Db(api).ExpectConcurrencyStamp(meeting, stale);

        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Db(api).SaveOrConflictAsync(nameof(ForumMeeting), id));
        Assert.Null(conflict.Current);
    }

    [Fact]
    public async Task Events_an_aggregate_raises_are_in_the_outbox_after_the_same_SaveChanges()
    {
        var id = await ScheduleAsync("Roundtable, North Mitrovica");

        await using var scope = _host.Scope();
        var message = await Db(scope).Outbox.SingleAsync();
        Assert.Equal("tests.forum-meeting-scheduled", message.EventName);
        var payload = JsonSerializer.Deserialize<ForumMeetingScheduled>(message.Payload, IntegrationEventNames.JsonOptions)!;
        Assert.Equal(id, payload.MeetingId);
        Assert.Equal("Roundtable, North Mitrovica", payload.Title);
        Assert.Null(message.ProcessedAtUtc);
        Assert.Equal(_host.Clock.GetUtcNow().UtcDateTime, message.NextAttemptAtUtc);
    }

    [Fact]
    public async Task Events_of_a_SaveChanges_that_fails_are_not_in_the_outbox()
    {
        await ScheduleAsync("Roundtable, Peja");

        await using (var scope = AsCoordinator())
        {
            // The unique title makes the insert fail after the outbox row was added to the same transaction.
            Db(scope).Meetings.Add(ForumMeeting.Schedule("Roundtable, Peja", new DateTime(2026, 5, 5, 9, 0, 0, DateTimeKind.Utc)));
            await Assert.ThrowsAsync<DbUpdateException>(() => Db(scope).SaveChangesAsync());
        }

        await using var read = _host.Scope();
        Assert.Equal(1, await Db(read).Outbox.CountAsync());
        Assert.Equal(1, await Db(read).Meetings.CountAsync());
    }

    [Fact]
    public async Task Events_of_a_change_refused_for_concurrency_are_not_in_the_outbox()
    {
        var id = await ScheduleAsync();
        await using var first = AsCoordinator();
        await using var second = AsMember();
        var mine = await Db(first).Meetings.SingleAsync(m => m.Id == id);
        var theirs = await Db(second).Meetings.SingleAsync(m => m.Id == id);
        mine.Rename("Consortium Forum, Belgrade");
        await Db(first).SaveChangesAsync();

        theirs.MoveTo(new DateTime(2026, 4, 15, 8, 0, 0, DateTimeKind.Utc));
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => Db(second).SaveChangesAsync());

        await using var read = _host.Scope();
        Assert.False(await Db(read).Outbox.AnyAsync(m => m.EventName == "tests.forum-meeting-moved"));
    }

    [Fact]
    public async Task Events_published_through_the_publisher_are_written_by_the_next_SaveChanges()
    {
        await using (var scope = AsCoordinator())
        {
            scope.ServiceProvider.GetRequiredService<IIntegrationEventPublisher>()
                .Publish(new ForumMeetingMoved(Guid.NewGuid(), new DateTime(2026, 6, 1, 8, 0, 0, DateTimeKind.Utc)));
            var invitation = new MeetingInvitation { MeetingId = Guid.NewGuid(), Email = "guest@journalists.example", TokenHash = "c2VjcmV0" };
            Db(scope).Invitations.Add(invitation);
            await Db(scope).SaveChangesAsync();
        }

        await using var read = _host.Scope();
        Assert.Equal("tests.forum-meeting-moved", (await Db(read).Outbox.SingleAsync()).EventName);
    }

    [Fact]
    public async Task Every_entity_change_writes_an_audit_line_with_who_what_and_from_where()
    {
        var id = await ScheduleAsync();
        await using (var scope = AsMember())
        {
            var meeting = await Db(scope).Meetings.SingleAsync(m => m.Id == id);
            _host.Clock.Advance(TimeSpan.FromMinutes(1));
            meeting.Rename("Consortium Forum, Ferizaj");
            await Db(scope).SaveChangesAsync();
            _host.Clock.Advance(TimeSpan.FromMinutes(1));
            Db(scope).Meetings.Remove(meeting);
            await Db(scope).SaveChangesAsync();
        }

        await using var read = _host.Scope();
        var lines = await Db(read).AuditLog.Where(a => a.EntityId == id.ToString()).OrderBy(a => a.AtUtc).ToListAsync();
        Assert.Equal(["ForumMeeting.created", "ForumMeeting.updated", "ForumMeeting.deleted"], lines.Select(l => l.Action));
        Assert.All(lines, l => Assert.Equal("ForumMeeting", l.EntityType));
        Assert.Equal(CoordinatorId, lines[0].UserId);
        Assert.Equal("coordinator@kspag.example", lines[0].UserName);
        Assert.Equal(MemberId, lines[1].UserId);
        Assert.Contains("Consortium Forum, Ferizaj", lines[1].Details);
        Assert.Contains("\"property\":\"Title\"", lines[1].Details);
    }

    [Fact]
    public async Task Secret_values_never_reach_the_audit_log()
    {
        var invitation = new MeetingInvitation { MeetingId = Guid.NewGuid(), Email = "expert@bcsp.example", TokenHash = "b2xkLXRva2VuLWhhc2g" };
        await using (var scope = AsCoordinator())
        {
            Db(scope).Invitations.Add(invitation);
            await Db(scope).SaveChangesAsync();
            invitation.TokenHash = "bmV3LXRva2VuLWhhc2g";
            invitation.Email = "expert@bcsp.example.org";
            await Db(scope).SaveChangesAsync();
        }

        await using var read = _host.Scope();
        var update = await Db(read).AuditLog.SingleAsync(a => a.Action == "MeetingInvitation.updated");
        Assert.Contains("\"property\":\"TokenHash\"", update.Details);
        Assert.Contains("expert@bcsp.example.org", update.Details);
        var everything = string.Join("\n", await Db(read).AuditLog.Select(a => a.Details ?? "").ToListAsync());
        Assert.DoesNotContain("b2xkLXRva2VuLWhhc2g", everything);
        Assert.DoesNotContain("bmV3LXRva2VuLWhhc2g", everything);
        Assert.DoesNotContain(invitation.ConcurrencyStamp.ToString(), everything);
    }

    [Fact]
    public async Task The_audit_log_service_writes_what_is_not_an_entity_change()
    {
        await using (var scope = AsCoordinator())
        {
            await scope.ServiceProvider.GetRequiredService<IAuditLog>()
                .WriteAsync(new AuditRecord("identity.sign-in.failed", "PortalUser", "member@bprg.example", "wrong password"));
        }

        await using var read = _host.Scope();
        var line = await Db(read).AuditLog.SingleAsync(a => a.Action == "identity.sign-in.failed");
        Assert.Equal(CoordinatorId, line.UserId);
        Assert.Equal("coordinator@kspag.example", line.UserName);
        Assert.Equal("PortalUser", line.EntityType);
        Assert.Equal("member@bprg.example", line.EntityId);
        Assert.Equal("wrong password", line.Details);
        Assert.Equal(_host.Clock.GetUtcNow().UtcDateTime, line.AtUtc);
    }
}

public sealed class SaveChangesTests_Sqlite() : SaveChangesTests(DatabaseProvider.Sqlite);

public sealed class SaveChangesTests_PostgreSql() : SaveChangesTests(DatabaseProvider.PostgreSql);
