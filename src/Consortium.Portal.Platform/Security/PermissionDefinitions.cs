namespace Consortium.Portal.Platform.Security;

/// <summary>
/// A named right. Its display name is a key of the defining module's localization; the roles in
/// <see cref="DefaultRoles"/> are granted it when the permission is first seen (an administrator's
/// later changes are kept).
/// </summary>
public sealed record PermissionDefinition(string Name, string Group, string DisplayNameKey, Type LocalizationResource, IReadOnlyList<string> DefaultRoles);

/// <summary>What a module's <c>DefinePermissions</c> writes into.</summary>
public sealed class PermissionDefinitionContext
{
    private readonly Dictionary<string, PermissionDefinition> _definitions = new(StringComparer.Ordinal);

    public IReadOnlyCollection<PermissionDefinition> Definitions => _definitions.Values;

    /// <summary>Starts a group of permissions whose display names come from <typeparamref name="TResource"/>.</summary>
    public PermissionGroupBuilder Group<TResource>(string group) => new(this, group, typeof(TResource));

    internal void Add(PermissionDefinition definition)
    {
        if (!_definitions.TryAdd(definition.Name, definition))
        {
            throw new InvalidOperationException($"Permission '{definition.Name}' is defined twice.");
        }
    }
}

public sealed class PermissionGroupBuilder(PermissionDefinitionContext context, string group, Type resource)
{
    /// <param name="displayNameKey">Defaults to "Permission:" + the permission name.</param>
    public PermissionGroupBuilder Add(string name, string[] defaultRoles, string? displayNameKey = null)
    {
        context.Add(new PermissionDefinition(name, group, displayNameKey ?? "Permission:" + name, resource, defaultRoles));
        return this;
    }
}

/// <summary>The permissions every loaded module defined, by name.</summary>
public sealed class PermissionDefinitionCatalog(IEnumerable<PermissionDefinition> definitions)
{
    private readonly Dictionary<string, PermissionDefinition> _byName = definitions.ToDictionary(d => d.Name, StringComparer.Ordinal);

    public IReadOnlyCollection<PermissionDefinition> All => _byName.Values;

    public bool IsDefined(string name) => _byName.ContainsKey(name);

    public PermissionDefinition Get(string name) => _byName.TryGetValue(name, out var d)
        ? d
        : throw new InvalidOperationException($"Permission '{name}' is not defined by any module.");
}
