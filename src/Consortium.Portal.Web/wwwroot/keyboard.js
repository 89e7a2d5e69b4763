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
    // one) carries data-autofocus, and is focused once, when it appears. MudBlazor's own DefaultFocus puts the focus on
    // its focus trap's first sentinel, from which Enter does nothing.
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
