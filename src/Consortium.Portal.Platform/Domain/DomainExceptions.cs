namespace Consortium.Portal.Platform.Domain;

/// <summary>
/// A request the domain refuses. <see cref="MessageKey"/> is a localization key of
/// <see cref="LocalizationResource"/> so the API and the UI can tell the user in their language.
/// Mapped to 400 (or <see cref="StatusCode"/>) problem details.
/// </summary>
public class DomainRuleException(string messageKey, Type localizationResource, params object[] arguments)
    : Exception(messageKey)
{
    public string MessageKey { get; } = messageKey;
    public Type LocalizationResource { get; } = localizationResource;
    public object[] Arguments { get; } = arguments;
    public virtual int StatusCode => 400;
}

/// <summary>The thing does not exist, or the user may not know that it does (404).</summary>
public sealed class EntityNotFoundException(string entityType, object id) : Exception($"{entityType} '{id}' was not found.")
{
    public string EntityType { get; } = entityType;
    public object Id { get; } = id;
}

/// <summary>The user may see the thing but not do this to it (403).</summary>
public sealed class ForbiddenException(string reason) : Exception(reason);

/// <summary>Somebody else changed the thing since the user read it (409).</summary>
public sealed class ConcurrencyConflictException(string entityType, object id)
    : Exception($"{entityType} '{id}' was changed by someone else. Reload it and try again.")
{
    public string EntityType { get; } = entityType;
    public object Id { get; } = id;
}
