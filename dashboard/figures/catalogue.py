"""Imports every figure module so that their charts are registered (one line per module)."""

# ruff: noqa: I001  (one import a line, in the order added, so that two people adding charts never edit one line)

from dashboard.figures import timeline  # noqa: F401
from dashboard.figures import compare  # noqa: F401
from dashboard.figures import themes  # noqa: F401
from dashboard.figures import emergence  # noqa: F401
from dashboard.figures import targets  # noqa: F401
from dashboard.figures import indicators  # noqa: F401
