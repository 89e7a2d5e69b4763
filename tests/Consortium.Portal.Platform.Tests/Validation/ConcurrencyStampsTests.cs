using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Platform.Tests.Infrastructure;
using Consortium.Portal.Platform.Validation;
using FluentValidation;

namespace Consortium.Portal.Platform.Tests.Validation;

/// <summary>An edit without the stamp of what was read is one field error, with one text, in a body or a query string.</summary>
public sealed class ConcurrencyStampsTests
{
    private static readonly EmbeddedJsonLocalizer Text = new();
    private const string Missing = "The concurrency stamp of the version you read is missing: send it with the change.";

    private sealed record RenameRequest(string? Name, Guid? ConcurrencyStamp);

    private sealed class RenameRequestValidator : AbstractValidator<RenameRequest>
    {
        public RenameRequestValidator() => RuleFor(r => r.ConcurrencyStamp).AsRead(Text);
    }

    private sealed record ProfileRequest(string? ConcurrencyStamp);

    private sealed class ProfileRequestValidator : AbstractValidator<ProfileRequest>
    {
        public ProfileRequestValidator() => RuleFor(r => r.ConcurrencyStamp).AsRead(Text);
    }

    public static TheoryData<Guid?> NoStamps => new() { null, Guid.Empty };

    [Theory]
    [MemberData(nameof(NoStamps))]
    public async Task A_body_without_a_stamp_is_a_field_error_on_concurrencyStamp(Guid? stamp)
    {
        var refusal = await Assert.ThrowsAsync<RequestValidationException>(() => new RenameRequestValidator().EnsureValidAsync(new RenameRequest("x", stamp)));

        Assert.Equal([ConcurrencyStamps.Field], refusal.Errors.Keys);
        Assert.Equal([Missing], refusal.Errors[ConcurrencyStamps.Field]);
    }

    [Theory]
    [MemberData(nameof(NoStamps))]
    public void A_query_string_without_a_stamp_is_the_same_field_error(Guid? stamp)
    {
        var refusal = Assert.Throws<RequestValidationException>(() => ConcurrencyStamps.Required(stamp, Text));

        Assert.Equal([Missing], refusal.Errors[ConcurrencyStamps.Field]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public async Task A_text_stamp_missing_is_the_same_field_error(string? stamp)
    {
        var refusal = await Assert.ThrowsAsync<RequestValidationException>(() => new ProfileRequestValidator().EnsureValidAsync(new ProfileRequest(stamp)));

        Assert.Equal([Missing], refusal.Errors[ConcurrencyStamps.Field]);
        await new ProfileRequestValidator().EnsureValidAsync(new ProfileRequest(Guid.NewGuid().ToString()));
    }

    [Fact]
    public async Task A_stamp_as_read_passes_both()
    {
        var stamp = Guid.NewGuid();

        await new RenameRequestValidator().EnsureValidAsync(new RenameRequest("x", stamp));
        Assert.Equal(stamp, ConcurrencyStamps.Required(stamp, Text));
    }
}
