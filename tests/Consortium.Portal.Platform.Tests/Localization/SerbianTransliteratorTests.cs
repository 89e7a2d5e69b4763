using Consortium.Portal.Platform.Localization;

namespace Consortium.Portal.Platform.Tests.Localization;

public sealed class SerbianTransliteratorTests
{
    [Theory]
    [InlineData("Dobro došli", "Добро дошли")]
    [InlineData("Đorđe Ćirić čeka šećer i žito", "Ђорђе Ћирић чека шећер и жито")]
    [InlineData("Ljubljana, njiva, džep", "Љубљана, њива, џеп")]
    [InlineData("Ljiljana Njegoš Džajić", "Љиљана Његош Џајић")]
    [InlineData("PAŽNJA: DŽEP I LJUDI SU ČUVANI", "ПАЖЊА: ЏЕП И ЉУДИ СУ ЧУВАНИ")]
    [InlineData("I sutra", "И сутра")]
    public void Serbian_Latin_becomes_Cyrillic_letter_by_letter_and_digraph_by_digraph(string latin, string cyrillic)
        => Assert.Equal(cyrillic, SerbianTransliterator.ToCyrillic(latin));

    [Theory]
    [InlineData("nadživeti", "надживети")]
    [InlineData("odžaliti", "оджалити")]
    [InlineData("Podžanr", "Поджанр")]
    [InlineData("injekcija", "инјекција")]
    [InlineData("konjunkcija", "конјункција")]
    public void Letters_that_only_look_like_a_digraph_stay_two_letters(string latin, string cyrillic)
        => Assert.Equal(cyrillic, SerbianTransliterator.ToCyrillic(latin));

    [Fact]
    public void The_single_character_digraph_ligatures_become_their_letters()
        => Assert.Equal("Џеп, љубав, Њива", SerbianTransliterator.ToCyrillic("ǅep, ǉubav, ǋiva"));

    [Theory]
    [InlineData("Dobro došli, {0}!", "Добро дошли, {0}!")]
    [InlineData("Rok: {0:dd.MM.yyyy} u {1:HH:mm}", "Рок: {0:dd.MM.yyyy} у {1:HH:mm}")]
    [InlineData("{count} dokumenata", "{count} докумената")]
    public void Format_placeholders_are_left_as_they_are(string latin, string cyrillic)
        => Assert.Equal(cyrillic, SerbianTransliterator.ToCyrillic(latin));

    [Theory]
    [InlineData("Pogledajte https://kspag.example/izveštaj?jezik=sr i pišite na info@bprg.example",
                "Погледајте https://kspag.example/izveštaj?jezik=sr и пишите на info@bprg.example")]
    [InlineData("Sajt www.emins.example je gotov", "Сајт www.emins.example је готов")]
    public void Web_and_mail_addresses_are_left_as_they_are(string latin, string cyrillic)
        => Assert.Equal(cyrillic, SerbianTransliterator.ToCyrillic(latin));

    [Theory]
    [InlineData("Izveštaj BPRG u PDF formatu", "Извештај BPRG у PDF формату")]
    [InlineData("Partneri D4D, YUCOM i EMinS", "Партнери D4D, YUCOM и EMinS")]
    [InlineData("Otvorite ga u Wordu", "Отворите га у Wordu")]
    public void Acronyms_and_foreign_words_in_Latin_letters_are_left_as_they_are(string latin, string cyrillic)
        => Assert.Equal(cyrillic, SerbianTransliterator.ToCyrillic(latin));

    [Fact]
    public void Text_that_is_already_Cyrillic_or_has_no_letters_does_not_change()
    {
        Assert.Equal("Већ ћирилица", SerbianTransliterator.ToCyrillic("Већ ћирилица"));
        Assert.Equal("12.05.2026 — 3/4", SerbianTransliterator.ToCyrillic("12.05.2026 — 3/4"));
        Assert.Equal("", SerbianTransliterator.ToCyrillic(""));
    }
}

public sealed class SerbianTransliteratorLatinNamesTests
{
    [Theory]
    [InlineData("Instalirajte Microsoft Authenticator ili Google Authenticator", "Инсталирајте Microsoft Authenticator или Google Authenticator")]
    [InlineData("Pretražite na Googleu i otvorite u Wordu", "Претражите на Googleu и отворите у Wordu")]
    [InlineData("Dobro došli u Consortium Portal", "Добро дошли у Consortium Portal")]
    [InlineData("Izvezite kao PDF ili Excel", "Извезите као PDF или Excel")]
    public void Brand_names_stay_in_Latin_script_with_their_case_endings(string latin, string cyrillic)
        => Assert.Equal(cyrillic, SerbianTransliterator.ToCyrillic(latin));

    [Theory]
    [InlineData("Zatraži recenziju v{0}", "Затражи рецензију v{0}")]
    [InlineData("Vraćeno iz v2.", "Враћено из v2.")]
    [InlineData("Verzija v{0} od {1}", "Верзија v{0} од {1}")]
    public void A_version_is_written_v2_in_every_script(string latin, string cyrillic)
        => Assert.Equal(cyrillic, SerbianTransliterator.ToCyrillic(latin));

    [Fact]
    public void A_v_that_is_a_word_is_still_Serbian()
        => Assert.Equal("в ствари", SerbianTransliterator.ToCyrillic("v stvari"));
}
