using Consortium.Portal.Notifications.Delivery;
using Consortium.Portal.Notifications.Tests.Infrastructure;

namespace Consortium.Portal.Notifications.Tests;

public sealed class NotificationTypeRegistryTests
{
    private static readonly NotificationTypeDefinition ReviewRequested = new(
        "documents.review-requested", typeof(DocumentsTestResource), "Review:Title", "Review:Body",
        requiredParameters: ["documentTitle", "requestedBy"], defaultDelivery: NotificationDelivery.EmailImmediately, optionalParameters: ["dueDate"]);

    private static readonly NotificationTypeRegistry Registry = new([ReviewRequested]);

    private static NotificationRequest Request(Dictionary<string, string>? parameters = null, string? link = "/documents/42", params Guid[] recipients)
        => new("documents.review-requested", recipients.Length == 0 ? [Guid.NewGuid()] : recipients,
            parameters ?? new Dictionary<string, string> { ["documentTitle"] = "Perspectives of Kosovo Serbs", ["requestedBy"] = "Jelena" }, link);

    [Fact]
    public void A_request_that_fits_its_type_is_accepted()
    {
        Assert.Same(ReviewRequested, Registry.Check(Request()));
    }

    [Fact]
    public void An_unknown_type_is_refused_naming_the_known_ones()
    {
        var refusal = Assert.Throws<InvalidNotificationException>(() => Registry.Check(Request() with { Type = "documents.reviewed" }));

        Assert.Contains("'documents.reviewed' is not defined", refusal.Message);
        Assert.Contains("documents.review-requested", refusal.Message);
    }

    [Fact]
    public void Actions_need_a_label_key_and_a_portal_path_and_are_few()
    {
        Assert.Same(ReviewRequested, Registry.Check(Request() with { Actions = [new NotificationAction("Review:Accept", "/documents/42?accept=yes")] }));
        Assert.Equal("/documents/42?accept=yes", (Request(link: null) with { Actions = [new NotificationAction("Review:Accept", "/documents/42?accept=yes")] }).PrimaryLink);

        Assert.Throws<InvalidNotificationException>(() => Registry.Check(Request() with { Actions = [new NotificationAction("Review:Accept", "https://evil.example/")] }));
        Assert.Throws<InvalidNotificationException>(() => Registry.Check(Request() with { Actions = [new NotificationAction(" ", "/documents/42")] }));
        Assert.Throws<InvalidNotificationException>(() => Registry.Check(Request() with
        {
            Actions = [.. Enumerable.Range(0, NotificationRequest.MaxActions + 1).Select(i => new NotificationAction("Review:Accept", $"/documents/{i}"))],
        }));
    }

    [Fact]
    public void A_missing_required_parameter_is_refused_by_name()
    {
        var refusal = Assert.Throws<InvalidNotificationException>(() => Registry.Check(Request(new() { ["documentTitle"] = "Draft", ["requestedBy"] = " " })));

        Assert.Contains("needs the parameter(s) requestedBy", refusal.Message);
    }

    [Fact]
    public void A_required_parameter_may_be_a_text_key_to_translate()
    {
        var type = Registry.Check(Request(new() { ["documentTitle"] = "Draft", ["requestedBy" + NotificationTypeDefinition.TranslatedSuffix] = "Member:Unknown" }));

        Assert.NotNull(type);
        Assert.Throws<InvalidNotificationException>(() => Registry.Check(Request(new() { ["documentTitle"] = "Draft", ["nobody:t"] = "Member:Unknown", ["requestedBy"] = "Ana" })));
    }

    [Fact]
    public void A_parameter_may_be_given_in_the_working_languages_besides_the_plain_value_it_still_needs()
    {
        Registry.Check(Request(new() { ["documentTitle"] = "Review", ["documentTitle@sq"] = "Shqyrtimi", ["documentTitle@sr-Cyrl"] = "Преглед", ["requestedBy"] = "Ana" }));

        Assert.Throws<InvalidNotificationException>(() => Registry.Check(Request(new() { ["documentTitle@sq"] = "Shqyrtimi", ["requestedBy"] = "Ana" })));
        var refusal = Assert.Throws<InvalidNotificationException>(() => Registry.Check(Request(new() { ["documentTitle"] = "Review", ["documentTitle@de"] = "Prüfung", ["requestedBy"] = "Ana" })));
        Assert.Contains("documentTitle@de", refusal.Message);
        Assert.Throws<InvalidNotificationException>(() => Registry.Check(Request(new() { ["documentTitle"] = "Review", ["nobody@sq"] = "Askush", ["requestedBy"] = "Ana" })));
    }

    [Fact]
    public void A_parameter_the_type_does_not_have_is_refused()
    {
        var refusal = Assert.Throws<InvalidNotificationException>(() => Registry.Check(Request(new()
        {
            ["documentTitle"] = "Draft", ["requestedBy"] = "Jelena", ["documentTitel"] = "typo",
        })));

        Assert.Contains("has no parameter(s) documentTitel", refusal.Message);
    }

    [Fact]
    public void An_optional_parameter_may_be_given_or_not()
    {
        Registry.Check(Request(new() { ["documentTitle"] = "Draft", ["requestedBy"] = "Jelena", ["dueDate"] = "2026-03-01" }));
        Registry.Check(Request());
    }

    [Theory]
    [InlineData("https://elsewhere.example/phish")]
    [InlineData("//elsewhere.example")]
    [InlineData("/\\elsewhere.example")]
    [InlineData("documents/42")]
    [InlineData("/documents/42\n")]
    public void A_link_that_leaves_the_portal_is_refused(string link)
    {
        Assert.Throws<InvalidNotificationException>(() => Registry.Check(Request(link: link)));
    }

    [Fact]
    public void The_empty_user_id_is_not_a_recipient()
    {
        Assert.Throws<InvalidNotificationException>(() => Registry.Check(Request(recipients: [Guid.NewGuid(), Guid.Empty])));
    }

    [Fact]
    public void Two_modules_defining_the_same_type_stop_the_start()
    {
        var copy = new NotificationTypeDefinition("documents.review-requested", typeof(DocumentsTestResource), "A", "B");

        var failure = Assert.Throws<InvalidOperationException>(() => new NotificationTypeRegistry([ReviewRequested, copy]));

        Assert.Contains("defined twice", failure.Message);
    }

    [Theory]
    [InlineData("review-requested")]
    [InlineData("Documents.ReviewRequested")]
    [InlineData("documents.")]
    [InlineData("documents review")]
    public void A_type_name_must_be_module_dot_kind_in_lower_case(string name)
    {
        Assert.Throws<ArgumentException>(() => new NotificationTypeDefinition(name, typeof(DocumentsTestResource), "A", "B"));
    }

    [Fact]
    public void A_type_knows_its_module_and_its_placeholder_order()
    {
        Assert.Equal("documents", ReviewRequested.Module);
        Assert.Equal(["documentTitle", "requestedBy", "dueDate"], ReviewRequested.Parameters);
        Assert.Equal("NotificationType:documents.review-requested", ReviewRequested.DisplayNameKey);
        Assert.Equal("NotificationModule:documents", ReviewRequested.ModuleDisplayNameKey);
    }
}
