// Compare page: a correction ("Pair with", "not a pair", "no counterpart", undo, ✕, "Back to the engine's pairs")
// is a link to the corrected address. Followed by Dash's router, it would draw the whole page again (seconds in
// the browser). Here the link changes the address in place instead: a new history entry (Back undoes it, the
// address still shares the view), then the app's location `url` is told, and the page's callback sends only what
// the new address changes. Back and Forward between two addresses of the Compare page take the same short way.
// A click with a modifier (new tab, new window) is left to the browser.
(function () {
    "use strict";
    var PAGE = "cmp-content";  // present only while the Compare page is shown
    var LOCATION = "url";  // ids.URL: dcc.Location(refresh=False)

    function onComparePage() {
        return document.getElementById(PAGE) !== null;
    }

    function tell() {
        var here = window.location;  // all four, or the location would put back the address it last saw
        window.dash_clientside.set_props(LOCATION, {pathname: here.pathname, search: here.search, hash: here.hash,
                                                    href: here.href});
    }

    document.addEventListener("click", function (event) {
        if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey ||
            event.altKey || !event.target.closest) {
            return;
        }
        var link = event.target.closest("a[data-correction]");
        if (!link || !onComparePage() || !window.dash_clientside || !window.dash_clientside.set_props) {
            return;
        }
        var target = new URL(link.href, window.location.href);
        if (target.origin !== window.location.origin || target.pathname !== window.location.pathname) {
            return;
        }
        event.preventDefault();
        window.history.pushState({}, "", target.pathname + target.search + target.hash);
        tell();
    });

    // Back / Forward: on the Compare page, to another address of the Compare page, the router is not needed.
    // (At the window, capturing listeners run before the locations' own, which would redraw the page.)
    // Another page, or the same page in another language, is the router's to draw.
    function drawn() {
        return window.location.pathname + "|" + (new URLSearchParams(window.location.search).get("lang") || "");
    }
    var shown = drawn();
    window.addEventListener("popstate", function (event) {
        var now = drawn();
        if (onComparePage() && now === shown && window.dash_clientside && window.dash_clientside.set_props) {
            event.stopImmediatePropagation();
            tell();
        }
        shown = now;
    }, true);
    window.addEventListener("_dashprivate_pushstate", function () { shown = drawn(); }, true);

    // The links offered beside each provision ("Pair with: …", "no counterpart", "Also link: …") come as data,
    // `data-links` = [{label, title, links: [[text, href, class, title], …]}, …] (views/compare_pins.py), and
    // are made here as plain elements: hundreds of them as Dash components were a quarter of what a correction
    // mounts again. Every string is set as text (textContent, attributes), never parsed as HTML.
    function build(el) {
        var spec = el.getAttribute("data-links");
        if (el.getAttribute("data-built") === spec) { return; }
        var lines;
        try { lines = JSON.parse(spec); } catch (e) { return; }
        el.textContent = "";
        lines.forEach(function (line, k) {
            if (k) { el.appendChild(document.createElement("br")); }
            var label = document.createElement("span");
            label.className = "pin-label";
            label.textContent = line.label + " ";
            if (line.title) { label.title = line.title; }
            el.appendChild(label);
            line.links.forEach(function (item, n) {
                if (n) { el.appendChild(document.createTextNode(" · ")); }
                var a = document.createElement("a");
                a.textContent = item[0];
                a.href = item[1];
                a.className = item[2];
                if (item[3]) { a.title = item[3]; }
                a.setAttribute("data-correction", "");
                el.appendChild(a);
            });
        });
        el.setAttribute("data-built", spec);
    }
    function buildAll() {
        if (!onComparePage()) { return; }
        var found = document.querySelectorAll(".pin-candidates[data-links]");
        for (var k = 0; k < found.length; k++) { build(found[k]); }
    }
    new MutationObserver(buildAll).observe(document.documentElement, {
        childList: true, subtree: true, attributes: true, attributeFilter: ["data-links"]});
    buildAll();
})();
