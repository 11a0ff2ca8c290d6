"""The timeline chart: every document on a time axis, its horizon and its relations (`timeline.chart`), drawn
in layers (`documents`, `horizons`, `relations`) from rows (`rows`), with its words in `text`."""
