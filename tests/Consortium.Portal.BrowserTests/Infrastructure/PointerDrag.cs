using Microsoft.Playwright;

namespace Consortium.Portal.BrowserTests.Infrastructure;

/// <summary>
/// Drags one element onto another with the mouse, slowly, as a hand does: a press and a jump straight to the target is
/// not a drag the browser starts. The item lands in the place of the one it is released over (the Platform's ReorderList).
/// </summary>
public static class PointerDrag
{
    /// <summary>
    /// Presses on <paramref name="item"/>, moves a little (the drag starts), then to the top of <paramref name="onto"/>,
    /// and releases. Meant to run inside <see cref="UntilShown.NudgeAsync"/>: an element the circuit is re-rendering has
    /// no box for a moment (Playwright answers null, not a wait), and that round is a <see cref="TimeoutException"/>,
    /// which the nudge tries again, not a NullReferenceException that ends the test.
    /// </summary>
    public static async Task OntoAsync(IPage page, ILocator item, ILocator onto)
    {
        var from = await item.BoundingBoxAsync(new LocatorBoundingBoxOptions { Timeout = 5_000 })
            ?? throw new TimeoutException("The dragged item has no box (being re-rendered).");
        var to = await onto.BoundingBoxAsync(new LocatorBoundingBoxOptions { Timeout = 5_000 })
            ?? throw new TimeoutException("The drop target has no box (being re-rendered).");
        await page.Mouse.MoveAsync(from.X + 10, from.Y + from.Height / 2);
        await page.Mouse.DownAsync();
        try
        {
            await page.Mouse.MoveAsync(from.X + 12, from.Y + from.Height / 2 - 10, new MouseMoveOptions { Steps = 5 });
            await page.Mouse.MoveAsync(to.X + 12, to.Y + 4, new MouseMoveOptions { Steps = 20 });
        }
        finally
        {
            // Never leave the button pressed: the next round's press would not start a drag.
            await page.Mouse.UpAsync();
        }
    }
}
