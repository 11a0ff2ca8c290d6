"""The YAML loader reads with libyaml when it can, and what it returns or refuses is the Python parser's: same
values (dates stay text), same error lines, anchors and aliases still refused with their line."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from dashboard.corpus import yamlfile
from dashboard.corpus.yamlfile import parse_yaml
from dashboard.errors import NotYaml

TEXTS = [
    "id: a\nissued: 2025-01-24\nsymbol: '01/2025/QD-TTg'\n",
    "n: 12\nf: 1.5\nyes: yes\nnone: ~\nempty:\nlist: [1, two, 3.0]\n",
    'quoted: "tab\\tand \\u00e9 and \\/"\nfolded: >\n  one\n  two\nliteral: |\n  a\n   b\n',
    "- {source: a, target: b, kind: implements}\n- source: c\n  target: d\n",
    "title: Nghị quyết về chiến lược phát triển\nnote: 'it''s # not a comment'  # a comment\n",
    "",
    "# only a comment\n",
    "0x1f: octal 017 and 1_000 and .inf and -.Inf and .nan-like\n",
]


def _python(text: str) -> Any:
    return yaml.load(text, Loader=yamlfile.SafeLoader)  # noqa: S506


@pytest.mark.parametrize("text", TEXTS)
def test_the_fast_parser_returns_what_the_python_parser_returns(text: str):
    fast = parse_yaml(text, "seeds/a.yml")
    assert fast == _python(text) and repr(fast) == repr(_python(text))


@pytest.mark.skipif(not yaml.__with_libyaml__, reason="libyaml is not installed")
def test_plain_texts_are_read_by_libyaml(monkeypatch: pytest.MonkeyPatch):
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the Python composer was used")

    monkeypatch.setattr(yamlfile.SafeLoader, "compose_node", refuse)
    assert parse_yaml(TEXTS[0], "seeds/a.yml") == {"id": "a", "issued": "2025-01-24", "symbol": "01/2025/QD-TTg"}


def test_dates_stay_text_on_both_paths(monkeypatch: pytest.MonkeyPatch):
    assert parse_yaml("issued: 2025-13-40\n", "seeds/a.yml") == {"issued": "2025-13-40"}
    monkeypatch.setattr(yamlfile, "_CLoader", None)
    assert parse_yaml("issued: 2025-13-40\n", "seeds/a.yml") == {"issued": "2025-13-40"}


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("a: 1\nb: [1, 2\nc: 3\n", "line 3"),
        ("a: 1\n  b: 2\n", "line 2"),
        ("a: 1\nb: 'x\n", "line 3"),
        ("a: 1\nb: !!python/object:os.system x\n", "line 2"),
        ("a: 1\n---\nb: 2\n", "line 2"),
    ],
)
def test_an_error_names_the_line_the_python_parser_names(text: str, line: str, monkeypatch: pytest.MonkeyPatch):
    with pytest.raises(NotYaml) as fast:
        parse_yaml(text, "seeds/a.yml")
    monkeypatch.setattr(yamlfile, "_CLoader", None)
    with pytest.raises(NotYaml) as slow:
        parse_yaml(text, "seeds/a.yml")
    assert str(fast.value) == str(slow.value) and line in str(fast.value)


@pytest.mark.parametrize("text", ["a: &x [1]\nb: *x\n", "a: 1\nb: *x\n", "a: 1\nb: &x 2\n"])
def test_anchors_and_aliases_are_still_refused_with_their_line(text: str):
    with pytest.raises(NotYaml) as caught:
        parse_yaml(text, "seeds/a.yml")
    assert "anchors and aliases" in str(caught.value)
    assert "line 1" in str(caught.value) if text.startswith("a: &") else "line 2" in str(caught.value)


def test_an_ampersand_or_star_inside_text_is_read_as_text():
    assert parse_yaml("title: R&D * 2\nnote: '&x'\n", "seeds/a.yml") == {"title": "R&D * 2", "note": "&x"}
