using Consortium.Portal.TemplateModule.Application;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.TemplateModule.Tests;

public sealed class TemplateModuleValidatorTests
{
    /// <summary>Answers with the key and its arguments, so a test sees which message was chosen.</summary>
    private sealed class KeyTexts : IStringLocalizer<TemplateModuleResource>
    {
        public LocalizedString this[string name] => new(name, name);
        public LocalizedString this[string name, params object[] arguments] => new(name, $"{name}({string.Join(",", arguments)})");
        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => [];
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void An_item_without_a_name_is_refused(string? name)
    {
        var result = new CreateTemplateModuleItemValidator(new KeyTexts()).Validate(new CreateTemplateModuleItemRequest(name));

        Assert.Equal(["Validation.NameRequired"], result.Errors.Select(e => e.ErrorMessage));
    }

    [Fact]
    public void A_name_longer_than_the_limit_is_refused_with_the_limit_in_the_message()
    {
        var name = new string('x', TemplateModuleConsts.MaxNameLength + 1);

        var result = new RenameTemplateModuleItemValidator(new KeyTexts()).Validate(new RenameTemplateModuleItemRequest(name, Guid.NewGuid()));

        Assert.Equal([$"Validation.NameTooLong({TemplateModuleConsts.MaxNameLength})"], result.Errors.Select(e => e.ErrorMessage));
    }

    [Fact]
    public void A_name_at_the_limit_is_accepted()
    {
        var result = new CreateTemplateModuleItemValidator(new KeyTexts())
            .Validate(new CreateTemplateModuleItemRequest(new string('x', TemplateModuleConsts.MaxNameLength)));

        Assert.True(result.IsValid);
    }
}
