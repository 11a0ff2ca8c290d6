"""Theme charts: each theme's weight per document (heatmap) and its course from document to document
(evolution).

Pure: Dataset + ChartOptions in, table or plotly Figure out; the Themes page, `policy-timeline export` and the
briefing pack draw these same functions. Options: `docs` (ids or symbols; all held documents by default),
`themes` (theme ids: the evolution's lines, outlined in the heatmap), `measure` (share_provisions,
share_words or count), `basis` (own: the document's own words; all: the publisher's framing and reported text
too), `lang`; `heatmap.cell` (document id, theme id) outlines the cell a reader clicked.

Every chart names the basis it counts in its subtitle and flags each source's coverage in the document's
label, because every seed is partial and two are secondary accounts: a summary's 7% is not a full text's 7%.

The heatmap is drawn in `themes.heatmap`, the evolution in `themes.evolution`, the emergence of terms in
`themes.emergence`; the words and labels they share are in `themes.text`, the tables behind them in
`themes.tables`.
"""
