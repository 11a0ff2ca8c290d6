"""Could one click that links several provisions at once ("link this whole item to pN", "split over pN, pM")
lower the simulated reader's clicks? Measured before building it (issue 13, the third set's 40/QĐ-TTg against
153/NQ-CP needs 14 clicks).

Run: .venv/bin/python bench/bench_multi_link.py [--data data] [--no-cv]
For every comparison of the three gold sets, the simulated reader of `reader.py` is run as `eval-alignment` runs
it, and again with one more action it may click: before each ordinary click it looks at every multi-link the page
could offer, by four definitions that need no reader's choice (a choice costs a click per chosen provision, as
many as the "Also link" clicks it replaces):
- `whole item`: an item (a top-level provision with its descendants, either side) linked to one provision of the
  other document (every member of the family not linked to it yet),
- `members offered`: the same, only the members the page offers it beside (or that are offered beside it),
- `bullets only`: the same without the item's own line,
- `split over offers`: one provision linked to every provision offered beside it.
It clicks one only when the gold links it adds that the engine misses outnumber its cost: one click, plus one
click to undo each link it adds that is not a gold pair (the reader stays honest: every click counts). Prints, per
set, the clicks without and with the action (in sample and with the leave-one-document-pair-out models), the most
per comparison, and the actions taken. No asserts.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dashboard.analysis.diff.align import AlignSettings  # noqa: E402
from dashboard.analysis.diff.compare import compare_documents  # noqa: E402
from dashboard.analysis.diff.evaluate import (  # noqa: E402
    load_gold,
    offered_candidates,
    pair_maps,
    resolve_entry,
    rows_of,
)
from dashboard.analysis.diff.fitting import cross_validate, group  # noqa: E402
from dashboard.analysis.diff.pins import Pin, with_pin  # noqa: E402
from dashboard.analysis.diff.reader import _next_click  # noqa: E402  # pyright: ignore[reportPrivateUsage]
from dashboard.analysis.diff.report import GOLD_SETS  # noqa: E402
from dashboard.dataset.load import get_dataset  # noqa: E402

Link = tuple[str, str]


def families(ids: list[str], parent: dict[str, Any]) -> dict[str, list[str]]:
    """Return each top-level provision's family (itself and every descendant), for families of two or more."""
    def top(x: str) -> str:
        while isinstance(parent.get(x), str) and parent[x]:
            x = parent[x]
        return x

    out: dict[str, list[str]] = {}
    for x in ids:
        out.setdefault(top(x), []).append(x)
    return {head: fam for head, fam in out.items() if len(fam) > 1}


def multi_links(rows: list[dict[str, Any]], ids: tuple[list[str], list[str]], parent: dict[str, Any]) -> list[
        tuple[str, set[Link]]]:
    """Return every multi-link the page could offer on this result, by definition: (name, the links it adds)."""
    a_to_b, b_to_a = pair_maps(rows)
    offered = offered_candidates(rows)
    linked = {(a, b) for a, bs in a_to_b.items() for b in bs}
    out: list[tuple[str, set[Link]]] = []
    for side in (0, 1):
        mine, theirs = ids[side], ids[1 - side]

        def link(x: str, y: str) -> Link:
            return (x, y) if side == 0 else (y, x)  # noqa: B023

        for head, fam in families(mine, parent).items():
            for y in theirs:
                near = [f for f in fam if y in offered.get(f, ()) or f in offered.get(y, ())]
                for name, members in (("whole item", fam), ("members offered", near),
                                      ("bullets only", [f for f in fam if f != head])):
                    out.append((name, {link(f, y) for f in members} - linked))
        for x in mine:
            out.append(("split over offers", {link(x, y) for y in offered.get(x, ())} - linked))
    return out


def run(gold: list[Any], provisions: Any, differ: Callable[[str, str, tuple[str, ...]], Any], parent: dict[str, Any],
        *, action: bool) -> tuple[list[int], list[str]]:
    """Return the reader's clicks per comparison and the multi-links it clicked."""
    clicks: list[int] = []
    taken: list[str] = []
    for entry in gold:
        key = (entry["a_doc"], entry["b_doc"])
        gold_pairs, only_a, only_b = resolve_entry(entry, provisions)
        ids = tuple(list(provisions[provisions["document_id"] == d]["id"]) for d in key)
        pins: list[Pin] = []
        n = 0
        result = differ(*key, ())
        for _ in range(4 * (len(gold_pairs) + len(only_a) + len(only_b))):
            rows = rows_of(result)
            best: tuple[int, str, set[Link]] | None = None
            if action:
                linked = {(a, b) for a, bs in pair_maps(rows)[0].items() for b in bs}
                missed = gold_pairs - linked
                for name, adds in multi_links(rows, (ids[0], ids[1]), parent):
                    gain = len(adds & missed) - 1 - len(adds - gold_pairs)
                    if gain > 0 and (best is None or gain > best[0]):
                        best = (gain, name, adds)
            if best is not None:
                for a, b in sorted(best[2] & gold_pairs):  # the wrong ones are added and undone: pins unchanged
                    pins = with_pin(pins, Pin(a, b, also=True))
                n += 1 + len(best[2] - gold_pairs)
                taken.append(f"{best[1]} (+{best[0]})")
            else:
                step = _next_click(result, gold_pairs, only_a, only_b, pins)
                if step is None:
                    break
                pins, n = step, n + 1
            result = differ(*key, tuple(p.text() for p in pins))
        clicks.append(n)
    return clicks, taken


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", default="data")
    parser.add_argument("--no-cv", action="store_true", help="Skip the leave-one-document-pair-out models.")
    args = parser.parse_args()
    dataset = get_dataset(args.data)
    provisions = dataset.provisions
    parent = dict(zip(provisions["id"], provisions["parent_id"], strict=True))
    sets = [(path.name, load_gold(path)) for path in GOLD_SETS]
    differs: list[tuple[str, Callable[[str, str, tuple[str, ...]], Any]]] = [
        ("in sample", lambda a, b, pins: compare_documents(dataset, a, b, pins=pins, use_curated=False))]
    if not args.no_cv:
        folds = cross_validate(dataset, sets)
        differs.append(("cross-validated", lambda a, b, pins: compare_documents(
            dataset, a, b, AlignSettings(model=folds[group(a, b)]), pins=pins, use_curated=False)))
    for what, differ in differs:
        for name, gold in sets:
            before, _ = run(gold, provisions, differ, parent, action=False)
            after, taken = run(gold, provisions, differ, parent, action=True)
            print(f"{name}, {what}: clicks {sum(before)} (at most {max(before)} a comparison) -> with a multi-link "
                  f"action {sum(after)} (at most {max(after)}); per comparison {before} -> {after}; "
                  f"multi-links clicked: {taken or 'none'}")


if __name__ == "__main__":
    main()
