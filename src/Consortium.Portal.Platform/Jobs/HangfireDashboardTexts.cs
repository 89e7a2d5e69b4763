using System.Globalization;
using System.Reflection;
using System.Resources;
using Consortium.Portal.Platform.Localization;

namespace Consortium.Portal.Platform.Jobs;

/// <summary>
/// The frame of Hangfire's dashboard (its navigation, the jobs sidebar, the footer, "Back to site") in the reader's
/// language. Hangfire ships its texts in English (and a few languages the portal does not speak) as a resource class of
/// its own, which offers no hook; so its resource manager is replaced, once, by one that reads the Platform's texts
/// (<c>Jobs.Dashboard:{Hangfire's key}</c> in <c>Localization/*.json</c>) and leaves every other text to Hangfire.
/// <c>HangfireDashboardTextsTests</c> fails if a Hangfire update moves the class or its field.
/// </summary>
public sealed class HangfireDashboardTexts : ResourceManager
{
    public const string KeyPrefix = "Jobs.Dashboard:";

    private const string StringsType = "Hangfire.Dashboard.Resources.Strings";

    private readonly ResourceTexts? _texts;
    private readonly ResourceManager _hangfire;

    private HangfireDashboardTexts(ResourceTexts? texts, ResourceManager hangfire)
    {
        _texts = texts;
        _hangfire = hangfire;
    }

    public override string? GetString(string name, CultureInfo? culture)
        => _texts?.Find(KeyPrefix + name, culture ?? CultureInfo.CurrentUICulture) ?? _hangfire.GetString(name, culture);

    public override string? GetString(string name) => GetString(name, null);

    /// <summary>Puts the portal's texts behind Hangfire's dashboard (a second call changes nothing).</summary>
    public static void Install(LocalizedTexts texts)
    {
        var strings = typeof(Hangfire.DashboardOptions).Assembly.GetType(StringsType, throwOnError: true)!;
        var field = strings.GetField("resourceMan", BindingFlags.NonPublic | BindingFlags.Static)
                    ?? throw new InvalidOperationException($"{StringsType} has no resourceMan field any more: the dashboard cannot be localized.");
        var current = (ResourceManager)strings.GetProperty("ResourceManager", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;
        if (current is HangfireDashboardTexts)
        {
            return;
        }
        field.SetValue(null, new HangfireDashboardTexts(texts.Get(typeof(PlatformResource)), current));
    }

    /// <summary>What Hangfire's dashboard would show now for <paramref name="key"/> (for tests).</summary>
    public static string? Current(string key, CultureInfo culture)
    {
        var strings = typeof(Hangfire.DashboardOptions).Assembly.GetType(StringsType, throwOnError: true)!;
        var manager = (ResourceManager)strings.GetProperty("ResourceManager", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;
        return manager.GetString(key, culture);
    }
}
