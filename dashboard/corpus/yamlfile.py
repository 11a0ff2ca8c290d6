"""The one YAML loader of the project: safe, no implicit timestamps, and no anchors or aliases.

Every YAML file the build or a command reads (seeds' sidecars, vocabulary.yml, package.yml, references.yml,
relations.yml, cited.yml, notes.yml, the codebook, gazetteer and actor lists, evaluation sets) goes through here.
An alias (`*name`) makes PyYAML share or copy the anchored node, so ten lines of nested aliases expand into
billions of strings when the data are later walked or serialised (a "billion laughs" bomb: 23 GB before it was
killed). None of the project's files needs them, so the composer refuses the first anchor or alias it meets,
before anything is built: a bomb costs one line of parsing and a NotYaml error naming the line.

Speed: the pure-Python parser costs about 75 us a node (1.3 s for the 10,000-document corpus's files at an add),
so a text that cannot hold an anchor or alias (no `&` and no `*` anywhere) is parsed by libyaml (C) first. Its
result is the same (same constructor, same resolvers); any error, and every text with `&` or `*`, goes to the
Python parser, so messages, line numbers and the refusal of anchors are exactly the Python parser's.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeGuard, cast

import yaml
from yaml.composer import ComposerError
from yaml.nodes import Node

from dashboard import errors


class SafeLoader(yaml.SafeLoader):
    """Safe YAML without implicit timestamps (dates stay text and are checked where they are used, so
    2025-13-40 is a clear ImpossibleDate rather than a crash inside the parser) and without anchors/aliases."""

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        # the stubs leave Parser.peek_event unannotated; it returns the next Event
        event = cast(yaml.Event, self.peek_event())  # pyright: ignore[reportUnknownMemberType]
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise ComposerError(None, None, "anchors and aliases (& and *) are not allowed", event.start_mark)
        return super().compose_node(parent, index)


SafeLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


_CLoader: type[Any] | None = None
if yaml.__with_libyaml__:

    class _CSafeLoader(yaml.CSafeLoader):  # pyright: ignore[reportUntypedBaseClass] (CParser has no stubs)
        """libyaml's parser with SafeLoader's resolvers (no implicit timestamps); it cannot refuse anchors while
        composing, so it only reads texts that hold none (see _fast_parse)."""

    _CSafeLoader.yaml_implicit_resolvers = SafeLoader.yaml_implicit_resolvers
    _CLoader = _CSafeLoader


def _fast_parse(text: str) -> tuple[bool, Any]:
    """Return (True, value) when libyaml parses a text that cannot hold an anchor or alias; (False, None) when the
    Python parser must read it (libyaml missing, `&` or `*` in the text, or any error: the Python parser then
    says what is wrong, with its own line numbers)."""
    if _CLoader is None or "&" in text or "*" in text:
        return False, None
    try:
        return True, yaml.load(text, Loader=_CLoader)  # noqa: S506 (SafeConstructor)
    except yaml.YAMLError:
        return False, None


def parse_yaml(text: str, display: str) -> Any:
    """Parse YAML text or raise NotYaml naming the line (`display` names the file in the message)."""
    parsed, value = _fast_parse(text)
    if parsed:
        return value
    try:
        return yaml.load(text, Loader=SafeLoader)  # noqa: S506 (a SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else "file"
        problem = getattr(exc, "problem", None) or "not valid YAML"
        raise errors.NotYaml(display, where, f"not valid YAML ({problem})") from exc


def read_yaml(path: Path | str) -> Any:
    """Read and parse a YAML file shipped with the code or named by a command (UTF-8)."""
    path = Path(path)
    return parse_yaml(path.read_text(encoding="utf-8"), str(path))


def is_mapping(value: object) -> TypeGuard[dict[Any, Any]]:
    """True when a parsed YAML value is a mapping."""
    return isinstance(value, dict)


def is_list(value: object) -> TypeGuard[list[Any]]:
    """True when a parsed YAML value is a list."""
    return isinstance(value, list)
