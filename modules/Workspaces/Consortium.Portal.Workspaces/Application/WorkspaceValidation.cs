using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Workspaces.Application;

/// <summary>Input the API or a page refused, with messages per field (JSON field names) in the user's language.</summary>
public sealed class WorkspaceValidationException(IReadOnlyDictionary<string, string[]> errors)
    : Exception("The request has invalid fields: " + string.Join(", ", errors.Keys))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}

/// <summary>Checks requests field by field and collects every problem, not just the first.</summary>
internal sealed class WorkspaceValidation(IStringLocalizer<WorkspacesResource> text)
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }
        messages.Add(message);
    }

    public string? Name(string? name)
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            Add("name", text["Validation.NameRequired"]);
            return null;
        }
        if (trimmed.Length > WorkspaceConsts.MaxNameLength)
        {
            Add("name", text["Validation.NameTooLong", WorkspaceConsts.MaxNameLength]);
        }
        if (trimmed.Any(char.IsControl))
        {
            Add("name", text["Validation.NameControlCharacters"]);
        }
        return trimmed;
    }

    public string? Description(string? description)
    {
        var trimmed = description?.Trim();
        if (trimmed is { Length: > WorkspaceConsts.MaxDescriptionLength })
        {
            Add("description", text["Validation.DescriptionTooLong", WorkspaceConsts.MaxDescriptionLength]);
        }
        return string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }

    public WorkspaceKind? Kind(string? kind)
    {
        if (string.IsNullOrWhiteSpace(kind))
        {
            return null;
        }
        if (TryParseName<WorkspaceKind>(kind, out var parsed))
        {
            return parsed;
        }
        Add("kind", text["Validation.KindUnknown", string.Join(", ", Enum.GetNames<WorkspaceKind>())]);
        return null;
    }

    public WorkspaceRole Role(string? role)
    {
        if (string.IsNullOrWhiteSpace(role))
        {
            Add("role", text["Validation.RoleRequired"]);
            return default;
        }
        if (TryParseName<WorkspaceRole>(role, out var parsed))
        {
            return parsed;
        }
        Add("role", text["Validation.RoleUnknown", string.Join(", ", Enum.GetNames<WorkspaceRole>())]);
        return default;
    }

    public Guid Stamp(Guid? stamp)
    {
        if (stamp is null || stamp == Guid.Empty)
        {
            Add("concurrencyStamp", text["Validation.StampRequired"]);
            return Guid.Empty;
        }
        return stamp.Value;
    }

    public ArchivedFilter Archived(string? archived)
    {
        if (string.IsNullOrWhiteSpace(archived))
        {
            return ArchivedFilter.Active;
        }
        if (TryParseName<ArchivedFilter>(archived, out var parsed))
        {
            return parsed;
        }
        Add("archived", text["Validation.ArchivedUnknown"]);
        return ArchivedFilter.Active;
    }

    /// <summary>Throws <see cref="WorkspaceValidationException"/> when a check failed.</summary>
    public void ThrowIfInvalid()
    {
        if (_errors.Count > 0)
        {
            throw new WorkspaceValidationException(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
        }
    }

    // Names only: Enum.TryParse would also take "3" or "Owner,Viewer".
    private static bool TryParseName<TEnum>(string value, out TEnum parsed) where TEnum : struct, Enum
    {
        var name = Enum.GetNames<TEnum>().FirstOrDefault(n => string.Equals(n, value.Trim(), StringComparison.OrdinalIgnoreCase));
        parsed = name is null ? default : Enum.Parse<TEnum>(name);
        return name is not null;
    }
}
