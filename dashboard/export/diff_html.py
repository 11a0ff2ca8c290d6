"""A standalone HTML report of a comparison (`policy-timeline diff A B --html F`), and its text summary.

The report is one file with inline CSS and no script or external resource, so it opens offline and can be
mailed. Every string that comes from a document or the dataset goes through html.escape: document text is
text, never markup.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from dashboard.analysis.diff.result import Comparison

STATUS_LABEL = {
    "kept": "Kept",
    "reworded": "Reworded",
    "merged": "Merged (several A → one B)",
    "split": "Split (one A → several B)",
    "new": "New in B",
    "dropped": "Only in A (dropped)",
}
BY_LABEL = {"reader": "set by the reader", "curated": "curated (seeds/alignments.yml)"}

_CSS = """
body{font-family:"DejaVu Sans","Liberation Sans",Arial,sans-serif;color:#222;margin:24px
auto;max-width:1200px;padding:0 16px;line-height:1.45} h1{font-size:22px;margin-bottom:4px}
h2{font-size:17px;margin-top:28px;border-bottom:1px solid #ddd}
.meta{color:#555;font-size:13px}
.warning{background:#fff4e5;border-left:4px solid #D55E00;padding:8px 12px;margin:12px 0}
table{border-collapse:collapse;width:100%;font-size:13px}
td,th{border-bottom:1px solid #eee;padding:6px;vertical-align:top;text-align:left}
.num{text-align:right;white-space:nowrap}
.bar{display:inline-block;height:10px}
.gain{background:#0072B2}
.loss{background:#D55E00}
ins{background:#d7ecfb;text-decoration:none}
del{background:#fde3d3;color:#7a2e00}
.status{font-weight:bold;white-space:nowrap}
.muted{color:#777;font-size:12px}
.kept{color:#555}
.reworded{color:#0072B2}
.new{color:#009E73}
.dropped{color:#D55E00}.merged,.split{color:#56B4E9}
.cols{display:flex;gap:32px}
.cols>div{flex:1}
ul{padding-left:18px}
"""


def write_report(result: Comparison, path: Path, *, dataset_version: str = "") -> Path:
    """Write the HTML report of `result` (the comparison) to `path`; return the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_report(result, dataset_version=dataset_version), encoding="utf-8")
    return path


def render_report(comparison: Comparison, *, dataset_version: str = "") -> str:
    """Return the report as one HTML document."""
    result = comparison.as_dict()
    doc_a, doc_b = result["documents"]["a"], result["documents"]["b"]
    title = f"{doc_a['symbol'] or result['a']} → {doc_b['symbol'] or result['b']}"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>Compare {escape(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>Compare {escape(title)}</h1>",
        f'<p class="meta">A: {_doc_line(doc_a)}<br>B: {_doc_line(doc_b)}</p>',
    ]
    for notice in comparison.notices:
        parts.append(f'<p class="warning">{escape(notice)}</p>')
    if result.get("coverage_warning"):
        parts.append(f'<p class="warning">{escape(result["coverage_warning"])}</p>')
    if result.get("language_notice"):
        parts.append(f'<p class="warning">{escape(result["language_notice"])}</p>')
    counts = result["summary"]
    parts.append(
        "<h2>What became of each part of A</h2><ul>"
        + "".join(f'<li class="{escape(s.outcome)}">{escape(s.summary)}</li>' for s in comparison.sections)
        + "</ul>"
    )
    parts.append(
        "<p>"
        + " · ".join(f'<span class="{s}">{escape(STATUS_LABEL[s])}: {counts[s]}</span>' for s in STATUS_LABEL)
        + f" · not counted: {_not_counted(comparison)}</p>"
    )
    parts += _themes(result) + _terms(result) + _entities(result) + _targets(result) + _pairs(result)
    signals = ", ".join(result["settings"]["signals"])
    pins = result.get("pins") or []
    pinned = f" {len(pins)} set by the reader ({escape(', '.join(pins))})." if pins else ""
    parts.append(
        f'<p class="muted">Links by {escape(signals)} similarity, many to many, threshold '
        f"{result['settings']['threshold']}.{pinned} Source: policy-timeline dataset "
        f"v{escape(dataset_version)}.</p></body></html>"
    )
    return "\n".join(parts)


def summary_lines(result: Comparison) -> list[str]:
    """Return the plain-text summary `policy-timeline diff A B` prints without --json or --html."""
    counts = result.summary
    shown = [*STATUS_LABEL, *(k for k in counts if k not in STATUS_LABEL)]  # "paired" across languages
    lines = [
        f"{result.a} → {result.b}: "
        + ", ".join(f"{counts[s]} {s}" for s in shown)
        + f" (own text; not counted: {_not_counted(result)})"
    ]
    lines += [f"notice: {n}" for n in result.notices]
    if result.coverage_warning:
        lines.append(f"warning: {result.coverage_warning}")
    if result.language_notice:
        lines.append(f"notice: {result.language_notice}")
    if result.pins:
        lines.append(f"pinned by the reader (*): {', '.join(result.pins)}")
    if result.curated:
        lines.append(f"curated (+): {', '.join(result.curated)}")
    lines += [f"section: {s.summary}" for s in result.sections]
    for pair in result.pairs:
        sim = f"{pair.similarity:.2f}" if pair.a and pair.b and pair.similarity is not None else "    "
        mark = {"reader": "*", "curated": "+"}.get(pair.set_by, " ") if pair.counted else "~"
        lines.append(
            f"{pair.status:<9}{mark}{sim}  {pair.a or '-':<28} {pair.b or '-':<28} {_short(pair.b_text or pair.a_text)}"
        )
    return lines


def _not_counted(result: Comparison) -> str:
    n = result.not_counted
    return f"{n.get('framing', 0)} framing or narrative, {n.get('headings', 0)} bare headings"


def _short(text: str, width: int = 70) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _doc_line(doc: dict[str, Any]) -> str:
    bits = [
        doc["symbol"],
        doc["title_en"],
        doc["issued"],
        f"coverage {doc['coverage']}",
        doc["source_kind"].replace("_", " "),
        f"{doc['provisions']} provisions ({doc['own_provisions']} own)",
    ]
    return escape(" · ".join(b for b in bits if b))


def _themes(result: dict[str, Any]) -> list[str]:
    rows = [t for t in result["themes"] if t["a_share"] or t["b_share"]]
    basis = result["basis"]
    out = [
        f"<h2>Themes (share of provisions; A counts {escape(basis['a'])}, B counts {escape(basis['b'])} "
        "provisions)</h2>"
    ]
    if not rows:
        return [*out, "<p>No theme tags in the dataset for these documents.</p>"]
    out.append(
        "<table><tr><th>Theme</th><th class=num>A</th><th class=num>B</th><th class=num>B − A</th><th></th></tr>"
    )
    for t in sorted(rows, key=lambda r: r["delta"]):
        width = min(abs(t["delta"]) * 300, 300)
        cls = "gain" if t["delta"] > 0 else "loss"
        out.append(
            f"<tr><td>{escape(t['id'])}</td><td class=num>{t['a_share']:.0%}</td>"
            f"<td class=num>{t['b_share']:.0%}</td><td class=num>{t['delta']:+.0%}</td>"
            f'<td><span class="bar {cls}" style="width:{width:.0f}px"></span></td></tr>'
        )
    return [*out, "</table>"]


def _terms(result: dict[str, Any]) -> list[str]:
    def items(rows: list[dict]) -> str:
        return (
            "".join(
                f"<li>{escape(r['term'])} <span class=muted>G²={r['score']:.1f} "
                f"({r['count_a']} in A, {r['count_b']} in B)</span></li>"
                for r in rows
            )
            or "<li>none</li>"
        )

    terms = result["terms"]
    return [
        "<h2>Distinctive terms</h2><div class=cols>",
        f"<div><h3>Of A</h3><ul>{items(terms['a_distinctive'])}</ul></div>",
        f"<div><h3>Of B</h3><ul>{items(terms['b_distinctive'])}</ul></div></div>",
    ]


def _entities(result: dict[str, Any]) -> list[str]:
    entities = result.get("entities")
    if entities is None:
        return []

    def items(rows: list[dict]) -> str:
        return (
            "".join(
                f"<li>{escape(r['name'])} <span class=muted>({r['a_count']} in A, {r['b_count']} in B)</span></li>"
                for r in rows
            )
            or "<li>none</li>"
        )

    return [
        "<h2>Entities</h2><div class=cols>",
        f"<div><h3>Only in A (lost)</h3><ul>{items(entities['a_only'])}</ul></div>",
        f"<div><h3>Only in B (gained)</h3><ul>{items(entities['b_only'])}</ul></div>",
        f"<div><h3>In both</h3><ul>{items(entities['shared'])}</ul></div></div>",
    ]


def _targets(result: dict[str, Any]) -> list[str]:
    targets = result.get("targets")
    if targets is None:
        return []

    def item(t: dict) -> str:
        value = f" — {t['value']:g} {escape(t['unit'])}" if t.get("value") is not None else ""
        year = f" by {t['end_year']}" if t.get("end_year") else ""
        kind = escape(t["kind"])
        return f"<li>{escape(t['text'])}{value}{escape(year)} <span class=muted>({kind})</span></li>"

    changed = (
        "".join(
            f"<li>{escape(c['indicator'])}: {item(c['a'])[4:-5]} → {item(c['b'])[4:-5]}</li>"
            for c in targets["changed"]
        )
        or "<li>none</li>"
    )
    return [
        "<h2>Targets</h2><div class=cols>",
        f"<div><h3>Only in A</h3><ul>{''.join(map(item, targets['a_only'])) or '<li>none</li>'}</ul></div>",
        f"<div><h3>Only in B</h3><ul>{''.join(map(item, targets['b_only'])) or '<li>none</li>'}</ul></div>",
        f"<div><h3>Reported by both</h3><ul>{changed}</ul></div></div>",
    ]


def _pairs(result: dict[str, Any]) -> list[str]:
    out = ["<h2>Aligned provisions</h2><table><tr><th>Status</th><th>A</th><th>B</th></tr>"]
    seen: set[str] = set()  # a provision linked several times anchors its first row only (ids are unique)
    for pair in result["pairs"]:
        status = pair["status"]
        anchor = next((x for x in (pair["a"], pair["b"]) if x and x not in seen), None)
        seen.update(x for x in (pair["a"], pair["b"]) if x)
        sim = (
            f"<br><span class=muted>similarity {pair['similarity']:.2f}</span>"
            if pair["a"] and pair["b"] and pair["similarity"] is not None
            else ""
        )
        themes = f"<br><span class=muted>{escape(', '.join(pair['themes']))}</span>" if pair["themes"] else ""
        by = f"<br><strong>{BY_LABEL[pair['set_by']]}</strong>" if pair.get("set_by") in BY_LABEL else ""
        if not pair.get("counted", True):
            by += "<br><span class=muted>not counted (framing, narrative or bare heading)</span>"
        out.append(
            f'<tr{_id(anchor)}><td class="status {status}">'
            f"{escape(STATUS_LABEL.get(status, 'Paired by numbering'))}{by}{sim}{themes}</td>"
            f"<td>{_side(pair, 'a')}</td><td>{_side(pair, 'b')}</td></tr>"
        )
    return [*out, "</table>"]


def _id(anchor: str | None) -> str:
    return f' id="{escape(anchor, quote=True)}"' if anchor else ""


def _side(pair: dict[str, Any], side: str) -> str:
    pid = pair[side]
    if not pid:
        return ""
    own = pair[f"{side}_own"]
    kind = "" if own else " · " + escape(pair[side + "_kind"] or "")
    head = f"<span class=muted>{escape(pid)}{kind}</span><br>"
    if pair["status"] in ("new", "dropped"):
        return head + escape(pair[f"{side}_text"])
    tag = "del" if side == "a" else "ins"
    body = []
    for op in pair["ops"]:
        text = op[side]
        if not text:
            continue
        body.append(escape(text) if op["op"] == "equal" else f"<{tag}>{escape(text)}</{tag}>")
    return head + "".join(body)
