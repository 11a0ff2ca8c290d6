"""Imports every figure module so that their charts are registered (one line per module)."""

from dashboard.figures import timeline  # noqa: F401
from dashboard.figures import compare  # noqa: F401
from dashboard.figures import themes  # noqa: F401
from dashboard.figures import emergence  # noqa: F401
from dashboard.figures import targets  # noqa: F401
