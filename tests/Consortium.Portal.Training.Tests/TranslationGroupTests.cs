using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Training.Domain;
using static Consortium.Portal.Training.Domain.TranslationGroups;

namespace Consortium.Portal.Training.Tests;

public sealed class TranslationGroupTests
{
    private static Member In(Guid group, string language) => new(Guid.NewGuid(), group, language);

    private static string Refusal(Action link) => Assert.Throws<DomainRuleException>(link).MessageKey;

    [Fact]
    public void Materials_of_other_languages_in_other_groups_may_link()
    {
        var english = In(Guid.NewGuid(), "en");
        var albanian = In(Guid.NewGuid(), "sq");
        var serbian = In(albanian.GroupId, "sr-Latn");

        EnsureMayLink(english, albanian, [english], [albanian, serbian]);
    }

    [Fact]
    public void A_material_of_the_same_language_is_refused()
    {
        var one = In(Guid.NewGuid(), "sq");
        var other = In(Guid.NewGuid(), "sq");

        Assert.Equal("Translation.SameLanguage", Refusal(() => EnsureMayLink(one, other, [one], [other])));
    }

    [Fact]
    public void Linking_within_one_group_or_to_itself_is_a_cycle()
    {
        var group = Guid.NewGuid();
        var english = In(group, "en");
        var albanian = In(group, "sq");

        Assert.Equal("Translation.Cycle", Refusal(() => EnsureMayLink(english, albanian, [english, albanian], [english, albanian])));
        Assert.Equal("Translation.Cycle", Refusal(() => EnsureMayLink(english, english, [english], [english])));
    }

    [Fact]
    public void Joining_groups_that_both_have_a_language_is_refused_naming_it()
    {
        var english = In(Guid.NewGuid(), "en");
        var cyrillic = In(english.GroupId, "sr-Cyrl");
        var albanian = In(Guid.NewGuid(), "sq");
        var otherCyrillic = In(albanian.GroupId, "sr-Cyrl");

        var refusal = Assert.Throws<DomainRuleException>(() => EnsureMayLink(english, albanian, [english, cyrillic], [albanian, otherCyrillic]));

        Assert.Equal("Translation.LanguageTaken", refusal.MessageKey);
        Assert.Equal(["sr-Cyrl"], refusal.Arguments);
    }
}

public sealed class MaterialLifecycleTests
{
    private static TrainingMaterial Link() => TrainingMaterial.Add(MaterialKind.Link,
        new MaterialContent("Отворени дијалог", null, ["dialogue"], [Audience.Youth], "sr-Cyrl", MaterialLevel.Introductory, null, [Guid.NewGuid()], "CC BY 4.0", 8),
        "https://example.org", null, null);

    [Fact]
    public void A_new_material_is_consortium_only_and_its_own_translation_group()
    {
        var material = Link();

        Assert.Equal(MaterialVisibility.Consortium, material.Visibility);
        Assert.Equal(material.Id, material.TranslationGroupId);
        Assert.NotEmpty(material.Slug);
    }

    [Fact]
    public void Publishing_raises_the_event_once_and_a_second_completion_changes_nothing()
    {
        var material = Link();
        material.SubmitForPublishing();
        var now = new DateTime(2026, 12, 5, 10, 0, 0, DateTimeKind.Utc);

        material.Publish(now);
        material.Publish(now.AddHours(1));

        Assert.Equal(MaterialVisibility.Public, material.Visibility);
        Assert.Equal(now, material.PublishedAtUtc);
        Assert.Single(((IAggregateRoot)material).PendingEvents.OfType<TrainingMaterialPublished>());
    }

    [Fact]
    public void A_material_in_review_is_not_edited_nor_submitted_again_and_a_returned_one_is()
    {
        var material = Link();
        material.SubmitForPublishing();

        Assert.Equal("Material.InReview", Assert.Throws<DomainRuleException>(material.SubmitForPublishing).MessageKey);
        material.ReturnToConsortium();
        material.SubmitForPublishing();
        Assert.Equal(MaterialVisibility.InReview, material.Visibility);
    }
}
