// The browser's half of a ReorderList's drag (ReorderList.razor). The circuit hears which item is dragged and which one
// it is dropped onto; two things it cannot do from there are done here:
// - give the drag data when it starts: Firefox starts no drag without it (a type of our own, so a drop into a text
//   field elsewhere inserts nothing);
// - show, while the item is dragged, where it would land: a line above the item under the pointer when moving up, below
//   it when moving down, drawn at once rather than a round trip per item passed over.
// Only the list's own items count: a list inside another's item has its own listeners, and the outer ignores its drags.

export function attach(list) {
    if (!list || list.dataset.reorderAttached) {
        return;
    }
    list.dataset.reorderAttached = "true";

    let dragged = null;
    let marked = null;

    const ownItem = e => {
        const item = e.target instanceof Element ? e.target.closest("[data-reorder-item]") : null;
        return item && item.parentElement === list ? item : null;
    };

    const mark = item => {
        if (marked === item) {
            return;
        }
        if (marked) {
            marked.style.boxShadow = "";
        }
        marked = item && item !== dragged ? item : null;
        if (marked) {
            const items = Array.from(list.children);
            const up = items.indexOf(marked) < items.indexOf(dragged);
            marked.style.boxShadow = `0 ${up ? "-3px" : "3px"} 0 0 var(--mud-palette-primary)`;
        }
    };

    const end = () => {
        if (dragged) {
            dragged.style.opacity = "";
        }
        mark(null);
        dragged = null;
    };

    list.addEventListener("dragstart", e => {
        const item = ownItem(e);
        if (!item || !e.dataTransfer) {
            return;
        }
        dragged = item;
        e.dataTransfer.effectAllowed = "move";
        e.dataTransfer.setData("application/x-portal-reorder", "");
        item.style.opacity = "0.5";
    });
    list.addEventListener("dragover", e => {
        if (dragged) {
            mark(ownItem(e));
        }
    });
    list.addEventListener("drop", end);
    list.addEventListener("dragend", end);
}
