"""Figures: pure functions, tables (+ view options) in → plotly figures out. The same function serves the page,
the CLI export and the briefing pack, so the chart on screen, the exported file and the slide are identical."""
