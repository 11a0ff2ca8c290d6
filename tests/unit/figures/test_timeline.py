"""The timeline chart: one marker per held document, hollow grey not-held ones, arrows for relations, bars to
horizons and target years, coverage in the legend, the source caption; and the table behind it."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from dashboard.dataset.build import run as build_package
from dashboard.dataset.load import Dataset
from dashboard.figures.catalogue import get_chart
from dashboard.figures.registry import ChartOptions, TimelineOptions
from dashboard.figures.timeline.rows import LABEL_LIMIT, TimelineDoc, assign_rows

REFERENCES = """\
- id: 9-KL-TW-2018
  symbol: 9-KL/TW
  doc_type: conclusion
  issuer: politburo
  issued: 2018-05-01
  title_en: A conclusion <b>referenced</b> but not held
  source_url: https://example.org/ref
  facts_confidence: V
"""
RELATIONS = """\
- source: 2/NQ-CP
  kind: implements
  target: 1-NQ/TW
  source_url: https://example.org/beta
  confidence: V
  evidence: the programme's title
- source: 2/NQ-CP
  kind: references
  target: 9-KL/TW
  source_url: https://example.org/beta
  confidence: V
  evidence: a made-up reference
"""
CITED = """\
targets:
  - document: 1-NQ/TW
    text: Sign free trade agreements
    kind: goal
    end_year: 2030
    theme_ids: [economy_trade]
    source_url: https://example.org/alpha
    confidence: V
