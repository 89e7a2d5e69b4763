using Consortium.Portal.Platform;
using Consortium.Portal.Platform.Validation;
using Consortium.Portal.Publications.Application;
using Consortium.Portal.Tests;

namespace Consortium.Portal.Publications.Tests;

public sealed class PublicationValidatorTests
{
    private static readonly KeyLocalizer<PlatformResource> PlatformText = new();

    private static CreatePublicationRequest Valid() => new(PublicationType.OpEd, "The dialogue, seen from Gjilan", "Summary", ["dialogue"], ["en", "sq"],
        null, Guid.NewGuid(), Guid.NewGuid(), "Koha Ditore", 4);

    private static string[] Errors(CreatePublicationRequest request)
        => new CreatePublicationValidator(new KeyTexts()).Validate(request).Errors.Select(e => e.ErrorMessage).ToArray();

    [Fact]
    public void A_complete_draft_is_accepted() => Assert.Empty(Errors(Valid()));

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void A_draft_without_a_title_is_refused(string? title) => Assert.Contains("Validation.TitleRequired", Errors(Valid() with { Title = title }));

    [Fact]
    public void A_title_over_two_lines_is_refused() => Assert.Contains("Validation.OneLine", Errors(Valid() with { Title = "One\nTwo" }));

    [Fact]
    public void A_language_outside_en_sq_sr_is_refused() => Assert.Contains("Validation.Languages", Errors(Valid() with { Languages = ["de"] }));

    [Fact]
    public void A_draft_without_a_language_is_refused() => Assert.Contains("Validation.Languages", Errors(Valid() with { Languages = [] }));

    [Theory]
    [InlineData(2)]
    [InlineData(null)]
    public void Only_activities_1_and_4_are_reported_under(int? activity) => Assert.Contains("Validation.Activity", Errors(Valid() with { Activity = activity }));

    [Fact]
    public void A_draft_without_workspace_or_manuscript_is_refused()
        => Assert.Equal(["Validation.WorkspaceRequired", "Validation.ManuscriptRequired"], Errors(Valid() with { WorkspaceId = null, ManuscriptDocumentId = null }));

    [Fact]
    public void Withdrawing_needs_a_reason()
        => Assert.Equal(["Validation.ReasonRequired"], new WithdrawPublicationValidator(new KeyTexts(), PlatformText).Validate(new WithdrawPublicationRequest(" ", Guid.NewGuid())).Errors.Select(e => e.ErrorMessage));

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("not a link")]
    public void The_outlets_link_must_be_http(string url)
        => Assert.Contains("Validation.OutletUrl", new PublishPublicationValidator(new KeyTexts(), PlatformText)
            .Validate(new PublishPublicationRequest([new PublicationFileRequest("en", Guid.NewGuid(), null)], null, url, Guid.NewGuid())).Errors.Select(e => e.ErrorMessage));

    [Fact]
    public void Two_files_of_one_language_are_refused()
        => Assert.Contains("Validation.OneFilePerLanguage", new PublishPublicationValidator(new KeyTexts(), PlatformText)
            .Validate(new PublishPublicationRequest([new PublicationFileRequest("en", Guid.NewGuid(), null), new PublicationFileRequest("en", Guid.NewGuid(), null)], null, null, Guid.NewGuid()))
            .Errors.Select(e => e.ErrorMessage));

    [Fact]
    public void A_change_of_state_without_the_stamp_it_read_is_refused_on_the_stamp()
    {
        string[] stampRequired = ["Validation:ConcurrencyStampRequired"];
        Assert.Equal(stampRequired, RequestValidation.ToFieldErrors(new WithdrawPublicationValidator(new KeyTexts(), PlatformText).Validate(new WithdrawPublicationRequest("Outdated", null)))[ConcurrencyStamps.Field]);
        Assert.Equal(stampRequired, RequestValidation.ToFieldErrors(new SubmitPublicationValidator(new KeyTexts(), PlatformText).Validate(new SubmitPublicationRequest(null, null, Guid.Empty)))[ConcurrencyStamps.Field]);
    }
}
