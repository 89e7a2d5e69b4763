using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Tests;

/// <summary>Returns the key and its arguments as the text, so a validator test sees which message a rule chose (linked into the module test projects).</summary>
internal sealed class KeyLocalizer<TResource> : IStringLocalizer<TResource>
{
    public LocalizedString this[string name] => new(name, name);
    public LocalizedString this[string name, params object[] arguments] => new(name, $"{name}({string.Join(",", arguments)})");
    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => [];
}

/// <summary>Makes a <see cref="KeyLocalizer{TResource}"/> for any resource: what a page's problem messages are written with.</summary>
internal sealed class KeyLocalizerFactory : IStringLocalizerFactory
{
    public IStringLocalizer Create(Type resourceSource) => (IStringLocalizer)Activator.CreateInstance(typeof(KeyLocalizer<>).MakeGenericType(resourceSource))!;
    public IStringLocalizer Create(string baseName, string location) => new KeyLocalizer<object>();
}
