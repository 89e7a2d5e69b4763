namespace Consortium.Portal.Platform.Domain;

// The portal's one set of refusals. Every module throws these (never its own kinds); the Platform maps them once to
// RFC 7807 problem details (ExceptionProblems) and once to what a page shows (PortalComponentBase.RunAsync).

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

/// <summary>
/// Somebody else changed the thing since the user read it (409). <see cref="Current"/>, when the module can give it,
/// is the thing as it is now (a DTO), sent as the problem's <c>current</c> member so a client can show what changed
/// and retry without reading it again.
/// </summary>
public sealed class ConcurrencyConflictException(string entityType, object id, object? current = null)
    : Exception($"{entityType} '{id}' was changed by someone else. Reload it and try again.")
{
    public string EntityType { get; } = entityType;
    public object Id { get; } = id;
    public object? Current { get; } = current;
}

/// <summary>
/// Input refused field by field (400 with <c>errors</c>). Field names are the JSON names (camelCase) so the API and the
/// forms agree; messages are already in the user's language (the validators localize them).
/// </summary>
public sealed class RequestValidationException(IReadOnlyDictionary<string, string[]> errors)
    : Exception("The request has invalid fields: " + string.Join(", ", errors.Keys))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    public static RequestValidationException For(string field, string message) => new(new Dictionary<string, string[]> { [field] = [message] });
}
