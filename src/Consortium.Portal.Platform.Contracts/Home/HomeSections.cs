namespace Consortium.Portal.Platform.Home;

/// <summary>
/// A section of the home page, "my work", that a module contributes: what the module asks of the signed-in user or
/// has for them (reviews waiting, tasks, mentions, recent documents). The home page renders <see cref="Component"/> (a
/// Razor component without parameters that shows the current user's items and says so when there are none) under the
/// title <see cref="TitleKey"/> of <see cref="LocalizationResource"/>, for users who hold
/// <see cref="RequiredPermission"/> (every signed-in user when it is null). Sections are shown by <see cref="Order"/>:
/// what waits for the user first (100–199), then what was said to them (200–299), then recent work (300–399).
/// </summary>
public sealed record HomeSection(
    string TitleKey,
    Type LocalizationResource,
    Type Component,
    int Order = 100,
    string? RequiredPermission = null);

/// <summary>Contributes sections to the home page; register implementations in the container (any number).</summary>
public interface IHomeSectionProvider
{
    IEnumerable<HomeSection> GetSections();
}
