"""Many-to-many links across structure: merged, split, bare headings, item and bullets, sections, own text,
notices and curated links under a reader's pins."""

from __future__ import annotations

import pandas as pd

from dashboard.analysis.diff import AlignSettings, Comparison, Link, Section, diff_provisions
from dashboard.analysis.diff.compare import notices
from dashboard.analysis.diff.curated import CuratedLink
from tests.unit.analysis.diff_tables import provisions

DOC_A = {"id": "A-2016", "symbol": "A/2016", "issued": "2016-01-07"}
DOC_B = {"id": "B-2025", "symbol": "B/2025", "issued": "2025-05-31"}


def tree(doc: str, rows: list[tuple[str, str | None, str, str]]) -> pd.DataFrame:
    """Return a provision table from (path, parent path, kind, text) rows in document order."""
    return pd.DataFrame(
        {
            "id": [f"{doc}:{p}" for p, _, _, _ in rows],
            "document_id": doc,
            "parent_id": [f"{doc}:{parent}" if parent else None for _, parent, _, _ in rows],
            "ordinal": range(len(rows)),
            "label": [p.split(".")[-1] if kind == "item" else "" for p, _, kind, _ in rows],
            "kind": [kind for _, _, kind, _ in rows],
            "own_text": [kind not in ("commentary", "reported") for _, _, kind, _ in rows],
            "text": [t for _, _, _, t in rows],
            "content": [t for _, _, _, t in rows],
            "words": [len(t.split()) for _, _, _, t in rows],
        }
    )


# A: an environment item with three bullets, a trade item, and a bare heading over two bullets on culture
A = tree(
    "A-2016",
    [
        ("c1", None, "commentary", "The news agency publishes the translation of the strategy for readers."),
        ("7", None, "item", "7. Participate in environmental cooperation on climate change and water resources."),
        ("7.b1", "7", "bullet", "Cooperate on climate change adaptation and transboundary water resources."),
        ("7.b2", "7", "bullet", "Protect forests, wildlife and biodiversity with international partners."),
        ("7.b3", "7", "bullet", "Mobilise sponsors for climate change and water resources projects."),
        ("8", None, "item", "8. Negotiate free trade agreements with major partners; diversify export markets."),
        ("9", None, "item", "9."),
        ("9.b1", "9", "bullet", "Host international festivals of traditional music and film."),
        ("9.b2", "9", "bullet", "Open Vietnamese cultural centres abroad to popularise culture."),
        ("10", None, "item", "10. Attract international tourists to heritage sites and beaches."),
        ("11", None, "item", "11. Send national athletes to international sports games."),
    ],
)
# B: one paragraph covering the whole climate and water item, one on biodiversity and forests, trade split in two
B = tree(
    "B-2025",
    [
        ("c1", None, "commentary", "The Government issued the resolution; readers will find its tasks below."),
        ("p1", None, "paragraph", "Mobilise sponsors for climate change adaptation and transboundary water "
                                  "resources projects."),
        ("p2", None, "paragraph", "Protect forests and biodiversity; cooperate on wildlife with partners."),
        ("p3", None, "paragraph", "Implement free trade agreements with major partners."),
        ("p4", None, "paragraph", "Diversify export markets."),
        ("p5", None, "paragraph", "Build a national space observatory for astronomy research."),
        ("p6", None, "paragraph", "Host international sports games and attract international tourists."),
    ],
)


def compare(**kw) -> Comparison:
    return diff_provisions(A, B, doc_a=DOC_A, doc_b=DOC_B, **kw)


def links(result: Comparison) -> dict[tuple[str, str], Link]:
    return {(p.a.split(":")[1], p.b.split(":")[1]): p for p in result.pairs if p.a and p.b}


def test_provisions_that_became_one_are_merged_and_one_that_became_several_is_split():
    # the similarity thresholds link each near counterpart; the link model (default) is stricter about merges
    found = links(compare(settings=AlignSettings(model=None)))
    assert found[("7.b1", "p1")].status == found[("7.b3", "p1")].status == "merged"
    assert found[("10", "p6")].status == found[("11", "p6")].status == "merged"
    assert found[("8", "p3")].status == found[("8", "p4")].status == "split"
    assert found[("7.b2", "p2")].status == "reworded"


def test_the_link_model_splits_an_item_covered_by_two_paragraphs_and_keeps_near_copies():
    found = links(compare())
    assert found[("8", "p3")].status == found[("8", "p4")].status == "split"
    assert found[("7.b2", "p2")].status == "reworded" and found[("7.b3", "p1")].status == "kept"
    assert ("7.b2", "p6") not in found  # a weak, shared-word candidate is not linked


def test_an_item_and_its_own_bullet_linked_to_one_paragraph_are_one_family_not_a_merge():
    curated = [CuratedLink("A-2016:7", "B-2025:p2", "pair")]  # item 7 and its bullet 7.b2 both → p2
    found = links(compare(curated=curated))
    assert found[("7", "p2")].set_by == "curated"
    assert found[("7.b2", "p2")].status != "merged" and found[("7", "p2")].status != "merged"


