"""A provision as a card: its text with highlights, its kind, themes, and where it comes from (file and
span)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from dash import dcc, html

from dashboard.analysis.annotations import Span
from dashboard.app.components.badges import source_badge, theme_chips
from dashboard.app.components.links import source_link
from dashboard.app.components.text import highlight
from dashboard.app.i18n import has, t
from dashboard.i18n import localised

NOT_OWN_KINDS = ("commentary", "reported")


def anchor_id(provision: Mapping[str, Any]) -> str:
    """Return the HTML id a provision card carries (`prov-<ordinal>`: unique within its document page)."""
    return f"prov-{int(provision.get('ordinal') or 0)}"


def span_reference(provision: Mapping[str, Any], document: Mapping[str, Any] | None, lang: str) -> html.Span:
    """Return "Source: characters 543–709 of the seed file 001_….txt", linked to the span in the source view."""
    doc = document or {}
    seed = str(doc.get("seed_file") or "")
    doc_id = str(doc.get("id") or provision.get("document_id") or "")
    return html.Span(
        [
            f"{t('common.source', lang)}: ",
            source_link(doc_id, provision.get("start"), provision.get("end"), lang, seed),
        ],
        className="span-ref-line",
    )


def provision_card(
    provision: Mapping[str, Any],
    highlights: Iterable[Span | Sequence[Any]] = (),
    *,
    document: Mapping[str, Any] | None = None,
    themes: Iterable[Mapping[str, Any]] = (),
    targets: Iterable[Mapping[str, Any]] = (),
    actors: Iterable[Mapping[str, Any]] = (),
    lang: str = "en",
    selected: bool = False,
    href: str | None = None,
    show_document: bool = False,
    indent: bool = True,
    sources: Iterable[tuple[str, Any, Any]] = (),
    snippet: tuple[int, int] | None = None,
    note: str = "",
) -> html.Article:
    """Return a provision card.

    Args:
        provision: a provisions row (id, ordinal, depth, label, kind, own_text, text, start, end).
        highlights: spans of `provision["text"]` to mark (search matches, targets, actors, entities).
        document: its documents row, for the source link and the seed file name.
        themes: provision_themes rows (theme_id, score) for the chips.
        targets: targets rows found in this provision (end_year, text), listed under the text.
        actors: bodies the provision gives a task to (name, role, inherited), listed under the text; an
            inherited one is named by an enclosing item or heading rather than in this text.
        selected: mark the card as the one the URL points at.
        href: an "Open in document" link target (the explorer sets it).
        show_document: prefix the card with the document's symbol (the explorer sets it).
        indent: indent by depth (the document page's hierarchy).
        sources: (words, start, end) spans of the seed text to link to the source view (theme evidence, the
            mentions of a filtered entity), listed under the text.
        snippet: show only text[start:end] (a search result's words around its matches) with the whole text
            in a closed <details> below it; None shows the whole text.
        note: a short remark on the card (how a search result matched).
    """
    kind = str(provision.get("kind") or "")
    own = bool(provision.get("own_text", kind not in NOT_OWN_KINDS))
    depth = int(provision.get("depth") or 1)
    head: list[Any] = []
    if show_document and document:
        head.append(html.Span(str(document.get("symbol", "")), className="provision-doc"))
        head.append(
            source_badge(
                document.get("coverage"),
                "",
                localised(document, "coverage_note", lang),
                held=document.get("held"),
                lang=lang,
            )
        )
    head.append(
        html.Span(
            str(provision["id"]).split(":", 1)[-1], className="provision-path", title=str(provision["id"])
        )
    )
    if not own:
        head.append(
            html.Span(
                t(f"kind.{kind}", lang) if kind in NOT_OWN_KINDS else kind,
                className=f"kind-badge kind-{kind}",
            )
        )
    head.append(theme_chips(themes, lang))
    doc_id = str((document or {}).get("id") or provision.get("document_id") or "")
    meta: list[Any] = [span_reference(provision, document, lang)]
    if href:
        meta.append(dcc.Link(t("explorer.open", lang) + " →", href=href, className="open-link"))
    classes = ["provision", f"kind-{kind}", "not-own" if not own else "own"]
    if kind in ("heading", "part", "section"):
        classes.append("is-heading")
    if selected:
        classes.append("selected")
    target_lines = [
        html.Li(
            [
                html.Span(f"{_year(tg.get('end_year'))} ", className="target-year"),
                _target_words(tg),
                *_source_suffix(doc_id, tg.get("start"), tg.get("end"), lang),
            ]
        )
        for tg in targets
    ]
    actor_items = [
        html.Span(
            [_actor_words(a, lang), *_source_suffix(doc_id, a.get("start"), a.get("end"), lang)],
            className="actor-item",
        )
        for a in actors
    ]
    source_items = [
        source_link(doc_id, start, end, lang, className="source-link", children=f"“{words}”")
        for words, start, end in sources
    ]
    props: dict[str, Any] = {"className": " ".join(classes)}
    if not show_document:
        props["id"] = anchor_id(provision)
    if indent and depth > 1:
        props["style"] = {"marginLeft": f"{(depth - 1) * 1.6:.1f}rem"}
    return html.Article(
        [
            html.Div(head, className="provision-head"),
            *_text_block(str(provision.get("text") or ""), list(highlights), snippet, lang),
            *([html.P(note, className="small text-muted fst-italic mb-1 match-note")] if note else []),
            *(
                [html.Ul(target_lines, className="provision-targets", title=t("common.targets", lang))]
                if target_lines
                else []
            ),
            *(
                [
                    html.Div(
                        [
                            html.Span(f"{t('common.actor', lang)}: ", className="text-muted"),
                            *_joined(actor_items),
                        ],
                        className="provision-actors",
                    )
                ]
                if actor_items
                else []
            ),
            *(
                [
                    html.Div(
                        [
                            html.Span(f"{t('source.in_source', lang)}: ", className="text-muted"),
                            *_joined(source_items),
                        ],
                        className="provision-sources small",
                    )
                ]
                if source_items
                else []
            ),
            html.Div(meta, className="provision-meta"),
        ],
        **props,
    )


def _text_block(
    text: str, highlights: list[Span | Sequence[Any]], snippet: tuple[int, int] | None, lang: str
) -> list[Any]:
    """Return the provision's text, highlighted; for a snippet, the stretch with "…" where text is left out,
    then the whole text under a closed "Whole provision"."""
    whole = html.P(highlight(text, highlights), className="provision-text")
    if snippet is None or snippet == (0, len(text)):
        return [whole]
    start, end = snippet
    shifted = []
    for span in highlights:
        s, e, *rest = (span.start, span.end, span.kind, span.title) if isinstance(span, Span) else span
        if s < end and e > start:
            shifted.append((max(s, start) - start, min(e, end) - start, *rest))
    return [
        html.P(
            [
                *(["… "] if start > 0 else []),
                *highlight(text[start:end], shifted),
                *([" …"] if end < len(text) else []),
            ],
            className="provision-text search-snippet",
        ),
        html.Details(
            [html.Summary(t("explorer.whole", lang), className="small"), whole], className="whole-text"
        ),
    ]


def _source_suffix(doc_id: str, start: Any, end: Any, lang: str) -> list[Any]:
    """Return " (source)" linked to a span of the seed text, or nothing when the span is not known."""
    try:
        _ = int(start), int(end)  # raises unless both are whole numbers
    except (TypeError, ValueError):
        return []
    return [
        " (",
        source_link(
            doc_id, start, end, lang, className="source-link", children=t("common.source", lang).lower()
        ),
        ")",
    ]


def _actor_words(actor: Mapping[str, Any], lang: str) -> str:
    role = str(actor.get("role") or "")
    notes = [t(f"role.{role}", lang) if has(f"role.{role}") else role] if role else []
    if actor.get("inherited"):
        notes.append(t("common.inherited", lang))
    return f"{actor.get('name')}" + (f" ({', '.join(notes)})" if notes else "")


def _target_words(target: Mapping[str, Any]) -> str:
    """Return the words that set the target ("by 2020"), or its text, shortened, when no words were kept."""
    surface = target.get("surface")
    if isinstance(surface, str) and surface.strip():
        return f"“{surface.strip()}”"
    text = str(target.get("text") or "")
    return text if len(text) <= 160 else text[:157] + "…"


def _joined(items: list[Any]) -> list[Any]:
    out: list[Any] = []
    for i, item in enumerate(items):
        out += (["; "] if i else []) + [item]
    return out


def _year(value: Any) -> str:
    try:
        return f"★ {int(value)}"
    except (TypeError, ValueError):
        return "★"
