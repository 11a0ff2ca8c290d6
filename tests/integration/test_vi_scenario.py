"""The issue's opening scenario, end to end: a Vietnamese resolution of our own (tests/fixtures/add/vi_scenario.txt)
brought as a PDF, added with one command to the shipped seeds after another Vietnamese resolution, built, and read
back from the tables and the pages: the point "đ)", the targets "ít nhất 40 quốc gia" by 2030, "1.000 tỷ USD" by
2035 and the 2045 vision, "môi trường hòa bình" as peace, the tasks' roles, the relation, and term emergence
within Vietnamese."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import plotly.utils
import pytest
from click.testing import CliRunner

from dashboard.cli import main
from dashboard.dataset.build import run as build_package
from dashboard.paths import SEEDS_DIR
from tests.add_documents import FIXTURES, VI_TEXT, write_pdf

SCENARIO = FIXTURES / "vi_scenario.txt"
DOC = "81-NQ-TW-2026"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("scenario")
    seeds = root / "seeds"
    shutil.copytree(SEEDS_DIR, seeds)  # the shipped corpus holds 22-NQ/TW, which it replaces
    shutil.copy(VI_TEXT, root / "earlier.txt")
    pdf = write_pdf(SCENARIO.read_text(encoding="utf-8"), root / "nghi-quyet-81.pdf")
    for path in (root / "earlier.txt", pdf):
        result = CliRunner().invoke(main, ["add", str(path), "--seeds", str(seeds),
                                           "--source-url", "https://example.org/van-ban"])
        assert result.exit_code == 0, result.stderr
    return build_package(seeds, root / "data", progress=False).parent


def table(built: Path, name: str) -> pd.DataFrame:
    frame = pd.read_csv(built / f"{name}.csv")
    key = "document_id" if "document_id" in frame else "source_id"
    return frame[frame[key] == DOC]


def test_the_header_and_the_points(built: Path) -> None:
    doc = pd.read_csv(built / "documents.csv").set_index("id").loc[DOC]
    assert (doc["symbol"], doc["issued"], doc["issuer"], doc["doc_type"], doc["language"]) == (
        "81-NQ/TW", "2026-05-20", "party_central_committee", "resolution", "vi")
    assert doc["title_vi"] == "Nghị quyết về mở rộng quan hệ đối ngoại và hội nhập kinh tế sâu rộng"
    provisions = table(built, "provisions").set_index("id")
    point = provisions.loc[f"{DOC}:partIII.1.dd"]  # đ) is a point of its own, not a paragraph under b)
    assert (point["kind"], point["label"], point["parent_id"]) == ("point", "đ", f"{DOC}:partIII.1")
    assert list(provisions.loc[provisions["parent_id"] == f"{DOC}:partIII.1", "label"]) == list("abcdđe")
    assert provisions.loc[f"{DOC}:partIII.2.b3.b1", "text"].startswith("+ Bộ Y tế")  # "+" under "-"


def test_the_targets(built: Path) -> None:
    targets = table(built, "targets")
    found = {(t.end_year, None if pd.isna(t.value) else t.value, None if pd.isna(t.unit) else t.unit)
             for t in targets.itertuples()}
    assert {(2030, 40.0, "countries"), (2035, 1000.0, "billion USD"), (2030, 30.0, "percent"),
            (2045, None, None)} <= found
    assert set(targets.loc[targets["value"] == 40.0, "note"]) == {"ít nhất 40"}


def test_the_themes_and_their_traps(built: Path) -> None:
    tags = table(built, "provision_themes")
    themes = tags.groupby("provision_id")["theme_id"].apply(set)
    assert themes[f"{DOC}:partI.1"] == {"defense_security_sovereignty"}  # môi trường hòa bình is peace
    assert "agriculture_food" in themes[f"{DOC}:partIII.1.c"]  # an ninh lương thực
    assert "defense_security_sovereignty" not in themes[f"{DOC}:partIII.1.c"]
    assert {"culture_information", "diplomacy_partnerships"} <= themes[f"{DOC}:partIII.1.d"]  # ngoại giao văn hóa


def test_the_actors_roles_entities_and_relation(built: Path) -> None:
    roles = {(a.provision_id.split(":")[1], a.actor_id, a.role) for a in table(built, "assignments").itertuples()}
    assert {("partIII.2.b1", "moit", "lead"), ("partIII.2.b1", "mofa", "coordinate"),
            ("partIII.2.b2", "mof", "lead"), ("partIII.2.b2", "sbv", "coordinate"),
            ("partIII.2.b3", "mofa", "assist"), ("partIII.2.b3", "mofa", "report"),
            ("partIII.2.b3", "politburo", "recipient"), ("partIII.2.b3.b1", "moet", "coordinate")} <= roles
    assert {"wto", "asean"} <= set(table(built, "mentions")["entity_id"])
    relations = table(built, "relations")
    assert set(zip(relations["kind"], relations["target_id"], strict=True)) == {("supersedes", "22-NQ-TW-2013")}


def test_term_emergence_is_within_vietnamese(built: Path) -> None:
    rows = table(built, "term_emergence")
    own = rows[rows["basis"] == "own"]
    assert set(own["earlier_documents"]) == {1}  # the earlier Vietnamese resolution, not the English texts
    assert set(own.loc[own["status"] == "dropped", "seen_in"]) <= {"77-NQ-TW-2026"}
    new = set(own.loc[own["status"] == "new", "term"].str.lower())
    assert {"an ninh lương thực", "hiệp định thương mại tự do"} & new
    assert {"hội nhập", "thu nhập", "kim ngạch"} <= new  # units, not their syllables
    assert not {"hội", "nhập", "thu", "kim", "ngạch"} & new
    assert not any(t.isascii() and t.isalpha() and len(t) > 6 for t in new)  # no English word is new here


def test_every_page_shows_it(built: Path) -> None:
    from dashboard.app.context import AppData
    from dashboard.app.state import DocumentView, TargetsView, ThemesView, TimelineView
    from dashboard.app.views.document import document_page
    from dashboard.app.views.targets import targets_page
    from dashboard.app.views.themes import themes_page
    from dashboard.app.views.timeline import timeline_page

    data = AppData.load(built)
    pages = {
        "document": document_page(data, DocumentView(doc=DOC)),
        "themes": themes_page(data, ThemesView(docs=(DOC,))),
        "targets": targets_page(data, TargetsView()),
        "timeline": timeline_page(data, TimelineView()),
    }
    for name, page in pages.items():
        dumped = json.dumps(page, cls=plotly.utils.PlotlyJSONEncoder, ensure_ascii=False)
        assert "81-NQ/TW" in dumped, name
    assert "1.000 tỷ USD" in json.dumps(pages["targets"], cls=plotly.utils.PlotlyJSONEncoder, ensure_ascii=False)


def test_a_document_named_but_not_known_is_noted_and_drawn_once_described(seeds_copy: Path, tmp_path: Path) -> None:
    # the fixture corpus does not know 22-NQ/TW, which the scenario replaces: add says so, and what to do
    args = ["add", str(SCENARIO), "--seeds", str(seeds_copy), "--source-url", "https://example.org/van-ban"]
    result = CliRunner().invoke(main, [*args, "--json"])
    assert result.exit_code == 0, result.stderr
    notes = [n for n in json.loads(result.stdout)["notes"] if n.startswith("relations:")]
    assert len(notes) == 1 and "22-NQ/TW (supersedes)" in notes[0] and "references.yml" in notes[0]
    sidecar = next(seeds_copy.glob("000_*.yml")).read_text(encoding="utf-8")
    assert "# note: relations: the text names 22-NQ/TW (supersedes)" in sidecar
    # described in references.yml as the note asks, the relation is drawn
    (seeds_copy / "references.yml").write_text(
        "- id: 22-NQ-TW-2013\n  symbol: 22-NQ/TW\n  doc_type: resolution\n  issuer: politburo\n"
        "  issued: 2013-04-10\n  title_en: Resolution on international integration\n"
        "  source_url: https://example.org/22\n  facts_confidence: V\n  facts_note: test\n", encoding="utf-8")
    out = build_package(seeds_copy, tmp_path / "data", progress=False).parent
    relations = pd.read_csv(out / "relations.csv")
    assert ((relations["source_id"] == DOC) & (relations["kind"] == "supersedes")
            & (relations["target_id"] == "22-NQ-TW-2013")).sum() == 1
