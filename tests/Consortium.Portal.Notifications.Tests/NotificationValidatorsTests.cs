using System.Security.Claims;
using Consortium.Portal.Identity;
using Consortium.Portal.Notifications.Api;
using Consortium.Portal.Notifications.Delivery;
using Consortium.Portal.Notifications.Tests.Infrastructure;
using Consortium.Portal.Platform;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Platform.Validation;
using Consortium.Portal.Tests;
using Microsoft.Extensions.Caching.Memory;

namespace Consortium.Portal.Notifications.Tests;

public sealed class InboxQueryValidatorTests
{
    private static (bool Ok, InboxQuery Query, IReadOnlyDictionary<string, string[]> Errors) Check(InboxQueryParameters parameters)
    {
        var result = new InboxQueryValidator(new KeyLocalizer<PlatformResource>(), new KeyLocalizer<NotificationsResource>()).Validate(parameters);
        return (result.IsValid, result.IsValid ? parameters.ToQuery() : default!, RequestValidation.ToFieldErrors(result));
    }

    [Fact]
    public void No_parameters_mean_the_first_page_of_everything()
    {
        var (ok, query, _) = Check(new InboxQueryParameters());

        Assert.True(ok);
        Assert.Equal(new InboxQuery(1, InboxQuery.DefaultPageSize), query);
    }

    [Fact]
    public void Every_filter_is_read()
    {
        var id = Guid.NewGuid();
        var (ok, query, _) = Check(new InboxQueryParameters { Page = "2", PageSize = "200", Module = " documents ", Type = "documents.review-due", Unread = "true", After = id.ToString() });

        Assert.True(ok);
        Assert.Equal(new InboxQuery(2, 200, "documents", "documents.review-due", true, new InboxCursor(id, null)), query);
    }

    [Fact]
    public void An_instant_is_a_cursor_in_utc()
    {
        var (ok, query, _) = Check(new InboxQueryParameters { After = "2026-03-01T09:00:00+01:00" });

        Assert.True(ok);
        Assert.Equal(new InboxCursor(null, new DateTime(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc)), query.After);
    }

    [Fact]
    public void Each_bad_value_gets_its_own_error_with_the_inbox_cap()
    {
        var (ok, _, errors) = Check(new InboxQueryParameters
        {
            Page = "0", PageSize = "201", Unread = "maybe", After = "yesterday", Module = new string('m', NotificationTypeDefinition.MaxNameLength + 1),
        });

        Assert.False(ok);
        Assert.Equal(["after", "module", "page", "pageSize", "unread"], errors.Keys.Order());
        Assert.Equal([$"Validation:PageSize({InboxQuery.MaxPageSize})"], errors["pageSize"]);
        Assert.Equal(["Validation:After"], errors["after"]);
    }

    [Fact]
    public void A_page_past_what_any_database_can_skip_is_refused()
    {
        var (ok, _, errors) = Check(new InboxQueryParameters { Page = int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture), PageSize = "200" });

        Assert.False(ok);
        Assert.Equal(["page"], errors.Keys);
    }
}

public sealed class AnnouncementInputValidatorTests
{
    private readonly Infrastructure.Directory _users = new();

    private sealed class Caller(string role, Guid? partner) : ICurrentUser
    {
        public bool IsAuthenticated => true;
        public Guid? Id { get; } = Guid.NewGuid();
        public string? UserName => "caller";
        public Guid? PartnerOrganisationId => partner;
        public IReadOnlyList<string> Roles => [role];
        public ClaimsPrincipal Principal => new(new ClaimsIdentity("test"));
        public bool IsInRole(string r) => r == role;
    }

    private async Task<IReadOnlyDictionary<string, string[]>> ErrorsAsync(AnnouncementInput input, ICurrentUser caller)
    {
        var directory = new RecipientDirectory(_users, new MemoryCache(new MemoryCacheOptions()));
        var result = await new AnnouncementInputValidator(new KeyLocalizer<NotificationsResource>(), new KeyLocalizer<PlatformResource>(), directory, caller).ValidateAsync(input);
        return RequestValidation.ToFieldErrors(result);
    }

    private PortalUserDto Staff(Guid? partner)
    {
        var user = _users.Add($"{Guid.NewGuid():N}@example.org") with { PartnerOrganisationId = partner };
        _users.Users[user.Id] = user;
        return user;
    }

