// Uploads straight from the browser to the streamed upload endpoint, one request per file, so each file shows its own
// progress and its own refusal; the files never pass through the interactive circuit.

// The name travels in the Content-Disposition header (RFC 6266/8187: UTF-8, percent-encoded), the bytes as the body:
// no multipart framing for the server to search through, which made large uploads slower.
function contentDisposition(name) {
    const encoded = encodeURIComponent(name).replace(/['()*]/g, c => "%" + c.charCodeAt(0).toString(16).toUpperCase());
    return "attachment; filename*=UTF-8''" + encoded;
}

function uploadOne(file, url, index, notify) {
    return new Promise(resolve => {
        const request = new XMLHttpRequest();
        request.open("POST", url);
        request.setRequestHeader("Accept", "application/json");
        request.setRequestHeader("Content-Type", "application/octet-stream");
        request.setRequestHeader("Content-Disposition", contentDisposition(file.name));
        request.upload.onprogress = e => {
            if (e.lengthComputable) {
                notify.invokeMethodAsync("OnUploadProgress", index, e.loaded, e.total);
            }
        };
        request.onload = () => {
            notify.invokeMethodAsync("OnUploadFinished", index, request.status, request.responseText).then(resolve, resolve);
        };
        request.onerror = () => {
            notify.invokeMethodAsync("OnUploadFinished", index, 0, "").then(resolve, resolve);
        };
        request.send(file);
    });
}

async function uploadAll(files, url, notify) {
    const list = Array.from(files);
    await notify.invokeMethodAsync("OnUploadStarted", list.map(f => ({ name: f.name, size: f.size })));
    for (let i = 0; i < list.length; i++) {
        await uploadOne(list[i], url, i, notify);
    }
    await notify.invokeMethodAsync("OnUploadsDone");
}

/**
 * Makes zone a drop target, and the zone's button marked data-pick (a real button: Tab reaches it, Enter and Space press
 * it) a picker through input (type=file); both upload to the URL notify.GetUploadUrl() answers.
 */
export function attachUploader(zone, input, notify) {
    // The zone leaves the page when the user opens another tab or the recycle bin before this call arrives; and a zone
    // already taken must not upload each file twice.
    if (!(zone instanceof Element) || !(input instanceof Element)) return false;
    if (zone.dataset.ready === "true") return true;
    const start = async files => {
        if (!files || files.length === 0) return;
        const url = await notify.invokeMethodAsync("GetUploadUrl");
        await uploadAll(files, url, notify);
    };
    zone.addEventListener("dragover", e => { e.preventDefault(); zone.classList.add("documents-drop--over"); });
    zone.addEventListener("dragleave", () => zone.classList.remove("documents-drop--over"));
    zone.addEventListener("drop", e => {
        e.preventDefault();
        zone.classList.remove("documents-drop--over");
        start(e.dataTransfer.files);
    });
    // The picker opens from the browser, not through the circuit; and only a click on the button itself does it: the
    // input's own click bubbles up through the zone, and a zone that opened the picker on any click inside it called
    // itself again on every one of them (a hundred file dialogs and six hundred circuit messages a second).
    const picker = zone.querySelector("[data-pick]");
    if (picker) {
        picker.addEventListener("click", e => {
            if (e.target === input) return;
            e.preventDefault();
            input.click();
        });
    }
    input.addEventListener("click", e => e.stopPropagation());
    input.addEventListener("change", () => { start(input.files).then(() => { input.value = ""; }); });
    // Tells a waiting test (or a curious reader of the page) that drops are now taken.
    zone.dataset.ready = "true";
    return true;
}

function passageIn(element) {
    const selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
    const range = selection.getRangeAt(0);
    if (!element.contains(range.commonAncestorContainer)) return null;
    const before = document.createRange();
    before.selectNodeContents(element);
    before.setEnd(range.startContainer, range.startOffset);
    const start = before.toString().length;
    const quote = range.toString();
    return quote.trim().length === 0 ? null : { quote: quote, start: start, end: start + quote.length };
}

const lastPassages = new WeakMap();

// The blocks of a preview a comment can be anchored on from the keyboard.
const passageBlocks = "p, li, h1, h2, h3, h4, h5, h6, td, th, blockquote, pre";

/** Makes each block of the preview reachable with Tab, named by hint ("Press Enter to comment on this passage"). */
function markPassages(element, hint) {
    for (const block of element.querySelectorAll(passageBlocks)) {
        // A cell or list item holding paragraphs is reached through them: one stop per passage.
        if (block.dataset.passage || block.querySelector(passageBlocks)) continue;
        block.dataset.passage = "true";
        block.tabIndex = 0;
        if (hint) block.title = hint;
    }
}

/**
 * Remembers the last passage selected inside element: pressing a button afterwards clears the live selection. From the
 * keyboard, a block of the preview (a paragraph, a heading, a list item, a cell) is reached with Tab; Enter or Space on
 * it selects the whole block, quotes it (the box's Quote button) and moves to the comment box inside commentBox.
 */
export function trackSelection(element, commentBox, hint) {
    // The preview is not on the page while another tab is open.
    if (!(element instanceof Element) || lastPassages.has(element)) return;
    lastPassages.set(element, null);
    document.addEventListener("selectionchange", () => {
        const passage = passageIn(element);
        if (passage) lastPassages.set(element, passage);
    });
    markPassages(element, hint);
    // A new version or the source view renders new blocks into the same element.
    new MutationObserver(() => markPassages(element, hint)).observe(element, { childList: true, subtree: true });
    element.addEventListener("keydown", e => {
        // Enter on a highlighted passage opens its comment (highlightPassages), it does not quote the block.
        if (e.target instanceof Element && e.target.closest("mark[data-comment]")) return;
        const block = e.target instanceof Element ? e.target.closest("[data-passage]") : null;
        if (!block || !element.contains(block) || (e.key !== "Enter" && e.key !== " ") || e.ctrlKey || e.altKey || e.metaKey) return;
        e.preventDefault();
        const range = document.createRange();
        range.selectNodeContents(block);
        const selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        lastPassages.set(element, passageIn(element));
        const box = commentBox instanceof Element ? commentBox.parentElement : null;
        box?.querySelector("[data-quote]")?.click();
        box?.querySelector("textarea")?.focus();
    });
    element.dataset.tracking = "true";
}

/**
 * The selected passage inside element (or the last one selected there): its text and where it starts and ends in the
 * element's text content (the server finds the quote again in the version's text, so offsets need only be close).
 */
export function selectionIn(element) {
    if (!(element instanceof Element)) return null;
    const passage = passageIn(element) ?? lastPassages.get(element) ?? null;
    lastPassages.set(element, null);
    return passage;
}

// Drafts of comments and replies live in the browser until they are sent: a circuit that is lost (a restart, a network
// that drops for longer than the reconnect waits) takes with it whatever the server had, and the last keystrokes never
// reached it. Each box is an element with data-draft-key; what is typed in the field inside it is kept under that key.
const draftPrefix = "consortium-portal:draft:";

function storeDraft(key, text) {
    try {
        if (text && text.trim().length > 0) localStorage.setItem(draftPrefix + key, text);
        else localStorage.removeItem(draftPrefix + key);
    } catch {
        // Storage refused (private browsing, quota): the draft lives only in the page, as before.
    }
}

/** Keeps the drafts typed in container's boxes; answers the drafts kept for them earlier, by key. */
export function keepDrafts(container) {
    if (!(container instanceof Element)) return null;
    if (container.dataset.drafting !== "true") {
        container.dataset.drafting = "true";
        container.addEventListener("input", e => {
            const box = e.target instanceof Element ? e.target.closest("[data-draft-key]") : null;
            if (box && container.contains(box) && "value" in e.target) storeDraft(box.dataset.draftKey, e.target.value);
        });
    }
    const saved = {};
    const boxes = [...(container.matches("[data-draft-key]") ? [container] : []), ...container.querySelectorAll("[data-draft-key]")];
    for (const box of boxes) {
        try {
            const text = localStorage.getItem(draftPrefix + box.dataset.draftKey);
            if (text) saved[box.dataset.draftKey] = text;
        } catch {
            // No storage: nothing was kept.
        }
    }
    return saved;
}

/** The draft under key was sent: it is not offered again. */
export function forgetDraft(key) {
    try {
        localStorage.removeItem(draftPrefix + key);
    } catch {
        // No storage: nothing was kept.
    }
}

// Commented passages, marked in the preview. The marks go around text inside the preview's elements only (never a
// node Blazor rendered on its own), so Blazor's later updates of the preview still find the nodes they know.

function textNodesOf(element) {
    const nodes = [];
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    let offset = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        nodes.push({ node: node, start: offset });
        offset += node.data.length;
    }
    return { nodes: nodes, text: nodes.map(n => n.node.data).join("") };
}

/** Where the passage is in the element's text: at its offsets when the quote is there, else the occurrence nearest them. */
function findPassage(text, passage) {
    if (text.substring(passage.start, passage.end) === passage.quote) return passage.start;
    let best = -1;
    for (let at = text.indexOf(passage.quote); at >= 0; at = text.indexOf(passage.quote, at + 1)) {
        if (best < 0 || Math.abs(at - passage.start) < Math.abs(best - passage.start)) best = at;
    }
    return best;
}

function unmark(element) {
    for (const mark of element.querySelectorAll("mark[data-comment]")) {
        const parent = mark.parentNode;
        while (mark.firstChild) parent.insertBefore(mark.firstChild, mark);
        parent.removeChild(mark);
        parent.normalize();
    }
}

function mark(element, passage) {
    const { nodes, text } = textNodesOf(element);
    const start = findPassage(text, passage);
    if (start < 0 || passage.quote.length === 0) return false;
    const end = start + passage.quote.length;
    let first = true;
    for (const { node, start: nodeStart } of nodes) {
        const nodeEnd = nodeStart + node.data.length;
        if (nodeEnd <= start || nodeStart >= end || node.parentNode === element) continue;
        let target = node;
        if (start > nodeStart) target = target.splitText(start - nodeStart);
        if (end < nodeEnd) target.splitText(end - Math.max(start, nodeStart));
        if (target.data.trim().length === 0) continue;
        const highlight = document.createElement("mark");
        highlight.className = "documents-mark";
        highlight.dataset.comment = passage.id;
        highlight.setAttribute("aria-describedby", passage.describedBy);
        // One stop per passage for the keyboard; a click on any part of it opens the comment.
        highlight.tabIndex = first ? 0 : -1;
        first = false;
        target.parentNode.insertBefore(highlight, target);
        highlight.appendChild(target);
    }
    return !first;
}

/**
 * Marks each passage ({ id, quote, start, end, describedBy }) in element; a click, or Enter or Space on a mark, calls
 * notify.ShowComment(id). Answers the ids of the passages marked.
 */
export function highlightPassages(element, passages, notify) {
    if (!(element instanceof Element)) return [];
    unmark(element);
    const marked = passages.filter(p => mark(element, p)).map(p => p.id);
    element.dataset.highlighted = String(marked.length);
    if (!element.dataset.highlighting) {
        element.dataset.highlighting = "true";
        const open = e => {
            const target = e.target instanceof Element ? e.target.closest("mark[data-comment]") : null;
            if (!target || !element.contains(target)) return;
            if (e.type === "keydown" && e.key !== "Enter" && e.key !== " ") return;
            // A click that ends a selection is a selection, not a request to read the comment.
            if (e.type === "click" && !window.getSelection().isCollapsed) return;
            e.preventDefault();
            element.__notify?.invokeMethodAsync("ShowComment", target.dataset.comment);
        };
        element.addEventListener("click", open);
        element.addEventListener("keydown", open);
    }
    element.__notify = notify;
    return marked;
}

// PDF.js (pinned in package.json, copied into wwwroot/lib/pdfjs at build time), loaded on the first PDF shown.
let pdfjs = null;
async function loadPdfjs() {
    if (!pdfjs) {
        const base = new URL("./lib/pdfjs/", import.meta.url);
        pdfjs = await import(new URL("pdf.min.mjs", base).href);
        pdfjs.GlobalWorkerOptions.workerSrc = new URL("pdf.worker.min.mjs", base).href;
    }
    return pdfjs;
}

// The drawing under way in each container, so a newer one (another version) ends the older.
const pdfDrawings = new WeakMap();

// Draws a PDF's pages into the container as images, one canvas a page, as wide as the container: browsers on phones
// and headless ones show no PDF in a frame, and the portal's policy allows no plugin. At most `limit` pages are drawn;
// the rest are in the PDF itself (the "open" link beside). Each page is named `pageLabel` with {0} and {1} replaced by
// its number and the count. Answers how many pages were drawn (-1 when the PDF could not be read) and how many it has.
export async function drawPdf(container, url, pageLabel, limit) {
    pdfDrawings.get(container)?.destroy();
    container.replaceChildren();
    container.dataset.pagesDrawn = "0";
    container.setAttribute("aria-busy", "true");
    let task = null;
    try {
        const lib = await loadPdfjs();
        task = lib.getDocument({ url, withCredentials: true });
        pdfDrawings.set(container, task);
        const pdf = await task.promise;
        const count = Math.min(pdf.numPages, limit);
        const ratio = window.devicePixelRatio || 1;
        for (let number = 1; number <= count; number++) {
            if (pdfDrawings.get(container) !== task) return { drawn: number - 1, total: pdf.numPages };
            const page = await pdf.getPage(number);
            const width = Math.max(container.clientWidth, 240);
            const unscaled = page.getViewport({ scale: 1 });
            const viewport = page.getViewport({ scale: (width / unscaled.width) * ratio });
            const canvas = document.createElement("canvas");
            canvas.width = Math.floor(viewport.width);
            canvas.height = Math.floor(viewport.height);
            canvas.className = "documents-pdf-page";
            canvas.setAttribute("role", "img");
            canvas.setAttribute("aria-label", pageLabel.replace("{0}", number).replace("{1}", pdf.numPages));
            canvas.dataset.page = String(number);
            container.append(canvas);
            await page.render({ canvas, viewport }).promise;
            container.dataset.pagesDrawn = String(number);
        }
        return { drawn: count, total: pdf.numPages };
    } catch {
        if (pdfDrawings.get(container) !== task) return { drawn: 0, total: 0 };
        container.dataset.pagesDrawn = "-1";
        return { drawn: -1, total: 0 };
    } finally {
        if (pdfDrawings.get(container) === task) {
            // The pages stay drawn; the reading and its worker end.
            pdfDrawings.delete(container);
            task?.destroy();
            container.removeAttribute("aria-busy");
        }
    }
}

// The PDF is no longer shown: its reading stops and its worker ends.
export function forgetPdf(container) {
    pdfDrawings.get(container)?.destroy();
    pdfDrawings.delete(container);
}
