"""Measure and wrap text the way the export browser will draw it (DejaVu Sans, the house font), so that
titles, subtitles and captions of exported charts and slides wrap instead of running off the edge."""

from __future__ import annotations

from functools import lru_cache

from PIL import ImageFont

# DejaVu Sans averages about 0.58 em per character of English prose; used only if the font file is missing
_EM_PER_CHAR = 0.58


@lru_cache(maxsize=32)
def _font(size: int, bold: bool) -> ImageFont.FreeTypeFont | None:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    try:
        return ImageFont.truetype(name, size)  # Pillow also looks under /usr/share/fonts
    except OSError:
        return None


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """Return the width in px of `text` set in the house font at `size` px."""
    font = _font(max(1, round(size)), bold)
    if font is None:
        return len(text) * size * _EM_PER_CHAR
    return float(font.getlength(text))


def wrap(text: str, width: float, size: float, *, bold: bool = False) -> list[str]:
    """Return `text` broken at spaces into lines no wider than `width` px (a longer word stays whole)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}" if line else word
            if line and text_width(candidate, size, bold=bold) > width:
                lines.append(line)
                line = word
            else:
                line = candidate
        lines.append(line)
    return [line for line in lines if line] or [""]
