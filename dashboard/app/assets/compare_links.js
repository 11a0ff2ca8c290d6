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

    // The rows' many small pieces (the links offered beside a provision, its "open" and source links, the theme
    // chips) come as data, `data-parts` (views/compare_parts.py), and are made here as plain elements: as Dash
    // components they were most of what a correction mounts again. Every string is set as text (textContent,
    // attributes), never parsed as HTML.
    function follow(event) {  // a page of the app, followed as dcc.Link does (no reload)
        if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || event.button !== 0) { return; }
        event.preventDefault();
        window.history.pushState({}, "", this.getAttribute("href"));
        window.dispatchEvent(new CustomEvent("_dashprivate_pushstate"));
        window.scrollTo(0, 0);
    }
    var MARKS = ["del", "ins", "span"];
    var TAGS = ["div", "p", "span", "a", "del", "ins", "br", "small", "strong", "em", "section", "ul", "li", "h2", "h3",
                "details", "summary"];  // (the delta boxes: views/compare_deltas.drawn_once)
    var ATTRIBUTES = ["id", "title", "href", "role", "class"];  // and data-*: views/compare_rows.py
    function element(p) {  // ["el", tag, {attribute: value}, [parts…]]
        if (TAGS.indexOf(p[1]) < 0) { return null; }
        var el = document.createElement(p[1]);
        Object.keys(p[2]).forEach(function (name) {
            var value = p[2][name];
            if (ATTRIBUTES.indexOf(name) < 0 && name.indexOf("data-") !== 0) { return; }
            if (name === "href" && /^\s*javascript:/i.test(value)) { return; }
            el.setAttribute(name, value);
        });
        make(el, p[3]);
        return el;
    }
    function make(parent, parts) {
        parts.forEach(function (p) {
            var el;
            if (p[0] === "t") { parent.appendChild(document.createTextNode(p[1])); return; }
            if (p[0] === "br") { parent.appendChild(document.createElement("br")); return; }
            if (p[0] === "el") {
                el = element(p);
                if (!el) { return; }
            } else if (p[0] === "span") {
                el = document.createElement("span");
                el.className = p[1];
                make(el, p[2]);
            } else if (p[0] === "c") {  // a chip of the rows' table
                if (packed.c[p[1]]) { make(parent, [packed.c[p[1]]]); }
                return;
            } else if (p[0] === "a") {
                el = document.createElement("a");
                el.textContent = p[1];
                if (p[2]) { el.href = p[2]; }
                el.className = p[3];
                var title = typeof p[4] === "number" ? packed.s[p[4]] : p[4];  // a title of the rows' table
                if (title) { el.title = title; }
                if (p[5] === "fix") { el.setAttribute("data-correction", ""); }
                if (p[5] === "spa") { el.addEventListener("click", follow); }
            } else if (p[0] === "mark" && MARKS.indexOf(p[1]) >= 0) {
                el = document.createElement(p[1]);
                el.textContent = p[2];
                el.className = p[3];
                if (p[4]) { el.title = p[4]; }
            } else if (p[0] === "chip") {
                el = document.createElement("span");
                el.textContent = p[1];
                el.className = p[2];
                el.title = p[3];
                el.style.backgroundColor = p[4];
                el.style.color = p[5];
            } else { return; }
            parent.appendChild(el);
        });
    }
    function build(el) {
        var spec = el.getAttribute("data-parts");
        if (el.getAttribute("data-built") === spec) { return; }
        var parts;
        try { parts = JSON.parse(spec); } catch (e) { return; }
        el.textContent = "";
        make(el, parts);
        el.setAttribute("data-built", spec);
    }

    // The rows come as one list, `data-rows` of their box (views/compare_rows.py), packed: {r: rows, u: the
    // addresses' parts, s: titles, c: chips}, a row {k: key, v: version, p: the row, h: its corrections'
    // addresses}. A new list keeps the node of every row whose key and version are shown already (its
    // corrections get their new addresses; such a row may come without its parts `p`), makes the others, and
    // puts all in order.
    var packed = {s: [], c: [], u: null};  // the tables of the list being made
    function address(entry, u) {  // "<dropped pins' indices>;<added pin>;<anchor>", or a whole address
        if (entry.charAt(0) === "/" || !u) { return entry; }
        var at = entry.split(";");
        var gone = at[0] ? at[0].split(",") : [];
        var pins = u.pins.filter(function (p, i) { return gone.indexOf(String(i)) < 0; });
        if (at[1]) { pins.push(at[1]); }
        var head = pins.length ? u.pre + "pin=" + pins.join(",") + u.post : u.bare;
        return at[2] ? head + "#" + at[2] : head;
    }
    function reconcile(box) {
        var spec = box.getAttribute("data-rows");
        if (box._rowsBuilt === spec) { return; }
        var rows;
        try { rows = JSON.parse(spec); } catch (e) { return; }
        box._rowsBuilt = spec;
        packed = Array.isArray(rows) ? {s: [], c: [], u: null} : {s: rows.s || [], c: rows.c || [], u: rows.u};
        if (!Array.isArray(rows)) { rows = rows.r || []; }
        var old = {};
        for (var node = box.firstChild; node; node = node.nextSibling) {
            if (node._rowKey !== undefined) { old[node._rowKey] = node; }
        }
        var at = box.firstChild;  // where the next row goes
        var lost = false;
        rows.forEach(function (row) {
            var el = old[row.k];
            if (el && el._rowVersion === row.v) {
                delete old[row.k];
            } else if (!row.p) {  // sent without its parts as on screen, yet not here: never expected
                lost = true;
                return;
            } else {
                var made = document.createElement("div");
                make(made, [row.p]);
                el = made.firstChild;
                if (!el) { return; }
                el._rowKey = row.k;
                el._rowVersion = row.v;
            }
            var links = el.querySelectorAll("a[data-correction]");
            for (var k = 0; k < links.length && k < row.h.length; k++) {
                var href = address(row.h[k], packed.u);
                if (links[k].getAttribute("href") !== href) { links[k].setAttribute("href", href); }
            }
            if (el !== at) { box.insertBefore(el, at); } else { at = at.nextSibling; }
        });
        while (at) {  // the rows the list no longer holds
            var next = at.nextSibling;
            box.removeChild(at);
            at = next;
        }
        if (lost) { window.location.reload(); }  // the address draws the whole page, every row whole
    }
    // A new address a control or the pickers' Pair wrote (`data-push` of cmp-push: {search, hash, n}, in the same
    // answer as what it changes): into the history (Back undoes it) and told to `url`, as a correction's link is,
    // in the same moment the answer is on the page.
    var PUSH = "cmp-push";
    function pushAddress() {
        var box = document.getElementById(PUSH);
        var spec = box && box.getAttribute("data-push");
        if (!spec || box._pushed === spec || !window.dash_clientside || !window.dash_clientside.set_props) { return; }
        box._pushed = spec;
        var to;
        try { to = JSON.parse(spec); } catch (e) { return; }
        if (typeof to.search !== "string" || typeof to.hash !== "string") { return; }
        if (window.location.search + window.location.hash !== to.search + to.hash) {
            window.history.pushState({}, "", window.location.pathname + to.search + to.hash);
        }
        tell();
    }
    function buildAll() {
        if (!onComparePage()) { return; }
        pushAddress();
        var boxes = document.querySelectorAll("[data-rows]");
        for (var r = 0; r < boxes.length; r++) { reconcile(boxes[r]); }
        var found = document.querySelectorAll("[data-parts]");
        for (var k = 0; k < found.length; k++) { build(found[k]); }
    }
    new MutationObserver(buildAll).observe(document.documentElement, {
        childList: true, subtree: true, attributes: true, attributeFilter: ["data-parts", "data-rows", "data-push"]});
    buildAll();
})();
