using System.Security.Claims;
using Bunit;
using Consortium.Portal.Platform.Components;
using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Platform.Localization;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Platform.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Platform.Tests.Components;

public sealed class PortalFormPageBaseTests : IAsyncLifetime
{
    private readonly BunitContext _page = new();

    public Task InitializeAsync()
    {
        _page.Services.AddSingleton<IStringLocalizer<PlatformResource>, EmbeddedJsonLocalizer>();
        _page.Services.AddSingleton<IStringLocalizerFactory, EmbeddedJsonLocalizerFactory>();
        _page.Services.AddHttpContextAccessor();
        _page.Services.AddScoped(_ => new CurrentPrincipal { Principal = new ClaimsPrincipal(new ClaimsIdentity()) });
        _page.Services.AddScoped<ICurrentUser, CurrentUser>();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _page.DisposeAsync();

    [Fact]
    public async Task Invalid_input_is_shown_under_its_fields_with_the_portals_summary()
    {
        var form = Render();

        var accepted = await form.InvokeAsync(() => form.Instance.SubmitAsync(
            () => throw RequestValidationException.For("email", "Enter a valid e-mail address.")));

        Assert.False(accepted);
        Assert.Equal("Enter a valid e-mail address.", form.Instance.ErrorOf("email"));
        Assert.Null(form.Instance.ErrorOf("password"));
        Assert.Equal("The request has invalid values.", form.Instance.Shown);
    }

    [Fact]
    public async Task A_refusal_is_shown_in_the_words_the_api_uses_and_a_success_clears_it()
    {
        var form = Render();

        await form.InvokeAsync(() => form.Instance.SubmitAsync(() => throw new ForbiddenException("Not yours.")));
        var refused = form.Instance.Shown;
        var accepted = await form.InvokeAsync(() => form.Instance.SubmitAsync(() => Task.CompletedTask));

        Assert.StartsWith("You do not have the permission", refused);
        Assert.True(accepted);
        Assert.Null(form.Instance.Shown);
    }

    [Fact]
    public async Task A_fault_of_the_portal_is_not_taken_for_a_refusal()
    {
        var form = Render();

        await Assert.ThrowsAsync<InvalidOperationException>(() => form.InvokeAsync(() => form.Instance.SubmitAsync(() => throw new InvalidOperationException("bug"))));
    }

    [Fact]
    public void A_message_of_the_page_itself_can_name_its_field()
    {
        var form = Render();

        form.Instance.RefuseEmail("Enter your e-mail address.");

        Assert.Equal("Enter your e-mail address.", form.Instance.Shown);
        Assert.Equal("Enter your e-mail address.", form.Instance.ErrorOf("email"));
    }

    [Theory]
    [InlineData("/workspaces", "/workspaces", "/account/sign-in-2fa?returnUrl=%2Fworkspaces")]
    [InlineData("//evil.example", "/", "/account/sign-in-2fa?returnUrl=%2F")]
    [InlineData(null, "/", "/account/sign-in-2fa")]
    public void The_return_url_stays_on_the_site(string? returnUrl, string safe, string carried)
    {
        var form = Render(returnUrl);

        Assert.Equal(safe, form.Instance.Safe);
        Assert.Equal(carried, form.Instance.Carry("/account/sign-in-2fa"));
    }

    private IRenderedComponent<SignInLikePage> Render(string? returnUrl = null)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = HttpMethods.Post;
        return _page.Render<SignInLikePage>(p => p.AddCascadingValue(http).Add(c => c.Return, returnUrl));
    }

    private sealed class SignInLikePage : PortalFormPageBase<PlatformResource>
    {
        [Parameter] public string? Return { get; set; }

        protected override void OnParametersSet() => ReturnUrl = Return;

        public string? Shown => Problem?.Message;

        public string Safe => SafeReturnUrl;

        public string? ErrorOf(string field) => FieldError(field);

        public string Carry(string path) => WithReturnUrl(path);

        public Task<bool> SubmitAsync(Func<Task> operation) => RunAsync(operation);

        public void RefuseEmail(string message) => Refuse(message, "email");
    }
}
