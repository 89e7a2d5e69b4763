// Hangfire's layout has no main landmark: its content column becomes the page's one main region, for screen readers.
(function () {
    if (document.querySelector('main, [role=main]')) return;
    var content = document.querySelector('#wrap > .container') || document.querySelector('.container');
    if (content) content.setAttribute('role', 'main');
})();
