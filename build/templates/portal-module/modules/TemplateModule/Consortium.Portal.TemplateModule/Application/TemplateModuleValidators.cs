using FluentValidation;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.TemplateModule.Application;

// One validator per request: the Platform runs it on every endpoint that takes the request and the forms use it
// through FormValidation.For, so the API and the UI refuse the same input with the same words.

internal sealed class CreateTemplateModuleItemValidator : AbstractValidator<CreateTemplateModuleItemRequest>
{
    public CreateTemplateModuleItemValidator(IStringLocalizer<TemplateModuleResource> text)
        => RuleFor(r => r.Name).ItemName(text);
}

internal sealed class RenameTemplateModuleItemValidator : AbstractValidator<RenameTemplateModuleItemRequest>
{
    public RenameTemplateModuleItemValidator(IStringLocalizer<TemplateModuleResource> text)
        => RuleFor(r => r.Name).ItemName(text);
}

internal static class TemplateModuleRules
{
    public static IRuleBuilderOptions<T, string?> ItemName<T>(this IRuleBuilder<T, string?> rule, IStringLocalizer<TemplateModuleResource> text)
        => rule
            .Must(name => !string.IsNullOrWhiteSpace(name)).WithMessage(_ => text["Validation.NameRequired"])
            .Must(name => name is null || name.Trim().Length <= TemplateModuleConsts.MaxNameLength)
            .WithMessage(_ => text["Validation.NameTooLong", TemplateModuleConsts.MaxNameLength]);
}
