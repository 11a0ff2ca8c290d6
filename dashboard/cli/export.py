"""Export commands: one chart as a file (`export`), and the briefing pack comparing two documents (`brief`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from dashboard.cli.common import DATA_OPTION, fail, path_option, split_values

if TYPE_CHECKING:
    from dashboard.dataset.load import Dataset
    from dashboard.figures.registry import ChartOptions


class _ManyValues(click.Command):
    """A command whose --docs/--themes take several values: `--docs A B`, `--docs A,B` or repeated."""

    many = ("--docs", "--themes")

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        out: list[str] = []
        option = None
        for arg in args:
            if arg.startswith("-"):
                option = arg if arg in self.many else None
                out.append(arg)
            elif option and out[-1] != option:
                out += [option, arg]  # a further value of --docs/--themes
            else:
                out.append(arg)
        return super().parse_args(ctx, out)


@click.command(cls=_ManyValues)
@click.argument("chart", required=False)
@click.option("--list", "list_charts", is_flag=True, help="List the chart names and what each shows; exit.")
@click.option("--docs", multiple=True, help="Documents to show (ids or symbols): --docs A B, or A,B.")
@click.option("--themes", multiple=True, help="Theme ids to show: --themes T1 T2, or T1,T2.")
@click.option("--a", "doc_a", default="", help="First document of a comparison chart.")
@click.option("--b", "doc_b", default="", help="Second document of a comparison chart.")
@click.option("--measure", default="share_provisions", show_default=True, help="What theme charts measure.")
@click.option("--lang", type=click.Choice(["en", "vi"]), default="en", show_default=True)
@click.option(
    "--basis",
    default="own",
    show_default=True,
    help="own: count the document's own provisions only; all: also publishers' commentary.",
)
@click.option("--set", "extra", multiple=True, metavar="KEY=VALUE", help="A chart-specific option.")
@click.option(
    "--size",
    default="slide",
    show_default=True,
    help="slide (1600x900, 16:9) or a4 (1240x760, A4 page width); --width/--height override.",
)
@click.option("--width", type=int, default=None, help="Width in px (before --scale).")
@click.option("--height", type=int, default=None, help="Height in px (before --scale).")
@click.option("--scale", type=float, default=None, help="Pixel scale (PNG default 2).")
@path_option("--out", "out_path", file=True, default=None,
             help="File to write: .png .svg .pdf .html or .csv (the data behind the chart).")
@DATA_OPTION
def export(
    chart: str | None,
    list_charts: bool,
    docs: tuple[str, ...],
    themes: tuple[str, ...],
    doc_a: str,
    doc_b: str,
    measure: str,
    lang: str,
    basis: str,
    extra: tuple[str, ...],
    size: str,
    width: int | None,
    height: int | None,
    scale: float | None,
    out_path: Path | None,
    data_dir: Path,
) -> None:
    """Export a chart as it appears in the app; the format comes from the suffix of --out.

    Example: policy-timeline export timeline --docs 22-NQ/TW 59-NQ/TW --size slide --out timeline.png
    """
    from dashboard.figures.catalogue import CHARTS, get_chart
    from dashboard.figures.registry import ChartOptions

    if list_charts:
        for name, spec in sorted(CHARTS.items()):
            click.echo(f"{name}\t{spec.description}{'  (needs --a and --b)' if spec.needs_pair else ''}")
        return
    if not chart or not out_path:
        fail("give a chart name and --out FILE (see `policy-timeline export --list`)")
    from dashboard.dataset.database import scoped_to
    from dashboard.dataset.load import get_dataset
    from dashboard.export.static import export_chart, output_format

    output_format(out_path)  # a bad suffix fails before anything loads
    get_chart(chart)  # and so does an unknown chart
    pairs = [item.partition("=") for item in extra]
    if any(not sep or not key for key, sep, _ in pairs):
        fail("--set takes KEY=VALUE")
    options = ChartOptions(
        docs=split_values(docs),
        themes=split_values(themes),
        measure=measure,
        a=doc_a,
        b=doc_b,
        lang=lang,
        basis=basis,
    )
    dataset = get_dataset(str(data_dir))
    if pairs:
        options = _chart_own_options(dataset, chart, options, [(k, v) for k, _, v in pairs])
    if get_chart(chart).needs_pair and doc_a and doc_b:  # the pair's rows only, as the Compare page reads them
        dataset = scoped_to(dataset, [dataset.resolve_document(doc_a), dataset.resolve_document(doc_b)])
    path = export_chart(dataset, chart, options, out_path, size=size, width=width, height=height, scale=scale)
    click.echo(f"wrote {path}")


_SET_PROBLEMS = {
    "unknown-param": "this chart takes no such option",
    "unknown-value": "no such value in this dataset",
    "malformed": "not a valid value",
    "repeated": "given more than once",
    "unavailable": "the dataset has no table for it",
    "too-many": "too many values",
}


def _chart_own_options(dataset: Dataset, chart: str, options: ChartOptions,
                       pairs: list[tuple[str, str]]) -> ChartOptions:
    """Return `options` with the chart's own options from `--set KEY=VALUE`, parsed by the View of the chart's
    page exactly as its address is (`app.state.charts.set_options`); a key or value the View drops is refused."""
    from dashboard.app.context import vocabulary
    from dashboard.app.state.charts import CHART_VIEWS, OWN_PARAMS, set_options

    options, dropped = set_options(chart, options, pairs, vocabulary(dataset, {}))
    if dropped:
        first = dropped[0]
        keys = ", ".join(OWN_PARAMS[CHART_VIEWS[chart]]) or "none"
        fail(f"--set {first.param}{'=' + first.value if first.value else ''}: "
             f"{_SET_PROBLEMS.get(first.code, first.code)} (chart {chart!r} takes: {keys})")
    return options


@click.command()
@click.argument("a")
@click.argument("b")
@path_option("--out", "out_path", file=True, required=True,
             help="File to write: .pptx (16:9 slides), .pdf or .html (standalone).")
@click.option("--lang", type=click.Choice(["en", "vi"]), default="en", show_default=True)
@click.option(
    "--pin",
    "pins",
    multiple=True,
    metavar="A-B",
    help="Correct the pairing the pack quotes, as for `diff --pin` (3.b1-p2, 3.b1-, -p3, 3.b1!p2, 3.b1+p13).",
)
@DATA_OPTION
def brief(a: str, b: str, out_path: Path, lang: str, data_dir: Path, pins: tuple[str, ...]) -> None:
    """Write a briefing pack comparing documents A and B (id or symbol): timeline, themes, what changed from A
    to B with quotations and their sources, targets, methods and sources.

    Example: policy-timeline brief 40/QĐ-TTg 153/NQ-CP --pin 3.b1-p2 --out brief.pptx
    """
    from dashboard.dataset.database import scoped_to
    from dashboard.dataset.load import get_dataset
    from dashboard.export.brief import brief_format, write_brief

    brief_format(out_path)
    dataset = get_dataset(str(data_dir))
    pair = scoped_to(dataset, [dataset.resolve_document(a), dataset.resolve_document(b)])  # as the app's button
    click.echo(f"wrote {write_brief(pair, a, b, out_path, lang=lang, pins=split_values(pins))}")