def test_a_bare_heading_is_aligned_through_its_children_and_not_counted():
    result = compare()
    heading = [p for p in result.pairs if p.a == "A-2016:9"]
    assert len(heading) == 1 and heading[0].b is None and heading[0].heading and not heading[0].counted
    assert result.not_counted["headings"] == 1


def test_every_provision_appears_and_one_sided_rows_are_only_for_provisions_without_links():
    result = compare()
    assert {p.a for p in result.pairs if p.a} == set(A["id"])
    assert {p.b for p in result.pairs if p.b} == set(B["id"])
    linked = {x for p in result.pairs if p.a and p.b for x in (p.a, p.b)}
    assert all((p.a or p.b) not in linked for p in result.pairs if p.status in ("new", "dropped"))


def test_framing_is_shown_apart_and_counted_only_when_the_reader_asks_for_all_text():
    own = compare()
    framing = [p for p in own.pairs if p.a == "A-2016:c1" or p.b == "B-2025:c1"]
    assert len(framing) == 2 and not any(p.counted for p in framing)
    assert own.summary["new"] == sum(1 for p in own.pairs if p.status == "new" and p.counted)
    assert own.not_counted["framing"] == 2
    everything = compare(basis_mode="all")
    assert everything.not_counted["framing"] == 0
    assert everything.summary["new"] + everything.summary["dropped"] >= own.summary["new"] + own.summary["dropped"]


def test_sections_say_what_became_of_each_part_of_a():
    result = compare(settings=AlignSettings(model=None))  # the similarity thresholds merge 10 and 11 into p6
    by_a = {s.a.split(":")[1]: s for s in result.sections if s.a}
    assert isinstance(by_a["8"], Section)
    assert by_a["8"].outcome == "split" and by_a["8"].b == ("B-2025:p3", "B-2025:p4")
    assert by_a["8"].summary.startswith("8. Negotiate") and "split over p3, p4" in by_a["8"].summary
    assert by_a["7"].outcome == "split" and by_a["7"].b == ("B-2025:p1", "B-2025:p2")
    assert by_a["10"].outcome == "merged" and by_a["10"].summary.endswith("merged into p6")
    assert "c1" not in by_a  # the publisher's framing is not a part of the document
    new = [s for s in result.sections if s.a is None]
    assert new and "p5" in new[0].summary and new[0].outcome == "new"


def test_as_dict_is_the_json_contract():
    out = compare().as_dict()
    assert set(out) >= {"a", "b", "pairs", "sections", "themes", "terms", "summary", "notices"}
    assert set(out["sections"][0]) == {"a", "title", "outcome", "summary", "b"}
    assert isinstance(out["sections"][0]["b"], list)
    assert set(out["summary"]) == {"kept", "reworded", "merged", "split", "new", "dropped"}
    assert all(p["set_by"] in ("engine", "curated", "reader") for p in out["pairs"])


def test_comparing_a_document_with_itself_or_backwards_is_noticed():
    same = diff_provisions(A, A, doc_a=DOC_A, doc_b=DOC_A)
    assert same.notices and "same document" in same.notices[0]
    assert all(p.status == "kept" for p in same.pairs if p.counted)
    backwards = diff_provisions(B, A, doc_a=DOC_B, doc_b=DOC_A)
    assert backwards.notices and "Swap A and B" in backwards.notices[0]
    assert compare().notices == ()
    # the page and the briefing pack ask for them in the reader's language
    (vi,) = notices(DOC_B, DOC_A, "vi")
    assert "ngược thời gian" in vi and "Đổi chỗ A và B" in vi and str(DOC_B["symbol"]) in vi
    assert "cùng một văn bản" in notices(DOC_A, DOC_A, "vi")[0]


def test_curated_links_apply_and_a_readers_pins_override_them():
    curated = [
        CuratedLink("A-2016:9.b2", "B-2025:p5", "pair"),  # nothing in common: only the curator says so
        CuratedLink("A-2016:8", "B-2025:p4", "not_pair"),
    ]
    result = compare(curated=curated)
    found = links(result)
    assert found[("9.b2", "p5")].set_by == "curated"
    assert ("8", "p4") not in found
    assert result.curated == ("9.b2-p5", "8!p4")
    pinned = compare(curated=curated, pins=["9.b2-"])
    assert ("9.b2", "p5") not in links(pinned)  # the reader's "no counterpart" wins
    assert pinned.curated == ("8!p4",) and pinned.pins == ("9.b2-",)
    off = compare()
    assert ("9.b2", "p5") not in links(off)


def test_flat_lists_keep_one_to_one_pairs_when_nothing_is_shared():
    a = provisions("A-2016", ["Protect citizens abroad.", "Organise a football tournament."])
    b = provisions("B-2025", ["Protect the rights of citizens abroad.", "Build an observatory."])
    result = diff_provisions(a, b, doc_a=DOC_A, doc_b=DOC_B)
    assert [(p.a, p.b, p.status) for p in result.pairs if p.a and p.b] == [
        ("A-2016:1", "B-2025:1", "reworded")
    ]