"""


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory, fixture_seeds: Path) -> Dataset:
    """The fixture corpus plus a document known only through a relation, and a cited target."""
    root = tmp_path_factory.mktemp("timeline")
    seeds = root / "seeds"
    shutil.copytree(fixture_seeds, seeds)
    (seeds / "references.yml").write_text(REFERENCES, encoding="utf-8")
    (seeds / "relations.yml").write_text(RELATIONS, encoding="utf-8")
    (seeds / "cited.yml").write_text(CITED, encoding="utf-8")
    build_package(seeds, root / "data")
    return Dataset(root / "data")


def doc_traces(fig):
    return [t for t in fig.data if t.legendgroup == "coverage"]


def test_one_marker_per_held_document(dataset: Dataset) -> None:
    fig = get_chart("timeline").figure(dataset, ChartOptions())
    held = [t for t in doc_traces(fig) if "Not held" not in t.name]
    ids = [c[0] for t in held for c in t.customdata]
    assert sorted(ids) == ["1-NQ-TW-2020", "2-NQ-CP-2021"]
    names = {t.name for t in held}
    assert names == {"● Full text", "◐ Partial excerpt"}
    assert {t.marker.symbol for t in held} == {"circle", "diamond"}


def test_not_held_documents_are_hollow_grey_and_labelled(dataset: Dataset) -> None:
    fig = get_chart("timeline").figure(dataset, ChartOptions())
    (ghost,) = [t for t in doc_traces(fig) if "Not held" in t.name]
    assert [c[0] for c in ghost.customdata] == ["9-KL-TW-2018"]
    assert ghost.marker.symbol == "circle-open" and ghost.marker.color == "#8C8C8C"
    assert "not held" in ghost.text[0]
    assert "&lt;b&gt;referenced&lt;/b&gt;" in ghost.hovertext[0]  # titles are escaped, not rendered as HTML


def test_relations_are_arrows_between_the_documents(dataset: Dataset) -> None:
    fig = get_chart("timeline").figure(dataset, ChartOptions())
    arrows = [a for a in fig.layout.annotations if a.showarrow]
    assert len(arrows) == 2
    pairs = {(a.ax, a.x) for a in arrows}
    assert pairs == {("2021-06-30", "2020-03-01"), ("2021-06-30", "2018-05-01")}
    assert {a.arrowcolor for a in arrows} == {"#0072B2", "#56B4E9"}
    legend = {t.name for t in fig.data if t.legendgroup == "relation"}
    assert legend == {"→ implements", "→ references"}
    evidence = next(t for t in fig.data if t.name == "relation evidence")
    assert any("a made-up reference" in h for h in evidence.hovertext)


def test_bars_run_to_horizons_and_target_years(dataset: Dataset) -> None:
    fig = get_chart("timeline").figure(dataset, ChartOptions())
    bars = next(t for t in fig.data if t.name == "Span to horizon")
    assert [x for x in bars.x if x] == ["2020-03-01", "2030-07-01", "2021-06-30", "2035-07-01"]
    ticks = next(t for t in fig.data if t.name == "Horizon year")
    assert list(ticks.text) == ["2030", "2035"]
    stars = next(t for t in fig.data if t.name == "Target year")
    cited = [h for c, h in zip(stars.customdata, stars.hovertext, strict=True) if c[0] == "1-NQ-TW-2020"]
    assert any("target year 2030" in h and "Sign free trade agreements" in h for h in cited)


def test_hover_and_caption_flag_coverage(dataset: Dataset) -> None:
    fig = get_chart("timeline").figure(dataset, ChartOptions())
    partial = next(t for t in doc_traces(fig) if "Partial" in t.name)
    assert "Coverage: Partial excerpt (ministry summary)" in partial.hovertext[0]
    assert "Three paragraphs of a made-up programme." in partial.hovertext[0]
    caption = fig.layout.annotations[-1].text
    assert caption.startswith(f"Source: policy-timeline dataset v{dataset.version}")
    assert "1 of the 2 seeds are partial" in caption
    assert fig.layout.title.text.startswith("<b>Viet Nam")
    assert fig.layout.xaxis.title.text == "Date of issue and horizon years"


def test_lanes_are_the_issuing_bodies(dataset: Dataset) -> None:
    fig = get_chart("timeline").figure(dataset, ChartOptions(lang="vi"))
    assert [t.replace("<b>", "").replace("</b>", "") for t in fig.layout.yaxis.ticktext] == [
        "Đảng",
        "Chính phủ",
    ]
    assert fig.layout.title.text.startswith("<b>Các văn bản")


def test_layers_can_be_hidden(dataset: Dataset) -> None:
    hidden = TimelineOptions(hide=("relations", "horizons", "not_held"))
    fig = get_chart("timeline").figure(dataset, ChartOptions(timeline=hidden))
    assert not [a for a in fig.layout.annotations if a.showarrow]
    assert not [t for t in fig.data if t.legendgroup in ("horizon", "target", "relation")]
    assert sorted(c[0] for t in doc_traces(fig) for c in t.customdata) == ["1-NQ-TW-2020", "2-NQ-CP-2021"]


def _doc(doc_id: str, year: int, horizons: tuple[int, ...] = ()) -> TimelineDoc:
    issued = date(year, 1, 1)
    return TimelineDoc(
        id=doc_id,
        symbol=doc_id,
        title="",
        lane="Party",
        issued=issued,
        x=float(year),
        held=True,
        coverage="partial",
        source_kind="",
        coverage_note="",
        issuer="",
        horizons=horizons,
        target_years=(),
    )


def test_rows_share_when_apart_split_when_overlapping_or_related() -> None:
    docs = [_doc("a", 2010, (2015,)), _doc("b", 2020), _doc("c", 2012)]
    labels = {d.id: 1.0 for d in docs}
    reach = {"a": 2015.5, "b": 2020.0, "c": 2012.0}
    rows = assign_rows(sorted(docs, key=lambda d: d.x), labels, reach, {})
    assert rows["a"] == rows["b"] != rows["c"]  # c starts under a's bar; b starts after it ends
    related = assign_rows(sorted(docs, key=lambda d: d.x), labels, reach, {"a": {"b"}, "b": {"a"}})
    assert related["a"] != related["b"]


def test_data_table(dataset: Dataset) -> None:
    table = get_chart("timeline").data(dataset, ChartOptions())
    assert list(table["id"]) == ["9-KL-TW-2018", "1-NQ-TW-2020", "2-NQ-CP-2021"]  # lane, then date
    row = table.set_index("id").loc["2-NQ-CP-2021"]
    assert row["relations"] == "implements 1-NQ-TW-2020; references 9-KL-TW-2018"
    assert row["horizons"] == "2035" and row["coverage"] == "partial"
    assert "2030" in table.set_index("id").loc["1-NQ-TW-2020", "target_years"].split(";")


def test_restricting_documents(dataset: Dataset) -> None:
    fig = get_chart("timeline").figure(dataset, ChartOptions(docs=("2-NQ-CP-2021",)))
    assert [c[0] for t in doc_traces(fig) for c in t.customdata] == ["2-NQ-CP-2021"]
    assert not [a for a in fig.layout.annotations if a.showarrow]


def test_labels_hidden_on_a_crowded_chart() -> None:
    assert LABEL_LIMIT == 40  # above it, markers+text would overlap; tests/bench exercise 1,000 documents
