using Consortium.Portal.Platform.Auditing;
using Consortium.Portal.Platform.Tests.Infrastructure;

namespace Consortium.Portal.Platform.Tests.Auditing;

/// <summary>
/// A line with no recorded name (written before names were recorded, or of a kind that has none) reads as a sentence
/// with a readable stand-in, never with a GUID; a name kept in the line's details is used.
/// </summary>
public sealed class AuditSentencesTests
{
    private static readonly EmbeddedJsonLocalizer Text = new();
    private const string Id = "0193a1b2-7c4d-7e5f-8a9b-0c1d2e3f4a5b";

    private static AuditLogEntryDto Line(string action, string? type, string? details = null, string? name = null)
        => new(Guid.NewGuid(), DateTime.UtcNow, Guid.NewGuid(), "blerta@example", null, action, type, Id, details, name, "Blerta Gashi");

    [Fact]
    public void An_entity_without_a_recorded_name_is_told_by_its_kind_not_its_id()
    {
        var sentence = AuditSentences.Describe(Line("Workspace.deleted", "Workspace"), Text);

        Assert.Equal("Blerta Gashi deleted the workspace (no name was recorded)", sentence);
        Assert.DoesNotContain(Id[..8], sentence);
    }

    [Fact]
    public void A_recorded_name_is_used()
        => Assert.Equal("Blerta Gashi created the workspace “Research”",
            AuditSentences.Describe(Line("Workspace.created", "Workspace", name: "Research"), Text));

    [Fact]
    public void A_purge_written_without_a_name_takes_it_from_its_details()
        => Assert.Equal("Blerta Gashi removed the document “plan.docx” from the recycle bin for good",
            AuditSentences.Describe(Line("documents.document.purged", "Document", $$"""{"WorkspaceId":"{{Guid.NewGuid()}}","Name":"plan.docx"}"""), Text));

    [Fact]
    public void A_purge_with_no_name_anywhere_has_a_sentence_of_its_own()
    {
        var sentence = AuditSentences.Describe(Line("documents.document.purged", "Document"), Text);

        Assert.Equal("Blerta Gashi removed a document from the recycle bin for good (its name was not recorded)", sentence);
        Assert.DoesNotContain("“”", sentence);
    }

    [Theory]
    [InlineData("""[{"property":"IsDeleted","from":"False","to":"True"}]""")]
    [InlineData("""[{"property":"Body","from":"a""")]
    [InlineData("not json")]
    public void Details_without_a_name_fall_back_to_the_kind(string details)
        => Assert.Equal("Blerta Gashi changed the document (no name was recorded)",
            AuditSentences.Describe(Line("Document.updated", "Document", details), Text));

    [Fact]
    public void Every_sentence_without_a_name_has_its_text_in_every_language()
    {
        foreach (var key in new[]
                 {
                     "AuditLog:NoName", "AuditSentence:created:unnamed", "AuditSentence:updated:unnamed", "AuditSentence:deleted:unnamed",
                     "AuditAction:documents.document.purged:unnamed", "AuditAction:documents.stored-for-user:unnamed",
                 })
        {
            foreach (var language in new[] { "en", "sq", "sr-Latn" })
            {
                Assert.True(PlatformTexts(language).ContainsKey(key), $"{key} in {language}.json");
            }
        }
    }

    private static Dictionary<string, string> PlatformTexts(string language)
    {
        var assembly = typeof(PlatformResource).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith($".Localization.{language}.json", StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        return System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(stream)!;
    }
}
