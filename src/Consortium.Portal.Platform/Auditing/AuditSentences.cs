using System.Text.Json;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Platform.Auditing;

/// <summary>
/// An audit line as a sentence in the reader's language: "Blerta Gashi renamed the workspace “X” to “Y”". Actions a
/// module writes itself (<c>identity.password.changed</c>) have a text of their own, <c>AuditAction:{action}</c>; entity
/// writes (<c>Workspace.updated</c>) are told from the entity's kind (<c>AuditEntity:{type}</c>, else its type's name in
/// words), its name and its changes.
/// </summary>
public static class AuditSentences
{
    public sealed record Change(string Property, string? From, string? To);

    public static string Describe(AuditLogEntryDto line, IStringLocalizer text)
    {
        var who = string.IsNullOrWhiteSpace(line.Person) ? text["AuditLog:System"].Value : line.Person;
        // Lines written before names were recorded (and IAuditLog's, until it took one) may still carry it in their details.
        var name = line.EntityName is { Length: > 0 } recorded ? recorded : NameInDetails(line.Details);
        var own = text["AuditAction:" + line.Action];
        if (!own.ResourceNotFound)
        {
            if (name is null && text["AuditAction:" + line.Action + ":unnamed"] is { ResourceNotFound: false } unnamedOwn)
            {
                return string.Format(unnamedOwn.Value, who);
            }
            return string.Format(own.Value, who, name ?? text["AuditLog:NoName"].Value);
        }
        var verb = line.EntityType is { Length: > 0 } type && line.Action.StartsWith(type + ".", StringComparison.Ordinal)
            ? line.Action[(type.Length + 1)..]
            : null;
        if (verb is not ("created" or "updated" or "deleted"))
        {
            return text["AuditSentence:Other", who, ActionName(line.Action, text)];
        }
        var kind = EntityKind(line.EntityType!, text);
        if (verb == "updated" && Changes(line.Details).FirstOrDefault(c => c.Property is "Name" or "Title" or "DisplayName") is { From: { } from, To: { } to })
        {
            return text["AuditSentence:renamed", who, kind, from, to];
        }
        // An entity with no name (a comment, a membership) or one written before names were recorded: its kind alone,
        // never its id (a GUID tells a reader nothing; the details keep it).
        return name is null
            ? text["AuditSentence:" + verb + ":unnamed", who, kind]
            : text["AuditSentence:" + verb, who, kind, name];
    }

    private static readonly string[] NameProperties = ["DisplayName", "Name", "Title", "FileName", "ShortName"];

    /// <summary>
    /// The entity's name from a line's details: a module's own record (<c>{"Name": …}</c>), or the value a save wrote
    /// for a name property (created: its new value; deleted: its last).
    /// </summary>
    internal static string? NameInDetails(string? details)
    {
        if (string.IsNullOrWhiteSpace(details))
        {
            return null;
        }
        try
        {
            using var json = JsonDocument.Parse(details);
            var root = json.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in root.EnumerateObject())
                {
                    if (NameProperties.Contains(property.Name, StringComparer.OrdinalIgnoreCase)
                        && property.Value is { ValueKind: JsonValueKind.String } value && value.GetString() is { Length: > 0 } found)
                    {
                        return found;
                    }
                }
                return null;
            }
            return Changes(details)
                .Where(c => NameProperties.Contains(c.Property, StringComparer.Ordinal))
                .Select(c => c.To is { Length: > 0 } ? c.To : c.From)
                .FirstOrDefault(n => n is { Length: > 0 });
        }
        catch (JsonException)
        {
            // A line cut at its length limit: no name is read from it.
            return null;
        }
    }

    /// <summary>An action's name for the action filter: its own text, or "Workspace – changed".</summary>
    public static string ActionName(string action, IStringLocalizer text)
    {
        var own = text["AuditActionName:" + action];
        if (!own.ResourceNotFound)
        {
            return own.Value;
        }
        var dot = action.LastIndexOf('.');
        if (dot > 0 && action[(dot + 1)..] is "created" or "updated" or "deleted" && !action[..dot].Contains('.', StringComparison.Ordinal))
        {
            return text["AuditActionName:entity", EntityKind(action[..dot], text), text["AuditVerb:" + action[(dot + 1)..]].Value];
        }
        return action;
    }

    /// <summary>The changed properties of an entity's update, as the save wrote them (secrets without values).</summary>
    public static IReadOnlyList<Change> Changes(string? details)
    {
        if (string.IsNullOrWhiteSpace(details) || !details.StartsWith('['))
        {
            return [];
        }
        try
        {
            using var json = JsonDocument.Parse(details);
            return json.RootElement.EnumerateArray()
                .Select(c => new Change(
                    c.TryGetProperty("property", out var p) ? p.GetString() ?? "" : "",
                    c.TryGetProperty("from", out var f) ? f.GetString() : null,
                    c.TryGetProperty("to", out var t) ? t.GetString() : null))
                .ToList();
        }
        catch (JsonException)
        {
            // A line cut at its length limit: its details are shown as they are.
            return [];
        }
    }

    private static string EntityKind(string type, IStringLocalizer text)
    {
        var own = text["AuditEntity:" + type];
        return own.ResourceNotFound ? Words(type) : own.Value;
    }

    /// <summary>"IdentityUserToken`1" → "identity user token": a type without a text still reads as words.</summary>
    private static string Words(string type)
    {
        var name = type.Split('`')[0];
        var words = new System.Text.StringBuilder();
        foreach (var c in name)
        {
            if (char.IsUpper(c) && words.Length > 0)
            {
                words.Append(' ');
            }
            words.Append(char.ToLowerInvariant(c));
        }
        return words.ToString();
    }
}
