"""Imports every figure module so that their charts are registered (one line per module)."""

# ruff: noqa: I001  (one import a line, in the order added, so that two people adding charts never edit one line)

from dashboard.figures.timeline import chart as timeline  # noqa: F401
from dashboard.figures.compare import chart as compare  # noqa: F401
from dashboard.figures.themes import heatmap  # noqa: F401
from dashboard.figures.themes import evolution  # noqa: F401
from dashboard.figures.themes import emergence  # noqa: F401
from dashboard.figures.targets import chart as targets  # noqa: F401
from dashboard.figures.targets import indicators  # noqa: F401
