// Text typed into a field that still has the focus is not on the server yet: MudBlazor's fields send their value when
// they lose the focus. The server's guard (UnsavedChangesGuard) arms the browser's "leave site?" prompt only once the
// value arrives, so a reload or a closed tab right after typing would lose the text without a word. Here, in the
// browser, a field typed into beside a guard counts as unsaved until its value is sent (its change event).
(() => {
    const typed = new Set();
    const guarded = element => element instanceof Element
        && [...document.querySelectorAll("[data-unsaved-guard]")].some(guard => guard.parentElement?.contains(element));

    document.addEventListener("input", e => { if (guarded(e.target)) typed.add(e.target); }, true);
    document.addEventListener("change", e => typed.delete(e.target), true);
    window.addEventListener("beforeunload", e => {
        if ([...typed].some(field => field.isConnected)) {
            e.preventDefault();
            e.returnValue = "";
        }
    });
})();
