"""Export: charts to PNG/SVG/PDF (kaleido, one warm browser per process), HTML and CSV; briefing packs.

Layering: imports figures, dataset and analysis; never dash or dashboard.app (the app calls in here).
"""
