"""Facts of the shipped package that the fixture corpus cannot show: the theme evidence of the real seeds, a news
report with no own text counted on all its text, the terms 59-NQ/TW brings in, which shipped provisions carry no
theme, and `eval-themes`, whose labelled sets name shipped provisions. The same behaviours on the fixture corpus
are unit tests (tests/unit/analysis/test_provision_themes.py, test_measures.py, test_terms.py, test_words.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from click.testing import CliRunner

from dashboard.analysis.text import tokenise
from dashboard.analysis.words import words
from dashboard.cli import main
from dashboard.corpus.load import load_corpus
from dashboard.corpus.normalise import normalise_text


def load(data: Path) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    return (pd.read_parquet(data / "provision_themes.parquet"), pd.read_parquet(data / "provisions.parquet"),
            pd.read_parquet(data / "documents.parquet"))


def test_every_piece_of_shipped_evidence_slices_back_out_of_its_seed(shipped_data: Path, seeds_dir: Path):
    tags, provisions, documents = load(shipped_data)
    assert not tags.empty
    text_of = provisions.set_index("id")["text"]
    held = documents[documents["held"]]
    raw = {d.id: (seeds_dir / d.seed_file).read_text(encoding="utf-8") for d in held.itertuples()}
    for row in tags.itertuples():
        assert len(row.evidence) == len(row.terms) == len(row.starts) == len(row.source_starts) > 0
        spans = zip(row.evidence, row.starts, row.ends, row.source_starts, row.source_ends, strict=True)
        for found, start, end, src_start, src_end in spans:
            assert text_of[row.provision_id][start:end] == found
            assert normalise_text(raw[row.document_id][src_start:src_end]) == found


def test_only_subject_less_headings_carry_no_theme(shipped_data: Path):
    tags, provisions, _ = load(shipped_data)
    untagged = provisions[~provisions["id"].isin(tags["provision_id"])]
    assert set(untagged["text"]) <= {"Part V", "1 Overall objectives", "2 Tasks and solutions"}


def test_a_news_report_without_own_text_is_measured_on_all_its_text(shipped_data: Path):
    measures = pd.read_parquet(shipped_data / "theme_measures.parquet")
    report = measures[measures["document_id"] == "22-NQ-TW-2013"]
    assert not report.empty
    assert (report.loc[report["basis"] == "own", "provisions"] == 0).all()
    assert report.loc[report["basis"] == "all", "share_provisions"].notna().all()


def test_59_nq_tw_brings_in_digital_transformation(shipped_data: Path):
    table = pd.read_parquet(shipped_data / "term_emergence.parquet")
    new_2025 = table[(table["document_id"] == "59-NQ-TW-2025") & (table["status"] == "new")]
    assert "digital transformation" in set(new_2025["term"])


def test_words_equal_tokenise_on_the_shipped_seeds(seeds_dir: Path):
    provisions = list(load_corpus(seeds_dir).provisions())
    assert provisions
    for provision in provisions:
        expected = [(t.text, t.stem, t.start, t.end) for t in tokenise(provision.text)]
        assert list(words(provision.text)) == expected, provision.id


def test_eval_themes_prints_figures_and_exits_on_the_bar(shipped_data: Path):
    runner = CliRunner()
    ok = runner.invoke(main, ["eval-themes", "--data", str(shipped_data)])
    assert ok.exit_code == 0, ok.output
    assert "micro-average" in ok.output and "holdout" in ok.output
    strict = runner.invoke(main, ["eval-themes", "--data", str(shipped_data), "--bar", "0.999", "--json"])
    assert strict.exit_code == 1
    reports = json.loads(strict.output)
    # the Vietnamese sets are printed beside the English ones
    assert [r["name"] for r in reports] == ["dev", "holdout", "blind", "vi_dev", "vi_blind"]
    assert {t["id"] for t in reports[0]["themes"]} >= {"governance", "overseas_vietnamese"}


def test_shipped_emergence_lists_united_nations_not_united(shipped_data: Path):
    table = pd.read_parquet(shipped_data / "term_emergence.parquet")
    assert "united" not in set(table["term"].str.lower())
