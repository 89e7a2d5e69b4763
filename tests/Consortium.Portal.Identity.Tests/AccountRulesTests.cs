using Consortium.Portal.Identity.Account;
using Consortium.Portal.Identity.Administration;
using Consortium.Portal.Identity.Api;

namespace Consortium.Portal.Identity.Tests;

public sealed class AccountRulesTests
{
    [Theory]
    [InlineData("/admin/users", "/admin/users")]
    [InlineData("/admin/users?partner=1", "/admin/users?partner=1")]
    [InlineData("/", "/")]
    [InlineData(null, "/")]
    [InlineData("", "/")]
    [InlineData("//evil.example/path", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("https://evil.example", "/")]
    [InlineData("javascript:alert(1)", "/")]
    [InlineData("/\nLocation: x", "/")]
    public void Only_local_return_urls_are_followed(string? returnUrl, string expected)
        => Assert.Equal(expected, Consortium.Portal.Platform.Web.LocalUrl.OrHome(returnUrl));

    [Fact]
    public void The_shared_key_is_shown_in_groups_of_four()
        => Assert.Equal("abcd efgh ijkl mnop qr", TwoFactorSetUp.FormatKey("ABCDEFGHIJKLMNOPQR"));

    [Fact]
    public void The_authenticator_uri_names_the_portal_and_the_account()
    {
        var uri = TwoFactorSetUp.AuthenticatorUri("coordinator@demo.portal", "ABCDEFGH");

        Assert.Equal("otpauth://totp/Consortium%20Portal:coordinator%40demo.portal?secret=ABCDEFGH&issuer=Consortium%20Portal&digits=6&period=30", uri);
    }

    [Theory]
    [InlineData("123 456", "123456")]
    [InlineData(" 123-456 ", "123456")]
    public void Authenticator_codes_may_be_typed_with_spaces_or_a_dash(string typed, string code)
        => Assert.Equal(code, AccountSignIn.NormalizeCode(typed));

    [Fact]
    public void Recovery_codes_keep_their_dash()
        => Assert.Equal("ab12c-de34f", AccountSignIn.NormalizeRecoveryCode(" ab12c-de34f "));

    [Theory]
    [InlineData("arta@example.org", true)]
    [InlineData("arta.berisha+portal@bprg.example", true)]
    [InlineData("arta", false)]
    [InlineData("arta@", false)]
    [InlineData("@example.org", false)]
    [InlineData("a b@example.org", false)]
    [InlineData("a@b@example.org", false)]
    [InlineData("Arta <arta@example.org>", false)]
    public void Email_addresses_are_checked(string value, bool valid) => Assert.Equal(valid, IdentityRules.LooksLikeEmail(value));
}
