// ReconnectDialog's behaviour. While the server cannot be reached, blazor.web.js retries on its own and the dialog says
// so; once its retries are spent ("failed"), Try again retries the same circuit, focused for the keyboard. When the
// server answers but no longer knows the circuit ("rejected": the portal was restarted or deployed, or the circuit
// expired), the page is loaded anew by itself, as Blazor's own dialog does: the sign-in lives in the database's session
// store and survives a restart, so the person goes on in the same page. The Reload button stays for a reload that
// does not come.
// Listened for on the document, not on the dialog's elements: a tab that began on a static page (signing in) reaches
// the interactive layout by enhanced navigation, which adds the dialog after this script has run.
(() => {
    let reloading = false;
    // Loads the page anew once the portal answers: a reload while it is still stopping or starting would land on the
    // browser's own "cannot be reached" page, which does not come back by itself.
    const reloadOnceAnswered = async () => {
        if (reloading) {
            return;
        }
        reloading = true;
        for (;;) {
            try {
                const live = await fetch('/health/live', { cache: 'no-store' });
                if (live.ok) {
                    location.reload();
                    return;
                }
            } catch {
                // Not listening yet.
            }
            await new Promise(resolve => setTimeout(resolve, 1000));
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
            case 'rejected':
                reloadOnceAnswered();
                break;
            case 'failed':
                document.getElementById('portal-reconnect-retry')?.focus();
                break;
        }
    }, true);
})();
