using FluentValidation;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Platform.Validation;

/// <summary>
/// Rules for text people type: a name or a subject is one line, with no control character (a CR/LF in a subject would
/// write a line of its own into a plain-text log, or a header of an e-mail); a message may break lines but carries no
/// other control character. The message is the Platform's, in the user's language.
/// </summary>
public static class PlainText
{
    public static bool IsOneLine(string? value) => value is null || !value.Any(IsControl);

    public static bool IsMultilineText(string? value) => value is null || !value.Any(c => IsControl(c) && c is not ('\r' or '\n' or '\t'));

    /// <summary>Control characters, and the Unicode line and paragraph separators, which break lines as well.</summary>
    private static bool IsControl(char c) => char.IsControl(c) || c is '\u2028' or '\u2029';

    public static IRuleBuilderOptions<T, string?> OneLine<T>(this IRuleBuilder<T, string?> rule, IStringLocalizer<PlatformResource> text)
        => rule.Must(IsOneLine).WithMessage(_ => text["Validation:ControlCharacters"]);

    public static IRuleBuilderOptions<T, string?> MultilineText<T>(this IRuleBuilder<T, string?> rule, IStringLocalizer<PlatformResource> text)
        => rule.Must(IsMultilineText).WithMessage(_ => text["Validation:ControlCharactersInText"]);
}
