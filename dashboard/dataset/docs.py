"""Generate the README's data dictionary from dataset/schema/*.json, so the docs cannot drift from the schema."""

from __future__ import annotations

import re
from pathlib import Path

from dashboard.dataset.package import resource_schemas

START, END = "<!-- data-dictionary:start -->", "<!-- data-dictionary:end -->"


def data_dictionary() -> str:
    """Return the data dictionary as Markdown: one section per table, one row per field."""
    parts: list[str] = []
    for resource in resource_schemas():
        schema = resource["schema"]
        keys = ", ".join(schema.get("primaryKey", []))
        parts.append(f"### `{resource['name']}`\n\n{resource['description']} Primary key: {keys}.\n")
        parts.append("| field | type | required | description |\n|---|---|---|---|")
        for field in schema["fields"]:
            constraints = field.get("constraints", {})
            kind = field["type"] + (f" of {field['itemType']}" if field.get("itemType") else "")
            desc = field["description"]
            if constraints.get("enum"):
                desc += " One of: " + ", ".join(f"`{v}`" for v in constraints["enum"]) + "."
            parts.append(f"| `{field['name']}` | {kind} | {'yes' if constraints.get('required') else ''} | "
                         f"{desc.replace('|', '/')} |")
        parts.append("")
    return "\n".join(parts).strip() + "\n"


def update_readme(readme: Path) -> bool:
    """Rewrite the data dictionary between the markers in `readme`; return True when it changed."""
    text = readme.read_text(encoding="utf-8")
    block = f"{START}\n{data_dictionary()}{END}"
    new = re.sub(re.escape(START) + ".*?" + re.escape(END), lambda _: block, text, flags=re.S)
    if new != text:
        readme.write_text(new, encoding="utf-8")
    return new != text


if __name__ == "__main__":
    import sys

    sys.exit(0 if not update_readme(Path(sys.argv[1] if len(sys.argv) > 1 else "README.md")) else 0)
