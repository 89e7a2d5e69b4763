using Consortium.Portal.Identity.Domain;
using Consortium.Portal.Identity.Security;
using Consortium.Portal.Identity.Seeding;

namespace Consortium.Portal.Identity.Tests;

public sealed class PasswordValidatorTests
{
    private static readonly PortalUser Someone = new() { Email = "vesna.petrovic@bcsp.org", UserName = "vesna.petrovic@bcsp.org", DisplayName = "Vesna Petrović" };

    private static string? Refusal(string password, PortalUser? user = null)
    {
        var result = new PortalPasswordValidator(new TestLocalizer()).Validate(user ?? Someone, password);
        return result.Succeeded ? null : result.Errors.Single().Code;
    }

    [Theory]
    [InlineData("Demo-Portal-2026!")]
    [InlineData("violet harbour sings quietly")]
    [InlineData("river lamp Gjilan autumn")]
    [InlineData("Kraljevo-mountain-tea-42")]
    [InlineData("ujë i ftohtë në mëngjes")]
    [InlineData("šljivovica i čaj od nane")]
    public void A_long_uncommon_password_is_accepted(string password) => Assert.Null(Refusal(password));

    [Fact]
    public void The_demo_password_passes_every_rule()
    {
        var demoUser = new PortalUser { Email = "coordinator@demo.portal", UserName = "coordinator@demo.portal", DisplayName = "Ardita Kelmendi" };
        Assert.Null(Refusal(IdentitySeeder.DemoPassword, demoUser));
    }

    [Theory]
    [InlineData("password1234")]
    [InlineData("Password1234")]
    [InlineData("P@ssw0rd2026!")]
    [InlineData("!!Password!!2026")]
    [InlineData("iloveyou1234")]
    [InlineData("welcome12345")]
    [InlineData("administrator")]
    [InlineData("qwertyuiop123")]
    public void A_common_password_is_refused(string password) => Assert.Equal(PortalPasswordValidator.CommonCode, Refusal(password));

    [Theory]
    [InlineData("qwertyuiop[]")]
    [InlineData("1qaz2wsx3edc4rfv")]
    [InlineData("zxcvbnm,./")]
    [InlineData("poiuytrewq")]
    [InlineData("qwertzuiop")]
    public void A_keyboard_walk_is_refused(string password) => Assert.Equal(PortalPasswordValidator.CommonCode, Refusal(password));

    [Theory]
    [InlineData("aaaaaaaaaaaaaaa")]
    [InlineData("abcabcabcabcabc")]
    [InlineData("sunshinesunshine")]
    [InlineData("Summer-Summer-Summer")]
    [InlineData("1234567890123456")]
    [InlineData("abcdefghijklmnop")]
    [InlineData("9876543210987")]
    public void Repetitions_and_sequences_are_refused(string password) => Assert.Equal(PortalPasswordValidator.CommonCode, Refusal(password));

    [Theory]
    [InlineData("ConsortiumPortal2026")]
    [InlineData("Kosovo-Serbia-2026!")]
    [InlineData("Prishtina!2026")]
    [InlineData("Beograd123456")]
    [InlineData("BCSP-BCSP-BCSP")]
    [InlineData("YUCOM2026!!!!")]
    [InlineData("Lozinka123456")]
    [InlineData("Fjalekalimi2026")]
    public void The_portals_and_partners_names_are_refused(string password) => Assert.Equal(PortalPasswordValidator.CommonCode, Refusal(password));

    [Theory]
    [InlineData("vesna.petrovic@bcsp.org!")]
    [InlineData("my vesna.petrovic secret")]
    [InlineData("VesnaPetrovic1990")]
    [InlineData("Petrovic-2026-!!")]
    public void A_password_made_of_the_users_own_email_or_name_is_refused(string password)
        => Assert.Equal(PortalPasswordValidator.PersonalCode, Refusal(password));

    [Fact]
    public void A_password_longer_than_128_characters_is_refused_with_the_limit_in_the_message()
    {
        var result = new PortalPasswordValidator(new TestLocalizer()).Validate(Someone, new string('x', 60) + "river lamp autumn " + new string('y', 60));

        var error = Assert.Single(result.Errors);
        Assert.Equal(PortalPasswordValidator.TooLongCode, error.Code);
        Assert.Contains("128", error.Description);
    }

    [Fact]
    public void A_password_of_exactly_128_characters_is_accepted()
    {
        var password = string.Concat(Enumerable.Repeat("river lamp autumn tea ", 6))[..128];

        Assert.Equal(128, password.Length);
        Assert.Null(Refusal(password));
    }

    [Fact]
    public void The_shipped_list_has_every_section_filled()
    {
        var list = CommonPasswordList.Default;

        Assert.True(list.PasswordCount >= 80, $"only {list.PasswordCount} passwords");
        Assert.True(list.WordCount >= 200, $"only {list.WordCount} words");
        Assert.True(list.WalkCount >= 10, $"only {list.WalkCount} walks");
    }

    [Fact]
    public void Every_listed_password_has_at_least_twelve_characters()
    {
        using var stream = typeof(IdentityModule).Assembly.GetManifestResourceStream("Consortium.Portal.Identity.Security.CommonPasswords.txt")!;
        var text = new StreamReader(stream).ReadToEnd();
        var passwords = text.Split('\n').Select(l => l.Trim())
            .SkipWhile(l => l != "[passwords]").Skip(1).TakeWhile(l => !l.StartsWith('['))
            .Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();

        Assert.NotEmpty(passwords);
        Assert.All(passwords, p => Assert.True(p.Length >= 12, $"'{p}' is shorter than the minimum length, so listing it is pointless"));
    }

    [Fact]
    public void A_list_line_before_any_section_is_a_format_error()
        => Assert.Throws<FormatException>(() => CommonPasswordList.Parse("password1234\n[passwords]\n"));
}
