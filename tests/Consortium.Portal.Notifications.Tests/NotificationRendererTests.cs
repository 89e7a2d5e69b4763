using System.Globalization;
using Consortium.Portal.Notifications.Delivery;
using Consortium.Portal.Notifications.Tests.Infrastructure;

namespace Consortium.Portal.Notifications.Tests;

public sealed class NotificationRendererTests
{
    private static readonly NotificationTypeDefinition ReviewRequested = new(
        "documents.review-requested", typeof(DocumentsTestResource), "Review:Title", "Review:Body",
        requiredParameters: ["documentTitle", "requestedBy"], optionalParameters: ["dueDate"]);

    private readonly ModuleTexts _texts = new();

    public NotificationRendererTests()
        => _texts.Extra[typeof(DocumentsTestResource)] = new()
        {
            ["en"] = new() { ["Review:Title"] = "{1} asks you to review “{0}”", ["Review:Body"] = "Please review it by {2}." },
            ["sq"] = new() { ["Review:Title"] = "{1} ju kërkon të rishikoni “{0}”", ["Member:Unknown"] = "Anëtar i dikurshëm" },
        };

    private NotificationRenderer Renderer() => new(new NotificationTypeRegistry([ReviewRequested]), _texts);

    private static readonly Dictionary<string, string> Parameters = new() { ["requestedBy"] = "Jelena", ["documentTitle"] = "Rule of law seminar", ["dueDate"] = "Friday" };

    [Fact]
    public void Parameters_fill_the_placeholders_in_the_order_the_type_declares_them()
    {
        var words = Renderer().Render("documents.review-requested", Parameters, CultureInfo.GetCultureInfo("en"));

        Assert.Equal("Jelena asks you to review “Rule of law seminar”", words.Title);
        Assert.Equal("Please review it by Friday.", words.Body);
    }

    [Fact]
    public void The_readers_language_is_used_and_a_text_it_lacks_falls_back_to_English()
    {
        var words = Renderer().Render("documents.review-requested", Parameters, CultureInfo.GetCultureInfo("sq"));

        Assert.Equal("Jelena ju kërkon të rishikoni “Rule of law seminar”", words.Title);
        Assert.Equal("Please review it by Friday.", words.Body);
    }

    [Fact]
    public void A_parameter_marked_for_translation_renders_as_the_text_of_its_key_in_the_readers_language()
    {
        var parameters = new Dictionary<string, string> { ["requestedBy:t"] = "Member:Unknown", ["documentTitle"] = "Draft" };

        var words = Renderer().Render("documents.review-requested", parameters, CultureInfo.GetCultureInfo("sq"));

        Assert.Equal("Anëtar i dikurshëm ju kërkon të rishikoni “Draft”", words.Title);
    }

    [Theory]
    [InlineData("sq")]
    [InlineData("sr-Latn")]
    [InlineData("en")]
    public void A_date_parameter_is_shown_as_a_date_of_the_readers_culture(string culture)
    {
        var dated = new NotificationTypeDefinition(
            "documents.review-due", typeof(DocumentsTestResource), "Review:Title", "Review:Body",
            requiredParameters: ["documentTitle", "requestedBy", "dueDate"], dateParameters: ["dueDate"]);
        var parameters = new Dictionary<string, string> { ["requestedBy"] = "Jelena", ["documentTitle"] = "Draft", ["dueDate"] = "2026-12-09" };

        var words = new NotificationRenderer(new NotificationTypeRegistry([dated]), _texts).Render("documents.review-due", parameters, CultureInfo.GetCultureInfo(culture));

        Assert.Equal($"Please review it by {new DateOnly(2026, 12, 9).ToString("d", CultureInfo.GetCultureInfo(culture))}.", words.Body);
        Assert.DoesNotContain("2026-12-09", words.Body);
    }

    [Fact]
    public void A_date_parameter_must_be_one_of_the_types_parameters()
        => Assert.Throws<ArgumentException>(() => new NotificationTypeDefinition(
            "documents.review-due", typeof(DocumentsTestResource), "Review:Title", "Review:Body",
            requiredParameters: ["documentTitle"], dateParameters: ["dueDate"]));

