using Consortium.Portal.Documents.Application;
using Consortium.Portal.Platform;
using Consortium.Portal.Platform.Paging;
using Consortium.Portal.Platform.Validation;
using Consortium.Portal.Tests;

namespace Consortium.Portal.Documents.Tests;

/// <summary>The document list's page: 100 documents by default, at most 500, pages from 1.</summary>
public sealed class DocumentListQueryTests
{
    private static readonly DocumentListQueryValidator Validator = new(new KeyLocalizer<PlatformResource>());

    private static ResolvedPage PageOf(DocumentListQuery query)
    {
        Assert.True(Validator.Validate(query).IsValid);
        return query.ToPage(DocumentListQuery.DefaultPageSize, DocumentListQuery.MaxPageSize);
    }

    [Fact]
    public void No_paging_asked_is_the_first_hundred()
        => Assert.Equal(new ResolvedPage(1, 100), PageOf(new DocumentListQuery()));

    [Fact]
    public void A_page_of_up_to_five_hundred_is_read_where_asked()
    {
        var page = PageOf(new DocumentListQuery { Page = "3", PageSize = "500" });

        Assert.Equal((1000, 500), (page.Skip, page.Take));
    }

    [Theory]
    [InlineData("0", null, "page")]
    [InlineData("-1", null, "page")]
    [InlineData("two", null, "page")]
    [InlineData(null, "0", "pageSize")]
    [InlineData(null, "501", "pageSize")]
    [InlineData(null, "lots", "pageSize")]
    public void A_page_out_of_range_is_refused_by_field(string? page, string? pageSize, string field)
    {
        var errors = RequestValidation.ToFieldErrors(Validator.Validate(new DocumentListQuery { Page = page, PageSize = pageSize }));

        Assert.Equal([field], errors.Keys);
        if (field == "pageSize")
        {
            Assert.Equal([$"Validation:PageSize({DocumentListQuery.MaxPageSize})"], errors[field]);
        }
    }

    [Fact]
    public void The_documents_tab_reads_the_largest_first_page()
        => Assert.Equal(new ResolvedPage(1, DocumentListQuery.MaxPageSize), DocumentListQuery.FirstFullPage);
}
