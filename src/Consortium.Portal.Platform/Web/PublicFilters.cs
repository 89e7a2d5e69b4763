using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Consortium.Portal.Platform.Web;

/// <summary>A query-string value a public list does not know: the parameter's name and the value as given.</summary>
public sealed record PublicFilterError(string Parameter, string Value);

/// <summary>
/// Reads a public list's filters from the query string (the plain GET form of the catalogue and the library). A value the
/// list does not know is left out of the filter and remembered, so the page can still show the list for the other
/// filters, with a message naming the bad one, and answer 400 (<see cref="PublicPages.ListPage"/>).
/// </summary>
public sealed class PublicFilterReader(IQueryCollection query)
{
    private readonly List<PublicFilterError> _errors = [];

    public IReadOnlyList<PublicFilterError> Errors => _errors;

    /// <summary>One of the enum's named values (case-insensitive); numbers are refused, as the form never sends them.</summary>
    public TEnum? Enum<TEnum>(string parameter) where TEnum : struct, Enum
    {
        if (Given(parameter) is not { } value)
        {
            return null;
        }
        if (System.Enum.TryParse<TEnum>(value, ignoreCase: true, out var parsed) && System.Enum.IsDefined(parsed) && !int.TryParse(value, out _))
        {
            return parsed;
        }
        Refuse(parameter, value);
        return null;
    }

    /// <summary>One of <paramref name="allowed"/>, exactly as written there.</summary>
    public string? OneOf(string parameter, IEnumerable<string> allowed)
    {
        if (Given(parameter) is not { } value)
        {
            return null;
        }
        if (allowed.Contains(value, StringComparer.Ordinal))
        {
            return value;
        }
        Refuse(parameter, value);
        return null;
    }

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public int? Number(string parameter, int min, int max)
    {
        if (Given(parameter) is not { } value)
        {
            return null;
        }
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed >= min && parsed <= max)
        {
            return parsed;
        }
        Refuse(parameter, value);
        return null;
    }

    /// <summary>Free text of at most <paramref name="maxLength"/> characters (a topic, a partner's short name).</summary>
    public string? Text(string parameter, int maxLength)
    {
        if (Given(parameter) is not { } value)
        {
            return null;
        }
        if (value.Length <= maxLength)
        {
            return value;
        }
        Refuse(parameter, value);
        return null;
    }

    private string? Given(string parameter) => query[parameter].ToString() is { Length: > 0 } value ? value : null;

    private void Refuse(string parameter, string value) => _errors.Add(new PublicFilterError(parameter, value));
}
