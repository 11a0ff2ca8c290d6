"""Target charts: targets on a time axis (`targets.chart`) and the indicators table-chart (`targets.indicators`),
over the filtered target rows of `targets.tables`; `targets.deadlines` tells a deadline from a context year."""
