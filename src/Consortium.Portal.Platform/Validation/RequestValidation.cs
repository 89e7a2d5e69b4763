using Consortium.Portal.Platform.Domain;
using FluentValidation;
using FluentValidation.Results;

namespace Consortium.Portal.Platform.Validation;

/// <summary>
/// The one way to run a module's validators (FluentValidation) from application code, an endpoint filter or a form:
/// failures become a <see cref="RequestValidationException"/> keyed by JSON field name (camelCase).
/// </summary>
public static class RequestValidation
{
    /// <summary>Throws <see cref="RequestValidationException"/> when <paramref name="request"/> breaks a rule; changes nothing.</summary>
    public static async Task EnsureValidAsync<T>(this IValidator<T> validator, T request, CancellationToken cancellationToken = default)
    {
        var result = await validator.ValidateAsync(request, cancellationToken);
        if (!result.IsValid)
        {
            throw new RequestValidationException(ToFieldErrors(result));
        }
    }

    /// <summary>The failures by JSON field name, each field's messages in rule order.</summary>
    public static IReadOnlyDictionary<string, string[]> ToFieldErrors(ValidationResult result)
        => result.Errors
            .GroupBy(e => JsonFieldName(e.PropertyName), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray(), StringComparer.Ordinal);

    /// <summary>"Members[0].UserId" → "members[0].userId": the names System.Text.Json's web defaults give the fields.</summary>
    public static string JsonFieldName(string propertyPath)
    {
        if (string.IsNullOrEmpty(propertyPath))
        {
            return "";
        }
        var parts = propertyPath.Split('.');
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i].Length > 0 && char.IsUpper(parts[i][0]))
            {
                parts[i] = char.ToLowerInvariant(parts[i][0]) + parts[i][1..];
            }
        }
        return string.Join('.', parts);
    }
}
