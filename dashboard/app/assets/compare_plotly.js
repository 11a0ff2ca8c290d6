// Compare page, loaded from its address: start loading plotly.js while the page's content is on its way from the
// server, instead of after it arrived (dcc.Graph loads plotly.js only when a graph is first drawn: a fetch and
// ~100 ms of evaluating, then the two charts). While it loads, `window.Plotly` is a promise of it, which the
// graph's loader waits for (it takes `window.Plotly` as given when set) instead of loading plotly.js a second time;
// evaluating plotly.js sets the real `window.Plotly` before the promise settles.
(function () {
    "use strict";
    if (window.Plotly || !/\/compare$/.test(window.location.pathname)) { return; }
    var src = (window.location.pathname.replace(/compare$/, "") +
               "_dash-component-suites/plotly/package_data/plotly.min.js");
    var loading = new Promise(function (resolve, reject) {
        var started = false;
        var start = function () {
            if (started) { return; }
            started = true;
            var script = document.createElement("script");
            script.src = src;
            script.async = true;
            script.onload = function () { resolve(window.Plotly); };
            script.onerror = function (e) {
                if (window.Plotly === loading) { window.Plotly = undefined; }  // the graph's loader tries again
                reject(e);
            };
            document.head.appendChild(script);
        };
        // once the renderer has asked the server for the page (Dash marks the page's container as loading): the
        // main thread would otherwise wait idle for the answer. Earlier, evaluating plotly.js would hold up the
        // renderer's own requests.
        // (or once the page is on screen, or after 2 s, whichever comes first: a graph must never wait for nothing)
        var seen = new MutationObserver(function () {
            if (document.querySelector("#_pages_content[data-dash-is-loading='true']") ||
                    document.getElementById("cmp-content")) {
                seen.disconnect();
                start();
            }
        });
        setTimeout(function () { seen.disconnect(); start(); }, 2000);
        seen.observe(document.documentElement, {subtree: true, childList: true, attributes: true,
                                                attributeFilter: ["data-dash-is-loading"]});
    });
    window.Plotly = loading;
})();