    [Fact]
    public async Task A_coordinator_writes_to_anyone_known()
    {
        var errors = await ErrorsAsync(new AnnouncementInput("Meeting", "Friday", [Staff(Guid.NewGuid()).Id, Staff(null).Id], "/workspaces"),
            new Caller(PortalRoles.Coordinator, null));

        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_subject_that_breaks_the_line_is_refused_while_a_message_may_break_lines()
    {
        var forged = await ErrorsAsync(new AnnouncementInput("Meeting\r\ninfo: Consortium.Portal[0] admin granted", "Friday\r\nat ten", [Staff(null).Id], null),
            new Caller(PortalRoles.Coordinator, null));
        var bell = await ErrorsAsync(new AnnouncementInput("Meeting", "Friday\u0007", [Staff(null).Id], null), new Caller(PortalRoles.Coordinator, null));

        Assert.Equal(["subject"], forged.Keys);
        Assert.Equal(["Validation:ControlCharacters"], forged["subject"]);
        Assert.Equal(["message"], bell.Keys);
        Assert.Equal(["Validation:ControlCharactersInText"], bell["message"]);
    }

    [Fact]
    public async Task Blank_texts_a_foreign_link_and_unknown_people_each_get_an_error()
    {
        var errors = await ErrorsAsync(new AnnouncementInput(" ", null, [Guid.NewGuid()], "https://elsewhere.example"), new Caller(PortalRoles.Coordinator, null));

        Assert.Equal(["link", "message", "recipientIds", "subject"], errors.Keys.Order());
        Assert.Equal(["Validation:Required"], errors["subject"]);
        Assert.Equal(["Validation:UnknownRecipients(1)"], errors["recipientIds"]);
    }

    [Fact]
    public async Task Too_long_texts_and_no_one_to_write_to_are_refused()
    {
        var errors = await ErrorsAsync(new AnnouncementInput(new string('s', AnnouncementInputValidator.MaxSubjectLength + 1), "Hello", [], null),
            new Caller(PortalRoles.Coordinator, null));

        Assert.Equal([$"Validation:TooLong({AnnouncementInputValidator.MaxSubjectLength})"], errors["subject"]);
        Assert.Equal(["Validation:NoRecipients"], errors["recipientIds"]);
    }

    [Fact]
    public async Task A_partner_lead_writes_only_to_the_staff_of_their_own_partner()
    {
        var partner = Guid.NewGuid();
        var lead = new Caller(PortalRoles.PartnerLead, partner);

        Assert.Empty(await ErrorsAsync(new AnnouncementInput("Staff", "Friday", [Staff(partner).Id], null), lead));
        Assert.Equal(["Validation:OwnPartnerOnly"], (await ErrorsAsync(new AnnouncementInput("Staff", "Friday", [Staff(Guid.NewGuid()).Id], null), lead))["recipientIds"]);
        Assert.Equal(["Validation:OwnPartnerOnly"], (await ErrorsAsync(new AnnouncementInput("Staff", "Friday", [Staff(null).Id], null), lead))["recipientIds"]);
    }
}

public sealed class NotificationPreferencesUpdateValidatorTests
{
    private static IReadOnlyDictionary<string, string[]> Errors(IReadOnlyDictionary<string, NotificationDelivery>? deliveries)
    {
        var validator = new NotificationPreferencesUpdateValidator(new KeyLocalizer<NotificationsResource>(), new NotificationTypeRegistry([NotificationTypes.Announcement]));
        return RequestValidation.ToFieldErrors(validator.Validate(new NotificationPreferencesUpdate(deliveries)));
    }

    [Fact]
    public void A_known_type_with_a_delivery_is_accepted()
    {
        Assert.Empty(Errors(new Dictionary<string, NotificationDelivery> { [NotificationTypes.Announcement.Name] = NotificationDelivery.Off }));
    }

    [Fact]
    public void A_change_names_at_least_one_type()
    {
        Assert.Equal(["Validation:NoPreferences"], Errors(null)["deliveries"]);
        Assert.Equal(["Validation:NoPreferences"], Errors(new Dictionary<string, NotificationDelivery>())["deliveries"]);
    }

    [Fact]
    public void Unknown_types_and_deliveries_are_named_by_their_type()
    {
        var errors = Errors(new Dictionary<string, NotificationDelivery>
        {
            ["documents.nothing-like-this"] = NotificationDelivery.InApp,
            [NotificationTypes.Announcement.Name] = (NotificationDelivery)42,
        });

        Assert.Equal(["deliveries.documents.nothing-like-this", "deliveries.notifications.announcement"], errors.Keys.Order());
        Assert.Equal(["Validation:UnknownType"], errors["deliveries.documents.nothing-like-this"]);
        Assert.Equal(["Validation:Delivery"], errors["deliveries.notifications.announcement"]);
    }
}
