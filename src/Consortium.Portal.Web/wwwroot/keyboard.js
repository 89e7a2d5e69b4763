// Keyboard access that MudBlazor's tabs lack: they answer clicks only and cannot be reached with Tab. Each tab becomes a
// stop of the Tab key; Enter or Space opens it, the left and right arrows move to the tab beside it. And the focus a
// question needs when it opens (data-autofocus), which MudBlazor's dialogs do not give.
(() => {
    const tabs = ".mud-tabs .mud-tab";

    function reachable(root) {
        for (const tab of root.querySelectorAll(tabs)) {
            const disabled = tab.classList.contains("mud-disabled");
            const wanted = disabled ? "-1" : "0";
            if (tab.getAttribute("tabindex") !== wanted) tab.setAttribute("tabindex", wanted);
            if (!tab.hasAttribute("role")) tab.setAttribute("role", "tab");
            const selected = tab.classList.contains("mud-tab-active") ? "true" : "false";
            if (tab.getAttribute("aria-selected") !== selected) tab.setAttribute("aria-selected", selected);
        }
    }

    document.addEventListener("keydown", e => {
        const tab = e.target instanceof Element ? e.target.closest(tabs) : null;
        if (!tab || e.ctrlKey || e.altKey || e.metaKey) return;
        if (e.key === "Enter" || e.key === " ") {
            e.preventDefault();
            tab.click();
        } else if (e.key === "ArrowRight" || e.key === "ArrowLeft") {
            const all = [...tab.closest(".mud-tabs").querySelectorAll(tabs)].filter(t => !t.classList.contains("mud-disabled"));
            const next = all[(all.indexOf(tab) + (e.key === "ArrowRight" ? 1 : all.length - 1)) % all.length];
            e.preventDefault();
            next?.focus();
            next?.scrollIntoView({ block: "nearest", inline: "nearest" });
        }
    });

    // The answer a keyboard user should land on when a question opens (the unsaved-changes dialog's "Stay": the safe
    // one) carries data-autofocus, and is focused when it appears. MudBlazor's dialog then moves the focus to its focus
    // trap's fallback (a div with tabindex -1, from which Enter does nothing), a server round trip later: focus landing
    // on such an element beside a data-autofocus answer goes on to the answer, however late it comes.
    document.addEventListener("focusin", e => {
        const target = e.target;
        if (!(target instanceof HTMLElement) || target.getAttribute("tabindex") !== "-1") return;
        const wanted = target.parentElement?.querySelector("[data-autofocus]");
        if (wanted instanceof HTMLElement && wanted !== target) wanted.focus();
    });
    const autofocused = new WeakSet();
    function autofocus() {
        for (const element of document.querySelectorAll("[data-autofocus]")) {
            if (!autofocused.has(element)) {
                autofocused.add(element);
                element.focus();
            }
        }
    }

    reachable(document);
    new MutationObserver(() => { reachable(document); autofocus(); }).observe(document.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ["class"] });
})();
