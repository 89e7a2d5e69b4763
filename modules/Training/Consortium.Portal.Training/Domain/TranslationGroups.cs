using Consortium.Portal.Platform.Domain;

namespace Consortium.Portal.Training.Domain;

/// <summary>
/// The rule of translation groups: a group holds one material per language. Linking a material to another joins the
/// two groups; a material already in the other's group would close a cycle, and two materials of one language in the
/// joined group would make "read in …" ambiguous: both are refused, with their own messages.
/// </summary>
public static class TranslationGroups
{
    public sealed record Member(Guid MaterialId, Guid GroupId, string Language);

    /// <summary>Throws when <paramref name="material"/>'s group may not join <paramref name="target"/>'s.</summary>
    public static void EnsureMayLink(Member material, Member target, IReadOnlyCollection<Member> materialGroup, IReadOnlyCollection<Member> targetGroup)
    {
        if (material.MaterialId == target.MaterialId || material.GroupId == target.GroupId)
        {
            throw new DomainRuleException("Translation.Cycle", typeof(TrainingResource));
        }
        if (material.Language == target.Language)
        {
            throw new DomainRuleException("Translation.SameLanguage", typeof(TrainingResource), material.Language);
        }
        var taken = targetGroup.Select(m => m.Language).ToHashSet(StringComparer.Ordinal);
        if (materialGroup.FirstOrDefault(m => taken.Contains(m.Language)) is { } clash)
        {
            throw new DomainRuleException("Translation.LanguageTaken", typeof(TrainingResource), clash.Language);
        }
    }
}
