// The buttons of ReconnectDialog: try the same circuit again, or (when the server no longer knows it) load the page anew.
(() => {
    const retry = document.getElementById('portal-reconnect-retry');
    const reload = document.getElementById('portal-reconnect-reload');
    retry?.addEventListener('click', async () => {
        try {
            if (!(await Blazor.reconnect())) {
                location.reload();
            }
        } catch {
            // The server is still unreachable; the dialog stays, and the button can be pressed again.
        }
    });
    reload?.addEventListener('click', () => location.reload());
})();
