using Consortium.Portal.Platform.Domain;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Platform.Validation;

/// <summary>
/// The stamp an edit carries of what the person read (optimistic concurrency, <see cref="Data.ConcurrentWrites"/>): an edit
/// without one is a field error on <c>concurrencyStamp</c> with the Platform's text, in the reader's language, whether the
/// stamp comes in a body (a validator's rule) or in the query string of a DELETE (checked before anything is read).
/// An empty stamp counts as none: no aggregate has it, so it could only ever lose as a 409.
/// </summary>
public static class ConcurrencyStamps
{
    /// <summary>The field's JSON name, as every request carrying a stamp spells it.</summary>
    public const string Field = "concurrencyStamp";

    public static bool IsGiven(Guid? stamp) => stamp is { } value && value != Guid.Empty;

    /// <summary>The rule for a request's stamp: <c>RuleFor(r => r.ConcurrencyStamp).AsRead(platformText)</c>.</summary>
    public static IRuleBuilderOptions<T, Guid?> AsRead<T>(this IRuleBuilder<T, Guid?> rule, IStringLocalizer<PlatformResource> text)
        => rule.Must(IsGiven).WithMessage(_ => text["Validation:ConcurrencyStampRequired"]);

    /// <summary>The same rule for a stamp that is text (ASP.NET Core Identity's users carry theirs as a string).</summary>
    public static IRuleBuilderOptions<T, string?> AsRead<T>(this IRuleBuilder<T, string?> rule, IStringLocalizer<PlatformResource> text)
        => rule.Must(s => !string.IsNullOrWhiteSpace(s)).WithMessage(_ => text["Validation:ConcurrencyStampRequired"]);

    /// <summary>The stamp given outside a validated request (a query string), or the field error when there is none.</summary>
    public static Guid Required(Guid? stamp, IStringLocalizer<PlatformResource> text)
        => IsGiven(stamp) ? stamp!.Value : throw RequestValidationException.For(Field, text["Validation:ConcurrencyStampRequired"]);
}
