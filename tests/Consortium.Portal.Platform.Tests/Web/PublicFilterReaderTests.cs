using Consortium.Portal.Platform.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Consortium.Portal.Platform.Tests.Web;

/// <summary>A public list's filters: known values are read, unknown ones are left out and named.</summary>
public sealed class PublicFilterReaderTests
{
    private enum Colour { Red, Green }

    private static PublicFilterReader Reader(string query) => new(new QueryCollection(QueryHelpers.ParseQuery(query)));

    [Fact]
    public void Known_values_are_read_and_missing_ones_are_null()
    {
        var q = Reader("?colour=green&language=sq&year=2026&topic=media");

        Assert.Equal(Colour.Green, q.Enum<Colour>("colour"));
        Assert.Equal("sq", q.OneOf("language", ["en", "sq"]));
        Assert.Equal(2026, q.Number("year", 2000, 2200));
        Assert.Equal("media", q.Text("topic", 10));
        Assert.Null(q.Text("partner", 16));
        Assert.Empty(q.Errors);
    }

    [Fact]
    public void Unknown_values_are_left_out_and_each_is_named_with_its_value()
    {
        var q = Reader("?colour=1&language=de&year=abc&topic=" + new string('x', 11));

        Assert.Null(q.Enum<Colour>("colour"));
        Assert.Null(q.OneOf("language", ["en", "sq"]));
        Assert.Null(q.Number("year", 2000, 2200));
        Assert.Null(q.Text("topic", 10));
        Assert.Equal(
            [new PublicFilterError("colour", "1"), new PublicFilterError("language", "de"), new PublicFilterError("year", "abc"), new PublicFilterError("topic", new string('x', 11))],
            q.Errors);
    }
}
