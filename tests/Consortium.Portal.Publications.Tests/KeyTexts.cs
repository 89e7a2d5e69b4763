using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Publications.Tests;

/// <summary>Answers with the key and its arguments, so a test sees which message was chosen.</summary>
internal sealed class KeyTexts : IStringLocalizer<PublicationsResource>
{
    public LocalizedString this[string name] => new(name, name);
    public LocalizedString this[string name, params object[] arguments] => new(name, $"{name}({string.Join(",", arguments)})");
    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => [];
}
