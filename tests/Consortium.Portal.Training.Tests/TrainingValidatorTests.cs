using Consortium.Portal.Identity;
using Consortium.Portal.Training.Application;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Training.Tests;

public sealed class TrainingValidatorTests
{
    /// <summary>Answers with the key and its arguments, so a test sees which message was chosen.</summary>
    internal sealed class KeyTexts : IStringLocalizer<TrainingResource>
    {
        public LocalizedString this[string name] => new(name, name);
        public LocalizedString this[string name, params object[] arguments] => new(name, $"{name}({string.Join(",", arguments)})");
        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => [];
    }

    /// <summary>A partner directory of one partner; the validators ask nothing else of it.</summary>
    private sealed class OnePartner : IUserDirectory
    {
        public static readonly Guid Id = Guid.NewGuid();

        public Task<IReadOnlyList<PartnerOrganisationDto>> GetPartnersAsync(CancellationToken cancellationToken = default)
            => Task.FromResult<IReadOnlyList<PartnerOrganisationDto>>([new PartnerOrganisationDto(Id, "KCSS", "Kosovar Centre for Security Studies", PartnerSide.Kosovo, Guid.NewGuid())]);

        public Task<PortalUserDto?> FindUserAsync(Guid userId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<PortalUserDto?> FindUserByEmailAsync(string email, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<IReadOnlyList<PortalUserDto>> GetUsersAsync(IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<IReadOnlyList<PortalUserDto>> GetPartnerStaffAsync(IReadOnlyCollection<Guid> partnerOrganisationIds, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<IReadOnlyList<PortalUserDto>> GetUsersInRoleAsync(string role, IReadOnlyCollection<Guid>? partnerOrganisationIds = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<IReadOnlyList<PortalUserDto>> SearchUsersAsync(string text, int maxResults, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }

    private static MaterialDetails Good(string? title = "Reporting fairly on the dialogue") => new(title, "Seminar pack", ["rule of law"], [Audience.Media], "sr-Cyrl",
        MaterialLevel.Intermediate, 120, [OnePartner.Id], "CC BY 4.0", 10);

    private static List<string> Errors(CreateMaterialRequest request)
        => new CreateMaterialValidator(new KeyTexts(), new OnePartner()).ValidateAsync(request).GetAwaiter().GetResult().Errors.Select(e => $"{e.PropertyName}: {e.ErrorMessage}").ToList();

    [Fact]
    public void An_authoring_partner_not_in_the_directory_is_named()
        => Assert.Contains("Details.AuthoringPartnerIds: Validation.PartnerUnknown",
            Errors(new CreateMaterialRequest(MaterialKind.Link, "https://example.org/guide", null, Good() with { AuthoringPartnerIds = [OnePartner.Id, Guid.NewGuid()] })));

    [Fact]
    public void A_link_with_every_field_is_accepted()
        => Assert.Empty(Errors(new CreateMaterialRequest(MaterialKind.Link, "https://example.org/guide", null, Good())));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_material_without_a_title_is_refused(string? title)
        => Assert.Contains("Details.Title: Validation.TitleRequired", Errors(new CreateMaterialRequest(MaterialKind.Video, "https://example.org/v", null, Good(title))));

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("ftp://example.org/file")]
    [InlineData("/relative")]
    [InlineData(null)]
    public void A_link_needs_a_web_address(string? url)
        => Assert.Contains("Url: Validation.Url", Errors(new CreateMaterialRequest(MaterialKind.Link, url, null, Good())));

    [Fact]
    public void A_file_material_names_its_workspace_and_has_no_address()
    {
        var errors = Errors(new CreateMaterialRequest(MaterialKind.File, "https://example.org", null, Good()));

        Assert.Contains("WorkspaceId: Validation.WorkspaceRequired", errors);
        Assert.Contains("Url: Validation.NoUrlForFile", errors);
    }

    [Fact]
    public void Every_describing_field_out_of_range_is_named()
    {
        var details = new MaterialDetails("Title\nwith a break", new string('s', TrainingConsts.MaxSummaryLength + 1), Enumerable.Repeat("t", TrainingConsts.MaxTopics + 1).ToList(),
            [], "de", null, 0, [], " ", 12);

        var errors = Errors(new CreateMaterialRequest(MaterialKind.Link, "https://example.org", null, details));

        Assert.Equal(
            [
                "Details.Title: Validation.OneLine", $"Details.Summary: Validation.TooLong({TrainingConsts.MaxSummaryLength})",
                $"Details.Topics: Validation.TooManyTopics({TrainingConsts.MaxTopics})", "Details.Audiences: Validation.AudienceRequired",
                "Details.Language: Validation.Language", "Details.Level: Validation.Level", $"Details.DurationMinutes: Validation.Duration({TrainingConsts.MaxDurationMinutes})",
                "Details.AuthoringPartnerIds: Validation.PartnerRequired", $"Details.Licence: Validation.Licence({TrainingConsts.MaxLicenceLength})",
                $"Details.Activity: Validation.Activity({TrainingConsts.FirstActivity},{TrainingConsts.LastActivity})",
            ],
            errors);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(12)]
    public void The_activity_is_one_of_the_eleven(int activity)
        => Assert.Contains(Errors(new CreateMaterialRequest(MaterialKind.Link, "https://example.org", null, Good() with { Activity = activity })),
            e => e.StartsWith("Details.Activity", StringComparison.Ordinal));

    [Fact]
    public void A_collection_holds_each_material_once()
    {
        var id = Guid.NewGuid();

        var result = new CreateCollectionValidator(new KeyTexts()).Validate(new CreateCollectionRequest("Pack", null, [id, id]));

        Assert.Equal([$"Validation.CollectionItems({TrainingConsts.MaxCollectionItems})"], result.Errors.Select(e => e.ErrorMessage));
    }

    [Theory]
    [InlineData(FollowKind.Audience, "Media", true)]
    [InlineData(FollowKind.Audience, "3", false)]
    [InlineData(FollowKind.Audience, "Everyone", false)]
    [InlineData(FollowKind.Language, "sr-Cyrl", true)]
    [InlineData(FollowKind.Language, "sr", false)]
    [InlineData(FollowKind.Topic, "rule of law", true)]
    [InlineData(FollowKind.Topic, " ", false)]
    public void A_follow_names_a_known_audience_or_language_or_a_topic(FollowKind kind, string value, bool valid)
        => Assert.Equal(valid, new FollowValidator(new KeyTexts()).Validate(new FollowRequest(kind, value)).IsValid);

    [Fact]
    public void A_negative_public_cache_lifetime_is_refused_at_start()
    {
        Assert.Empty(new TrainingOptions().Validate());
        Assert.Equal(["Training:PublicCacheLifetime must not be negative."], new TrainingOptions { PublicCacheLifetime = TimeSpan.FromSeconds(-1) }.Validate());
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(60, true)]
    [InlineData(61, false)]
    public void The_list_cache_lifetime_is_between_zero_and_a_minute(int seconds, bool valid)
        => Assert.Equal(valid, !new TrainingOptions { ListCacheLifetime = TimeSpan.FromSeconds(seconds) }.Validate().Any());
}
