using Consortium.Portal.Platform.Jobs;
using Consortium.Portal.Platform.Localization;
using Consortium.Portal.Platform.Modularity;

namespace Consortium.Portal.Platform.Tests.Localization;

/// <summary>The frame of the jobs dashboard (navigation, sidebar, footer) reads the portal's texts in the reader's language.</summary>
public sealed class HangfireDashboardTextsTests
{
    public HangfireDashboardTextsTests()
        => HangfireDashboardTexts.Install(new LocalizedTexts(new ModuleCatalog([new PlatformModule()])));

    [Theory]
    [InlineData("sq", "NavigationMenu_RecurringJobs", "Punët e përsëritura")]
    [InlineData("sr-Latn", "LayoutPage_Back", "Nazad na portal")]
    [InlineData("sr-Cyrl", "JobsSidebarMenu_Failed", "Неуспели")]
    [InlineData("en", "LayoutPage_Back", "Back to the portal")]
    public void The_dashboards_frame_is_in_the_readers_language(string culture, string key, string expected)
        => Assert.Equal(expected, HangfireDashboardTexts.Current(key, PortalCultureFormats.Get(culture)));

    [Fact]
    public void Texts_the_portal_does_not_translate_stay_Hangfires()
        => Assert.False(string.IsNullOrEmpty(HangfireDashboardTexts.Current("AwaitingJobsPage_NoJobs", PortalCultureFormats.Get("sq"))));
}