    [Fact]
    public void A_missing_optional_parameter_renders_as_nothing()
    {
        var words = Renderer().Render("documents.review-requested",
            new Dictionary<string, string> { ["requestedBy"] = "Jelena", ["documentTitle"] = "Draft" }, CultureInfo.GetCultureInfo("en"));

        Assert.Equal("Please review it by .", words.Body);
    }

    [Fact]
    public void A_type_whose_module_is_gone_still_renders_in_the_readers_language()
    {
        var words = Renderer().Render("training.course-published", new Dictionary<string, string>(), CultureInfo.GetCultureInfo("sr-Latn"));

        Assert.Equal("Obaveštenje", words.Title);
        Assert.Contains("više nije dostupan", words.Body);
    }

    [Theory]
    [InlineData("en", "Jelena asks you to review “Rule of law seminar”")]
    [InlineData("sq", "Jelena ju kërkon të rishikoni “Seminari për sundimin e ligjit”")]
    [InlineData("sr-Latn", "Jelena asks you to review “Seminar o vladavini prava”")]
    [InlineData("sr-Cyrl", "Jelena asks you to review “Rule of law seminar”")]
    public void A_parameter_given_in_several_languages_renders_in_the_readers_and_the_plain_value_for_any_other(string culture, string title)
    {
        var parameters = new Dictionary<string, string>
        {
            ["requestedBy"] = "Jelena", ["documentTitle"] = "Rule of law seminar",
            [NotificationTypeDefinition.InLanguage("documentTitle", "sq")] = "Seminari për sundimin e ligjit",
            [NotificationTypeDefinition.InLanguage("documentTitle", "sr-Latn")] = "Seminar o vladavini prava",
        };

        var words = Renderer().Render("documents.review-requested", parameters, CultureInfo.GetCultureInfo(culture));

        Assert.Equal(title, words.Title);
    }

    [Fact]
    public void A_notification_stored_before_a_parameter_was_required_renders_with_the_types_earlier_texts_and_a_current_one_does_not()
    {
        var grown = new NotificationTypeDefinition(
            "documents.review-requested", typeof(DocumentsTestResource), "Review:Title", "Review:Body",
            requiredParameters: ["documentTitle", "requestedBy", "dueDate"], earlierTitleKey: "Review:EarlierTitle", earlierBodyKey: "Review:EarlierBody");
        _texts.Extra[typeof(DocumentsTestResource)]["sq"]["Review:EarlierTitle"] = "Rishikoni “{0}”";
        _texts.Extra[typeof(DocumentsTestResource)]["en"]["Review:EarlierBody"] = "{1} asked for it.";
        var renderer = new NotificationRenderer(new NotificationTypeRegistry([grown]), _texts);

        var old = renderer.Render(grown.Name, new Dictionary<string, string> { ["requestedBy"] = "Jelena", ["documentTitle"] = "Draft" }, CultureInfo.GetCultureInfo("sq"));
        var current = renderer.Render(grown.Name, new Dictionary<string, string> { ["requestedBy"] = "Jelena", ["documentTitle"] = "Draft", ["dueDate"] = "Friday" },
            CultureInfo.GetCultureInfo("sq"));

        Assert.Equal(new RenderedNotification("Rishikoni “Draft”", "Jelena asked for it."), old);
        Assert.Equal(new RenderedNotification("Jelena ju kërkon të rishikoni “Draft”", "Please review it by Friday."), current);
    }

    [Fact]
    public void Earlier_texts_come_as_a_title_and_a_body_together()
        => Assert.Throws<ArgumentException>(() => new NotificationTypeDefinition(
            "documents.review-due", typeof(DocumentsTestResource), "Review:Title", "Review:Body", requiredParameters: ["documentTitle"], earlierTitleKey: "Review:EarlierTitle"));

    [Fact]
    public void Rendering_leaves_the_callers_culture_as_it_was()
    {
        var before = CultureInfo.CurrentUICulture;

        Renderer().Render("documents.review-requested", Parameters, CultureInfo.GetCultureInfo("sq"));

        Assert.Equal(before, CultureInfo.CurrentUICulture);
    }
}
