using Consortium.Portal.Platform.Text;

namespace Consortium.Portal.Platform.Tests.Text;

/// <summary>A title in any of the portal's scripts gives a readable ASCII slug, not only its id.</summary>
public sealed class SlugsTests
{
    private static readonly Guid Id = Guid.Parse("3f2504e0-4f89-11d3-9a0c-0305e82c3301");

    [Theory]
    [InlineData("Reporting fairly on the dialogue", "reporting-fairly-on-the-dialogue-e82c3301")]
    [InlineData("Извештавање о дијалогу", "izvestavanje-o-dijalogu-e82c3301")]
    [InlineData("Izveštavanje o dijalogu", "izvestavanje-o-dijalogu-e82c3301")]
    [InlineData("Ђачки љубитељи џеза и њихова ћуд", "djacki-ljubitelji-dzeza-i-njihova-cud-e82c3301")]
    [InlineData("ЉУБЉАНА ЊИВА ЏЕП", "ljubljana-njiva-dzep-e82c3301")]
    [InlineData("Raportimi për dialogun në Çabrat", "raportimi-per-dialogun-ne-cabrat-e82c3301")]
    [InlineData("Шта је ново? 2026", "sta-je-novo-2026-e82c3301")]
    public void A_title_becomes_ascii_words_and_a_piece_of_the_id(string title, string slug)
        => Assert.Equal(slug, Slugs.For(title, Id));

    [Fact]
    public void A_title_with_no_letters_of_any_script_is_only_the_id()
        => Assert.Equal("e82c3301", Slugs.For("— ★ —", Id));
}
