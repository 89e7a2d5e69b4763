using System.Globalization;
using Consortium.Portal.Documents.Application;
using Consortium.Portal.Platform.Localization;
using Consortium.Portal.Platform.Modularity;
using Consortium.Portal.Platform.Web;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Documents.Tests;

/// <summary>What someone who tries to upload a version of a document checked out by another is told, in each language.</summary>
public class DocumentLockedMessageTests
{
    private static readonly DateTime LockedAtUtc = new(2026, 12, 1, 23, 46, 59, DateTimeKind.Utc);
    private static readonly DateTime ExpiresAtUtc = new(2026, 12, 2, 23, 46, 59, DateTimeKind.Utc);

    [Theory]
    [InlineData("en")]
    [InlineData("sq")]
    [InlineData("sr-Latn")]
    [InlineData("sr-Cyrl")]
    public void The_lock_is_told_on_the_readers_clock_in_their_language_not_in_utc(string culture)
    {
        var belgrade = TimeZoneInfo.FindSystemTimeZoneById("Europe/Belgrade");

        var (detail, format) = Describe(culture, belgrade);

        // 23:46:59 UTC is 00:46 the next day in Belgrade.
        Assert.Contains(new DateTime(2026, 12, 3, 0, 46, 59).ToString("g", format), detail);
        Assert.Contains(new DateTime(2026, 12, 2, 0, 46, 59).ToString("g", format), detail);
        Assert.DoesNotContain("2026-12-02", detail);
        Assert.DoesNotContain("59Z", detail);
        Assert.Contains("Blerta Gashi", detail);
    }

    [Fact]
    public void A_reader_elsewhere_reads_the_time_of_their_own_zone()
    {
        var (detail, format) = Describe("en", TimeZoneInfo.FindSystemTimeZoneById("Europe/London"));

        Assert.Contains(new DateTime(2026, 12, 2, 23, 46, 59).ToString("g", format), detail);
    }

    [Theory]
    [InlineData("sq", new[] { " ai ", " ajo ", "Vetëm ai" })]
    [InlineData("sr-Latn", new[] { "/la", "on/ona", " on ", " ona " })]
    [InlineData("en", new[] { " he ", " she ", " his ", " her " })]
    public void The_wording_does_not_guess_the_holders_gender(string culture, string[] gendered)
    {
        var (detail, _) = Describe(culture, TimeZoneInfo.FindSystemTimeZoneById("Europe/Belgrade"));

        Assert.All(gendered, word => Assert.DoesNotContain(word, detail, StringComparison.OrdinalIgnoreCase));
    }

    private static (string Detail, CultureInfo Format) Describe(string culture, TimeZoneInfo reader)
    {
        var (ui, current) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        try
        {
            var cultureInfo = CultureInfo.GetCultureInfo(culture);
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = cultureInfo;
            var problem = ExceptionProblems.Describe(new DocumentLockedException("Blerta Gashi", LockedAtUtc, ExpiresAtUtc),
                new ModuleTexts(), includeExceptionDetails: false, reader);
            return (problem.Detail!, cultureInfo);
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, current);
        }
    }

    /// <summary>The module's real texts, as the portal reads them from its embedded JSON.</summary>
    private sealed class ModuleTexts : IStringLocalizerFactory
    {
        private static readonly ResourceTexts Documents = LocalizedTexts.Load(new ModuleLocalization(typeof(DocumentsResource), typeof(DocumentsResource).Assembly));

        public IStringLocalizer Create(Type resourceSource) => new PortalStringLocalizer(Documents);

        public IStringLocalizer Create(string baseName, string location) => new PortalStringLocalizer(Documents);
    }
}
