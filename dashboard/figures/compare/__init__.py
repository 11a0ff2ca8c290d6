"""Compare charts: what changed between two documents, by theme and by distinctive term (`compare.chart`)."""
