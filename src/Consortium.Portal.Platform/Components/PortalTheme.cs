using MudBlazor;

namespace Consortium.Portal.Platform.Components;

/// <summary>The portal's one MudBlazor theme, shared by the main layout and the account pages' layout.</summary>
public static class PortalTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1F4E79",
            Secondary = "#2E7D6B",
            AppbarBackground = "#1F4E79",
            Background = "#F6F7F9",
        },
        LayoutProperties = new LayoutProperties { DrawerWidthLeft = "260px" },
    };
}
