using FluentValidation;

namespace Consortium.Portal.Platform.Validation;

/// <summary>
/// A module's validator as a MudBlazor form sees it: <c>&lt;MudForm Model="@model" Validation="@(FormValidation.For(validator))"&gt;</c>
/// checks each field as the user leaves it with the very rules the API applies, in the user's language.
/// </summary>
public static class FormValidation
{
    public static Func<object, string, Task<IEnumerable<string>>> For<T>(IValidator<T> validator)
        => async (model, propertyName) =>
        {
            var result = await validator.ValidateAsync(ValidationContext<T>.CreateWithOptions((T)model, o => o.IncludeProperties(propertyName)));
            return result.IsValid ? [] : result.Errors.Select(e => e.ErrorMessage).Distinct().ToArray();
        };
}
