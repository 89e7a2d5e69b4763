namespace Consortium.Portal.Identity.Administration;

/// <summary>A request with field errors (messages already in the user's language); the API answers 400 per field.</summary>
public sealed class IdentityValidationException(IReadOnlyDictionary<string, string[]> errors)
    : Exception("The request has invalid fields: " + string.Join(", ", errors.Keys))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}

/// <summary>Collects field errors; field names are the JSON names (camelCase) so the API and forms agree.</summary>
internal sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public FieldErrors Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }
        list.Add(message);
        return this;
    }

    public string? For(string field) => _errors.TryGetValue(field, out var list) ? string.Join(" ", list) : null;

    public IReadOnlyDictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    public void ThrowIfAny()
    {
        if (Any)
        {
            throw new IdentityValidationException(ToDictionary());
        }
    }

    public static bool LooksLikeEmail(string value)
    {
        var at = value.IndexOf('@');
        return at > 0 && at == value.LastIndexOf('@') && at < value.Length - 1 && !value.Any(char.IsWhiteSpace)
               && System.Net.Mail.MailAddress.TryCreate(value, out var parsed) && parsed.Address == value;
    }
}
