// Whether the focus that just left a control of the bell's panel is still the panel's: inside it, on the bell (whose
// click closes the panel itself), inside another open popover (MudBlazor draws a popover the panel opens at the end of
// the page, outside the panel; the panel's overlay keeps every other one shut), or on nothing (a control disabled or
// drawn anew under it drops the focus to the page's body: that is not the person leaving).
export function focusStays(panel, bell) {
  const now = document.activeElement;
  if (!now || now === document.body || now === document.documentElement) {
    return true;
  }
  return panel.contains(now) || bell.contains(now) || !!now.closest(".mud-popover-open");
}
