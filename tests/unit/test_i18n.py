"""The interface catalogue (dashboard/i18n/*.po): every string has Vietnamese, the placeholders agree between the
languages, plurals follow each language's rule, and the code asks only for keys the catalogue holds."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from dashboard import i18n

ROOT = Path(i18n.__file__).parents[1]
LOOKUPS = {"t", "_t", "text", "_words", "caption_text", "word"}  # functions called with a key as a literal


def _forms(text: str | tuple[str, ...]) -> list[str]:
    return [text] if isinstance(text, str) else list(text)


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_string_has_vietnamese() -> None:
    en, vi = i18n.catalogue("en"), i18n.catalogue("vi")
    missing = [key for key in en if not all(f.strip() for f in _forms(vi.get(key, "")))]
    assert missing == [], f"no Vietnamese for {missing}"
    assert sorted(set(vi) - set(en)) == [], "Vietnamese keys without English"
    assert all(all(f.strip() for f in _forms(text)) for text in en.values())


def test_placeholders_match_between_languages() -> None:
    en, vi = i18n.catalogue("en"), i18n.catalogue("vi")
    wrong = {}
    for key, text in en.items():
        names = [_placeholders(f) for f in _forms(text) + _forms(vi[key])]
        if any(n != names[-1] for n in names[:-1]) and not _counted_only(names):
            wrong[key] = names
    assert wrong == {}


def _counted_only(names: list[set[str]]) -> bool:
    """A plural's singular may spell out the count ("one"), so only {n} may be missing from a form."""
    return all(n - {"n"} == names[0] - {"n"} for n in names)


def test_plural_forms_follow_the_language() -> None:
    assert i18n.t("themes.uses", "en", n=1) == "1 use"
    assert i18n.t("themes.uses", "en", n=3) == "3 uses"
    assert i18n.t("themes.uses", "en", n=0) == "0 uses"
    assert i18n.t("themes.uses", "vi", n=1) == i18n.t("themes.uses", "vi", n=3).replace("3", "1") == "1 lần"
    assert i18n.t("caption_line.n_documents", "en", n=1) == "1 document"


def test_named_placeholders_and_fallbacks() -> None:
    assert i18n.t("document.unknown", "vi", ref="X") == "Không có văn bản X trong bộ dữ liệu."
    assert i18n.t("document.unknown", "fr", ref="X") == i18n.t("document.unknown", "en", ref="X")
    assert i18n.t("no.such.key", "vi") == "no.such.key"
    assert not i18n.has("no.such.key")


def _asked_keys() -> list[tuple[str, str]]:
    """Return (file, key) for every literal key the code looks up, with its table's namespace prefixed."""
    trees = {path: ast.parse(path.read_text()) for path in ROOT.rglob("*.py")}
    defined: dict[str, dict[str, str]] = {}  # module -> {name of a word table: namespace}
    helpers: dict[tuple[str, str], str] = {}  # (file, helper) -> namespace
    for path, tree in trees.items():
        module = ".".join(path.relative_to(ROOT.parent).with_suffix("").parts)
        for node in ast.walk(tree):
            if (isinstance(node, ast.Assign) and isinstance(node.value, ast.Call) and _name(node.value) == "table"
                    and node.value.args and isinstance(node.value.args[0], ast.Constant)):
                defined.setdefault(module, {})[node.targets[0].id] = node.value.args[0].value
            if isinstance(node, ast.FunctionDef):
                body = ast.get_source_segment(path.read_text(), node) or ""
                found = re.search(r'i18n\.t\(f"([a-z_]+)\.\{key\}"', body)
                if found:
                    helpers[(str(path), node.name)] = found.group(1)
                    defined.setdefault(module, {})[node.name] = found.group(1)
    asked = []
    for path, tree in trees.items():
        module = ".".join(path.relative_to(ROOT.parent).with_suffix("").parts)
        tables = dict(defined.get(module, {}))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module in defined:
                for alias in node.names:
                    if alias.name in defined[node.module]:
                        tables[alias.asname or alias.name] = defined[node.module][alias.name]
                        helpers[(str(path), alias.asname or alias.name)] = defined[node.module][alias.name]
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or _name(node) not in LOOKUPS or not node.args:
                continue
            args = node.args
            if _name(node) == "word":
                if not (isinstance(args[0], ast.Name) and args[0].id in tables and len(args) > 1):
                    continue
                namespace, key = tables[args[0].id], args[1]
            elif (str(path), _name(node)) in helpers:
                namespace, key = helpers[(str(path), _name(node))], args[0]
            elif _name(node) == "t":
                namespace, key = "", args[0]
            else:
                continue
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                asked.append((path.name, f"{namespace}.{key.value}" if namespace else key.value))
    return asked


def _name(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def test_the_code_asks_only_for_keys_the_catalogue_has() -> None:
    asked = _asked_keys()
    assert len(asked) > 300  # the scan sees the lookups
    assert [(f, k) for f, k in asked if not i18n.has(k)] == []


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_each_language_declares_its_plural_rule(lang: str) -> None:
    header = (Path(i18n.__file__).parent / f"{lang}.po").read_text(encoding="utf-8")
    assert {"en": "nplurals=2; plural=(n != 1);", "vi": "nplurals=1; plural=0;"}[lang] in header


def test_numbers_and_data_fields_read_in_the_language() -> None:
    assert (i18n.number(12416, "en"), i18n.number(12416, "vi")) == ("12,416", "12.416")
    row = {"coverage_note": "Part of it.", "coverage_note_vi": "Một phần.", "horizons_note": "2020 is context only"}
    assert i18n.localised(row, "coverage_note", "vi") == "Một phần."
    assert i18n.localised(row, "coverage_note", "en") == "Part of it."
    assert i18n.localised(row, "horizons_note", "vi") == "2020 is context only"  # no twin: the English
    assert i18n.label("origin", "cited+extracted", "vi") == "theo nguồn dẫn và văn bản"
    assert i18n.label("origin", "cited+extracted", "en") == "cited+extracted"
    assert i18n.label("origin", "unheard_of", "vi") == "unheard_of"


def test_the_coverage_sentence_counts_in_each_language() -> None:
    import pandas as pd

    from dashboard.figures.coverage import coverage_summary

    docs = pd.DataFrame({"held": [True] * 3, "coverage": ["partial", "summary", "full"], "symbol": ["A", "B", "C"]})
    assert coverage_summary(docs, "en") == "2 of the 3 seeds are partial, and 1 of them is a secondary account (B)."
    assert coverage_summary(docs, "vi") == "2/3 nguồn chỉ có một phần văn bản, trong đó 1 là tường thuật thứ cấp (B)."
    full = pd.DataFrame({"held": [True, True], "coverage": ["full", "full"], "symbol": ["A", "C"]})
    assert coverage_summary(full, "vi") == "Cả 2 nguồn đều là toàn văn."
