"""Chart export through the real kaleido and Chromium: every registered chart in every format, and the files
opened and checked (PNG size and header, SVG parses, PDF pages, HTML standalone, CSV rows)."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import sys
import threading
import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from PIL import Image
from pypdf import PdfReader

from dashboard.cli import main
from dashboard.dataset.load import Dataset, get_dataset
from dashboard.errors import UnknownChart, UnknownDocument, UnknownTheme
from dashboard.export import kaleido
from dashboard.export.errors import MissingPair, UnknownSize, UnsupportedFormat
from dashboard.export.static import (
    SIZES,
    chart_table,
    default_filename,
    export_chart,
    render_chart,
    resolve_options,
    resolve_size,
)
from dashboard.figures.catalogue import CHARTS, get_chart
from dashboard.figures.registry import ChartOptions, TargetOptions
from dashboard.figures.targets.tables import targets_table

pytestmark = pytest.mark.export

TODAY = dt.date(2026, 3, 14)
PAIR = ("40-QD-TTg-2016", "153-NQ-CP-2025")
FORMATS = (".png", ".svg", ".pdf", ".html", ".csv")
NAMES = sorted(CHARTS)  # every chart registered now; a chart added later is tested without changes here


@pytest.fixture(scope="session")
def export_browser():
    """One warm export browser for the whole session, stopped at the end."""
    kaleido.start_server()
    yield
    kaleido.stop_server()


@pytest.fixture(scope="session")
def dataset(shipped_data: Path) -> Dataset:
    return get_dataset(str(shipped_data))


def options_for(name: str) -> ChartOptions:
    """Options every chart accepts: a comparison chart gets the pair, the others all documents."""
    return ChartOptions(a=PAIR[0], b=PAIR[1]) if get_chart(name).needs_pair else ChartOptions()


def svg_text(data: bytes) -> str:
    root = ET.fromstring(data)
    return " ".join(t for el in root.iter() if el.tag.endswith("text") for t in el.itertext())


def test_registry_has_charts():
    assert "timeline" in NAMES


@pytest.mark.parametrize("suffix", FORMATS)
@pytest.mark.parametrize("name", NAMES)
def test_every_chart_exports_in_every_format(export_browser, dataset, tmp_path, name, suffix):
    chart = get_chart(name)
    path = export_chart(dataset, name, options_for(name), tmp_path / f"{name}{suffix}", today=TODAY)
    data = path.read_bytes()
    if suffix == ".png":
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        with Image.open(path) as img:
            assert img.format == "PNG"
            assert img.size == (3200, 1800)  # slide 1600 x 900 at the default 2x scale
            grey = img.convert("L")
            assert grey.getextrema()[0] < 100  # something dark is drawn, not a blank canvas
            # nothing runs off the edges: the title is not clipped at the top, the caption not at the bottom
            for edge in ((0, 0, img.width, 4), (0, img.height - 4, img.width, img.height)):
                assert grey.crop(edge).getextrema()[0] > 200, f"{name}: drawing touches the edge {edge}"
    elif suffix == ".svg":
        root = ET.fromstring(data)
        assert root.tag.endswith("svg")
        assert (root.get("width"), root.get("height")) == ("1600", "900")
        titles = [el for el in root.iter() if el.get("class") == "gtitle"]
        assert titles and "".join(titles[0].itertext()).strip()  # the title and subtitle are drawn
        text = svg_text(data)
        text = " ".join(text.split())
        assert "Exported 2026-03-14" in text and f"v{dataset.version}" in text  # the dated source caption
    elif suffix == ".pdf":
        reader = PdfReader(io.BytesIO(data))
        assert len(reader.pages) == 1
        box = reader.pages[0].mediabox
        assert round(float(box.width)) == 1200 and round(float(box.height)) == 675  # 1600 x 900 px in pt
        assert "Exported 2026-03-14" in " ".join(reader.pages[0].extract_text().split())
    elif suffix == ".html":
        page = data.decode("utf-8")
        assert "<html" in page and "<title>" in page and "Plotly.newPlot" in page
        assert 'src="https://cdn.plot.ly' not in page  # plotly.js inlined: opens offline
        assert re.search(r"Exported(<br>|\\u003cbr\\u003e|\s)+2026-03-14", page)  # JSON escapes "<"
    else:
        table = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False)
        expected = chart_table(dataset, chart, resolve_options(dataset, chart, options_for(name)))
        assert list(table.columns) == [str(c) for c in expected.columns]
        assert len(table) == len(expected) > 0


@pytest.mark.parametrize("size", sorted(SIZES))
def test_size_presets_and_custom_sizes(export_browser, dataset, size):
    box = SIZES[size]
    png = render_chart(dataset, "timeline", ChartOptions(), ".png", size=size)
    natural = get_chart("timeline").figure(dataset, ChartOptions()).layout.height
    expected = box.for_figure(natural)  # a slide is 16:9; a page (A4 width) takes the chart's own height
    assert Image.open(io.BytesIO(png)).size == (box.width * 2, expected.height * 2)
    assert (expected.height == box.height) == (size == "slide")
    custom = render_chart(dataset, "timeline", ChartOptions(), ".png", width=1000, height=700, scale=1.5)
    assert Image.open(io.BytesIO(custom)).size == (1500, 1050)


@pytest.mark.parametrize("name", NAMES)
def test_a4_exports_stay_inside_the_image(export_browser, dataset, name):
    # at A4 width the layout is narrower: titles, wrapped subtitles and captions must still fit
    png = render_chart(dataset, name, options_for(name), ".png", size="a4", scale=1)
    with Image.open(io.BytesIO(png)) as img:
        assert img.width == 1240 and 500 <= img.height <= 1754  # A4 width; the chart's height, within a page
        grey = img.convert("L")
        for edge in ((0, 0, img.width, 3), (0, img.height - 3, img.width, img.height)):
            assert grey.crop(edge).getextrema()[0] > 200, f"{name}: drawing touches the edge {edge}"


def test_slide_text_is_legible(export_browser, dataset):
    # at slide size the chart is drawn 20/13 larger than on screen: 13 px body text prints at 12 pt on a 16:9
    # slide. The SVG states the layout size (viewBox) and the exported size: their ratio is the zoom.
    svg = render_chart(dataset, "timeline", ChartOptions(), ".svg", size="slide")
    root = ET.fromstring(svg)
    view_w = float(root.get("viewBox").split()[2])
    assert float(root.get("width")) / view_w == pytest.approx(20 / 13, rel=0.02)


def test_a_tall_chart_on_a_slide_keeps_its_row_spacing(export_browser, dataset):
    # 30-odd targets want ~1000 px on screen; squeezed into the slide's 585 px layout their labels overlapped.
    # The slide stays 1600 x 900; the chart is laid out at >= 85 % of its own height and drawn smaller.
    natural = get_chart("targets-timeline").figure(dataset, ChartOptions()).layout.height
    slide = resolve_size("slide")
    assert natural * 0.85 > slide.layout_height  # the shipped targets are a tall chart
    fitted = slide.for_figure(natural)
    assert fitted.layout_height >= natural * 0.85 - 1 and (fitted.width, fitted.height) == (1600, 900)
    assert fitted.zoom >= 0.75
    png = render_chart(dataset, "targets-timeline", ChartOptions(), ".png", size="slide", scale=1)
    assert Image.open(io.BytesIO(png)).size == (1600, 900)
    svg = ET.fromstring(render_chart(dataset, "targets-timeline", ChartOptions(), ".svg", size="slide"))
    assert float(svg.get("viewBox").split()[3]) == pytest.approx(fitted.layout_height, abs=2)
    assert slide.for_figure(slide.layout_height - 10) == slide  # a chart that fits is drawn as before


def test_options_filter_the_chart(export_browser, dataset):
    both = render_chart(dataset, "timeline", ChartOptions(docs=("59-NQ/TW", "153/nq-cp")), ".csv")
    table = pd.read_csv(io.BytesIO(both))
    assert set(table["id"]) == {"59-NQ-TW-2025", "153-NQ-CP-2025"}

@pytest.mark.parametrize("name", ["themes-evolution", "compare-themes"])
def test_a_vietnamese_export_dates_its_caption_in_vietnamese(export_browser, dataset, name):
    options = ChartOptions(lang="vi", **({"a": PAIR[0], "b": PAIR[1]} if get_chart(name).needs_pair else {}))
    text = " ".join(svg_text(render_chart(dataset, name, options, ".svg", today=TODAY)).split())
    assert f"Nguồn: bộ dữ liệu policy-timeline v{dataset.version}" in text and "Xuất ngày 2026-03-14." in text
    assert "Exported" not in text and "Source:" not in text



def test_bad_requests_fail_with_their_codes(dataset, tmp_path):
    with pytest.raises(UnsupportedFormat):
        export_chart(dataset, "timeline", ChartOptions(), tmp_path / "chart.gif")
    with pytest.raises(UnknownChart):
        export_chart(dataset, "no-such-chart", ChartOptions(), tmp_path / "chart.png")
    with pytest.raises(UnknownDocument):
        export_chart(dataset, "timeline", ChartOptions(docs=("99/XX",)), tmp_path / "chart.csv")
    with pytest.raises(UnknownTheme):
        export_chart(dataset, "timeline", ChartOptions(themes=("astrology",)), tmp_path / "chart.csv")
    with pytest.raises(UnknownSize):
        export_chart(dataset, "timeline", ChartOptions(), tmp_path / "chart.png", size="poster")
    pair_charts = [n for n in NAMES if get_chart(n).needs_pair]
    if pair_charts:
        with pytest.raises(MissingPair):
            export_chart(dataset, pair_charts[0], ChartOptions(), tmp_path / "chart.csv")
    assert not list(tmp_path.iterdir())  # nothing half-written


def test_concurrent_exports_get_their_own_files(export_browser, dataset):
    # kaleido's one shared queue hands results to whichever caller reads first: without the lock, threads got
    # each other's images. Each thread asks for a different width, so a swapped result shows in the size.
    widths = [800 + 40 * i for i in range(8)]
    results: dict[int, tuple[int, int]] = {}

    def work(width: int) -> None:
        png = render_chart(dataset, "timeline", ChartOptions(), ".png", width=width, height=500, scale=1)
        results[width] = Image.open(io.BytesIO(png)).size

    threads = [threading.Thread(target=work, args=(w,)) for w in widths]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert results == {w: (w, 500) for w in widths}


# ---------------------------------------------------------------- the command


def test_cli_lists_every_chart():
    result = CliRunner().invoke(main, ["export", "--list"])
    assert result.exit_code == 0
    listed = [line.split("\t")[0] for line in result.output.splitlines()]
    assert listed == NAMES
    assert all("\t" in line and line.split("\t")[1] for line in result.output.splitlines())


def test_cli_exports_with_options(export_browser, shipped_data, tmp_path):
    out = tmp_path / "timeline.png"
    result = CliRunner().invoke(main, ["export", "timeline", "--docs", "22-NQ/TW", "59-NQ/TW", "--size", "a4",
                                       "--data", str(shipped_data), "--out", str(out)])
    assert result.exit_code == 0, result.output
    with Image.open(out) as img:
        assert img.width == 2480 and img.height >= 1000  # A4 width; the height is the chart's own
    csv_out = tmp_path / "timeline.csv"
    args = ["export", "timeline", "--docs", "22-NQ/TW,59-NQ/TW", "--out", str(csv_out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert set(pd.read_csv(csv_out)["id"]) == {"22-NQ-TW-2013", "59-NQ-TW-2025"}


def test_cli_set_is_parsed_by_the_charts_page_view(shipped_data, tmp_path):
    # `--set kind=goal --set from=2030 --set to=2030` is read as the Targets page reads ?kind=goal&from=2030&to=2030
    out = tmp_path / "due.csv"
    result = CliRunner().invoke(main, ["export", "targets-timeline", "--set", "kind=goal", "--set", "from=2030",
                                       "--set", "to=2030", "--data", str(shipped_data), "--out", str(out)])
    assert result.exit_code == 0, result.output
    written = pd.read_csv(out)
    due = targets_table(get_dataset(str(shipped_data)),
                        ChartOptions(targets=TargetOptions(kinds=("goal",), year_from=2030, year_to=2030)))
    assert not written.empty and set(written["kind"]) == {"goal"} and list(written["id"]) == list(due["id"])


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["export", "no-such-chart", "--out", "x.png"], "unknown chart"),
        (["export", "timeline", "--out", "x.gif"], ".gif"),
        (["export", "timeline", "--docs", "99/XX", "--out", "x.png"], "unknown document"),
        (["export", "timeline"], "--out"),
        (["export", "timeline", "--size", "poster", "--out", "x.png"], "unknown size"),
        (["export", "timeline", "--set", "kind=goal", "--out", "x.csv"], "takes no such option"),
        (["export", "targets-timeline", "--set", "kind=bogus", "--out", "x.csv"], "kind=bogus"),
        (["export", "targets-timeline", "--set", "from=soon", "--out", "x.csv"], "not a valid value"),
        (["export", "timeline", "--set", "hide=everything", "--out", "x.csv"], "hide=everything"),
    ],
)
def test_cli_bad_input_is_one_line_and_exit_2(tmp_path, args, needle):
    args = [str(tmp_path / a) if a.startswith("x.") else a for a in args]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:") and needle in lines[0]
    assert not list(tmp_path.iterdir())


def test_console_script_cold_start(tmp_path):
    # a fresh process: starts its own export browser, writes the file, stops the browser at exit cleanly
    out = tmp_path / "timeline.svg"
    done = subprocess.run([sys.executable, "-m", "dashboard", "export", "timeline", "--out", str(out)],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert ET.fromstring(out.read_bytes()).tag.endswith("svg")


@pytest.mark.parametrize(
    ("name", "options", "title"),
    [
        (
            "themes-evolution",
            ChartOptions(themes=("science_technology", "diplomacy_partnerships")),
            "Theme weight over time: Science and technology · Diplomacy",
        ),
        ("timeline", ChartOptions(), "Viet Nam's international-integration documents over time"),
    ],
)
def test_a_pdfs_title_is_the_charts_title(export_browser, dataset, tmp_path, name, options, title):
    """Not kaleido's "Kaleido-fier": a PDF viewer's title bar and a library's catalogue show the chart's title."""
    path = export_chart(dataset, name, options, tmp_path / "chart.pdf", today=TODAY)
    reader = PdfReader(path)
    assert reader.metadata.title == title
    assert "Kaleido" not in (reader.metadata.creator or "") and reader.metadata.creator.startswith("policy-timeline")
    assert len(reader.pages) == 1 and title.split(":")[0] in reader.pages[0].extract_text()


def test_static_exports_do_not_ask_to_click(export_browser, dataset):
    svg = svg_text(render_chart(dataset, "timeline", ChartOptions(), ".svg", today=TODAY))
    assert "Each document at its date of issue" in svg and "Click" not in svg
    page = render_chart(dataset, "themes-heatmap", ChartOptions(), ".html", today=TODAY).decode()
    assert "Click to list these provisions" not in page  # a standalone page has no provisions to list
    assert "Click a document to open it" in get_chart("timeline").figure(dataset, ChartOptions()).layout.title.text


def test_file_names_say_own_or_all_text():
    own = default_filename("themes-evolution", ChartOptions(themes=("health",)), ".pdf")
    every = default_filename("themes-heatmap", ChartOptions(basis="all"), ".png", "a4")
    assert own == "themes-evolution_health_own-text_slide.pdf"
    assert every == "themes-heatmap_all-text_a4.png"
    assert default_filename("term-emergence", ChartOptions(), ".csv") == "term-emergence_own-text.csv"
    assert default_filename("timeline", ChartOptions(basis="all"), ".png") == "timeline_slide.png"  # no basis


def test_new_terms_axis_titles_stay_clear_of_the_next_row(export_browser, dataset):
    """On a slide, the upper row's axis title ends above the lower row's panel titles."""
    svg = render_chart(dataset, "term-emergence", ChartOptions(basis="all"), ".svg", today=TODAY)
    root = ET.fromstring(svg)
    texts = [(el, "".join(el.itertext())) for el in root.iter() if el.tag.endswith("text")]
    axis_ys = sorted(float(el.get("y", 0)) for el, t in texts if t == "uses in the document" and "y" in el.attrib)
    assert len(axis_ys) >= 2
    fig = get_chart("term-emergence").figure(dataset, ChartOptions(basis="all"))
    lower_top = min(
        fig.layout[k].domain[1] for k in fig.layout if k.startswith("yaxis") and fig.layout[k].domain[1] < 0.9
    )
    upper_bottom = max(fig.layout[k].domain[0] for k in fig.layout if k.startswith("yaxis"))
    plot_px = fig.layout.height - fig.layout.margin.t - fig.layout.margin.b
    assert (upper_bottom - lower_top) * plot_px * 0.85 >= 70  # ticks, axis title and the next panel's title
