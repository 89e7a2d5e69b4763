using MudBlazor;

namespace Consortium.Portal.Platform.Components;

/// <summary>The portal's one MudBlazor theme, shared by the main layout and the account pages' layout.</summary>
public static class PortalTheme
{
    // WCAG 2.2 AA asks 4.5:1 for text. MudBlazor's own success, warning, error and info colours reach 2–3.7:1 on white
    // (Approve 2.2:1, Request changes 2.15:1, the "Active" chip 2.2:1), so each is darkened here, once for every
    // component: each colour below reads at least 4.5:1 as text on white and on the page background (#F6F7F9), and
    // white text on it reads as well (filled buttons and chips). PortalThemeTests keeps it so.
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1F4E79",
            Secondary = "#24695A",
            Info = "#0D5BA8",
            Success = "#1B6E20",
            Warning = "#9A4A00",
            Error = "#B71C1C",
            AppbarBackground = "#1F4E79",
            Background = "#F6F7F9",
            // MudBlazor's grey for secondary text (60 % black) holds 4.5:1 on the background only just; a little darker.
            TextSecondary = "rgba(0,0,0,0.66)",
        },
        LayoutProperties = new LayoutProperties { DrawerWidthLeft = "260px" },
    };
}
