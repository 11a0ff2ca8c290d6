// The Compare page's clientside callbacks (pages/compare.py names them): browser-only jobs, kept out of the
// page's HTML (no inline script).
var comparePushed = null;  // the last `data-push` (a control's new address) that keepInView has seen
window.dash_clientside = Object.assign({}, window.dash_clientside, {
    compare: {
        // a new address (url.search) the page does not show yet (cmp-shown): passed on to the page's callback
        address: function (search, shown, last) {
            if (search === shown) { return window.dash_clientside.no_update; }
            return {search: search, n: ((last && last.n) || 0) + 1};
        },
        // the swap button: the two document pickers change places (the page's callback then draws the pair)
        swap: function (clicks, a, b) {
            return [b, a];
        },
        // After a correction the rows are drawn again: keep in view the provision it concerns (the address's
        // #a-12 / #b-3, which every correction link carries), and mark it for a moment.
        keepInView: function (shown) {
            // (a moment later: the answer's DOM, and with it `data-push`, is committed by then)
            setTimeout(keepAnchorInView, 50);
            return window.dash_clientside.no_update;
        }
    }
});

// The provision the address's anchor names (or a new address's, in `data-push` of cmp-push: the pickers' Pair),
// kept in view while the page settles (keepInView).
function keepAnchorInView() {
    var hash = window.location.hash;
    var box = document.getElementById("cmp-push");
    var pushed = box && box.getAttribute("data-push");
    if (pushed && pushed !== comparePushed) {
        comparePushed = pushed;
        try { hash = JSON.parse(pushed).hash; } catch (e) { hash = window.location.hash; }
    }
    var anchor = decodeURIComponent((hash || "").slice(1));
    if (!/^[ab]-[0-9]+$/.test(anchor)) { return; }
    // the charts above may still be drawn and the page's height move: keep the provision in view until
    // it has stayed there a few frames (at most 4 s), unless the reader scrolls or presses first (a press
    // on the scrollbar, or on a control the page would otherwise move away from under the pointer)
    var tries = 0, steady = 0, stop = false;
    var cancel = function () { stop = true; };
    ["wheel", "touchmove", "keydown", "pointerdown"].forEach(function (name) {
        window.addEventListener(name, cancel, {once: true, capture: true});
    });
    var timer = setInterval(function () {
        var el = document.getElementById(anchor);
        tries += 1;
        if (stop || tries > 40) { clearInterval(timer); return; }
        if (!el) { return; }
        var r = el.getBoundingClientRect();
        if (r.top >= 0 && r.top < window.innerHeight * 0.6) {
            steady += 1;
            if (steady === 1) { el.classList.add("pin-target"); }
            if (steady >= 5) {
                clearInterval(timer);
                setTimeout(function () { el.classList.remove("pin-target"); }, 2000);
            }
        } else {
            steady = 0;
            el.scrollIntoView({block: "center", behavior: "instant"});  // Bootstrap makes scrolling smooth
        }
    }, 100);
}
