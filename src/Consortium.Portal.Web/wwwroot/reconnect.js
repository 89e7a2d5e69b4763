// ReconnectDialog's behaviour. While the server cannot be reached, blazor.web.js retries on its own and the dialog says
// so; once its retries are spent ("failed"), Try again retries the same circuit, focused for the keyboard. When the
// server answers but no longer knows the circuit ("rejected": the portal was restarted or deployed, or the circuit
// expired), the page is loaded anew by itself, as Blazor's own dialog does: the sign-in lives in the database's session
// store and survives a restart, so the person goes on in the same page. The Reload button stays for a reload that
// does not come.
// Blazor's attempts alone are not enough after a restart: they back off to one every 30 s, and one attempt can hang on a
// request that the stopping process accepted and never answered (seen in CI: a page left with its dialog for minutes).
// So while the dialog shows, the page also asks /health/live which process answers (PortalProcessIdentity): another one
// than served the page cannot know its circuit, and the page reloads at once; the same one still answering a minute
// later, with the dialog still up, means the attempt is stuck, and the page reloads too.
// Listened for on the document, not on the dialog's elements: a tab that began on a static page (signing in) reaches
// the interactive layout by enhanced navigation, which adds the dialog after this script has run.
(() => {
    const awayStates = ['components-reconnect-show', 'components-reconnect-retrying', 'components-reconnect-failed', 'components-reconnect-rejected'];
    const stuckAfterMs = 60000;
    let reloading = false;
    let watching = false;
    const pause = ms => new Promise(resolve => setTimeout(resolve, ms));
    const dialog = () => document.getElementById('components-reconnect-modal');
    const away = () => {
        const shown = dialog();
        return !!shown && awayStates.some(state => shown.classList.contains(state));
    };
    // The process that answers now ('' from a portal that does not name it), or null while none answers.
    const answeringProcess = async () => {
        try {
            const live = await fetch('/health/live', { cache: 'no-store', signal: AbortSignal.timeout(5000) });
            return live.ok ? (live.headers.get('Portal-Process') ?? '') : null;
        } catch {
            return null; // not listening yet, or the request was not answered in time
        }
    };
    const reload = () => {
        reloading = true;
        location.reload();
    };
    // Loads the page anew once the portal answers: a reload while it is still stopping or starting would land on the
    // browser's own "cannot be reached" page, which does not come back by itself.
    const reloadOnceAnswered = async () => {
        if (reloading) {
            return;
        }
        reloading = true;
        while ((await answeringProcess()) === null) {
            await pause(1000);
        }
        location.reload();
    };
    const watchWhileAway = async () => {
        if (watching) {
            return;
        }
        watching = true;
        const served = dialog()?.dataset.process ?? '';
        let sameSince = null;
        try {
            while (away() && !reloading) {
                await pause(1000);
                if (!away() || reloading) {
                    return;
                }
                const answering = await answeringProcess();
                if (answering === null) {
                    sameSince = null;
                } else if (answering !== served) {
                    return reload();
                } else if ((sameSince ??= Date.now()) + stuckAfterMs < Date.now()) {
                    return reload();
                }
            }
        } finally {
            watching = false;
        }
    };
    document.addEventListener('click', async event => {
        if (!(event.target instanceof Element)) {
            return;
        }
        if (event.target.closest('#portal-reconnect-reload')) {
            location.reload();
        } else if (event.target.closest('#portal-reconnect-retry')) {
            try {
                if (!(await Blazor.reconnect())) {
                    reloadOnceAnswered();
                }
            } catch {
                // The server is still unreachable; the dialog stays, and the button can be pressed again.
            }
        }
    });
    // Blazor raises this on the dialog itself and it does not bubble: a capturing listener on the document hears it.
    document.addEventListener('components-reconnect-state-changed', event => {
        switch (event.detail?.state) {
            case 'show':
            case 'retrying':
                watchWhileAway();
                break;
            case 'rejected':
                reloadOnceAnswered();
                break;
            case 'failed':
                document.getElementById('portal-reconnect-retry')?.focus();
                watchWhileAway();
                break;
        }
    }, true);
})();
