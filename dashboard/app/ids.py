"""Component ids, one namespace (prefix) per page. Tests import these constants, so a renamed id cannot
silently break a selector. Add a page: add its block here with its own prefix."""

# ---------------------------------------------------------------- shell (every page)
URL = "url"  # dcc.Location(refresh=False): pages write their state to its `search` (no page reload)
NAV = "nav-location"  # dcc.Location(refresh="callback-nav"): a callback navigates by setting its `href`
SHELL_NAVBAR = "shell-navbar"
SHELL_FOOTER = "shell-footer"
NAV_TOGGLER = "nav-toggler"  # the navbar's menu button below the md breakpoint
NAV_COLLAPSE = "nav-collapse"  # the links and language switch it opens
SHELL_DRAWN = "shell-drawn"  # store: the page and language the navbar and footer are drawn for ("/compare|vi")
SHELL_HTML_LANG = "shell-html-lang"  # dummy output of the clientside callback that sets <html lang>


def nav_link(page: str) -> str:
    """Return the id of the navbar link to `page` (home, timeline, themes, targets, explorer, compare)."""
    return f"nav-{page}"


def lang_link(lang: str) -> str:
    """Return the id of the language switch link to `lang` (en, vi)."""
    return f"lang-{lang}"


# ---------------------------------------------------------------- home
HOME_NOTICES = "home-notices"
HOME_COVERAGE = "home-coverage"
HOME_CORPUS = "home-corpus"
HOME_REFERENCED = "home-referenced"
HOME_PAGER = "home-pager"

# ---------------------------------------------------------------- source view (/source)
SRC_NOTICES = "src-notices"
SRC_HEADER = "src-header"  # the document, seed file, publisher and the addresses, each labelled
SRC_PUBLISHER_URL = "src-publisher-url"  # the publisher's page, or the words saying it is not recorded
SRC_FACTS_URL = "src-facts-url"
SRC_SPAN = "src-span"  # the span in words ("characters 2,550–3,132 of the seed file …")
SRC_PROBLEM = "src-problem"  # why the address's span cannot be shown
SRC_TEXT = "src-text"  # the excerpt; the span inside it is SRC_MARK
SRC_MARK = "src-mark"
SRC_UNKNOWN = "src-unknown"  # the list of held documents when the address names none

# ---------------------------------------------------------------- timeline
TIMELINE_GRAPH = "timeline-graph"
TIMELINE_LIST = "timeline-list"  # the documents in order of issue, shown on phones instead of the chart
TIMELINE_LAYERS = "timeline-layers"
TIMELINE_STATUS = "timeline-status"  # caption and URL notices
TIMELINE_RELATIONS = "timeline-relations"
TIMELINE_EVERY_YEAR = "timeline-every-year"  # the link back to every year when the timeline shows some years

# ---------------------------------------------------------------- document
DOC_NOTICES = "doc-notices"
DOC_HEADER = "doc-header"
DOC_UNKNOWN = "doc-unknown"
DOC_PROVISIONS = "doc-provisions"
DOC_PAGER = "doc-pager"  # previous/next pages of a long document's provisions
DOC_VERSIONS = "doc-versions"  # the switch between a document's versions in two languages (?version=vi)
DOC_ANCHOR = "doc-anchor"  # store: the html id of the provision to scroll to
DOC_SCROLLED = "doc-scrolled"  # dummy output of the clientside scroll callback

# ---------------------------------------------------------------- explorer
EXP_QUERY = "exp-query"
EXP_NAMES = "exp-names"  # titles and names the words match (documents, themes, bodies, entities)
EXP_NO_VIETNAMESE = "exp-no-vietnamese"  # the corpus has no Vietnamese text for a Vietnamese query
EXP_DOCS = "exp-docs"
EXP_THEME = "exp-theme"
EXP_ISSUER = "exp-issuer"
EXP_YEARS = "exp-years"
EXP_ENTITY = "exp-entity"
EXP_ACTOR = "exp-actor"
EXP_ROLE = "exp-role"
EXP_OWN = "exp-own"
EXP_RESULTS = "exp-results"  # notices, count, caption, result cards and pager
EXP_COUNT = "exp-count"
EXP_CAPTION = "exp-caption"
EXP_NOTICES = "exp-notices"
EXP_LIST = "exp-list"
EXP_PAGER = "exp-pager"
EXP_CLEAR = "exp-clear"

# ---------------------------------------------------------------- compare
COMPARE_A = "cmp-a"  # document pickers
COMPARE_B = "cmp-b"
COMPARE_SWAP = "cmp-swap"
COMPARE_THEME = "cmp-theme"  # filters of the aligned provisions
COMPARE_STATUS = "cmp-status"
COMPARE_CONTENT = "cmp-content"  # everything below the controls, rebuilt from the view
COMPARE_NOTICES = "cmp-notices"
COMPARE_CAPTION = "cmp-caption"
COMPARE_WARNING = "cmp-coverage-warning"
COMPARE_LANGUAGE = "cmp-language-notice"  # A and B in two languages: pairs by numbering, no word diff
COMPARE_SUMMARY = "cmp-summary"
COMPARE_SECTIONS = "cmp-sections"
COMPARE_CHART = "cmp-theme-chart"
COMPARE_TERMS_CHART = "cmp-terms-chart"  # back-to-back keyness bars (registry name "compare-terms")
COMPARE_THEMES_LIST = "cmp-theme-list"  # the theme-weight chart as a list, shown on phones instead
COMPARE_TERMS = "cmp-terms"
COMPARE_ENTITIES = "cmp-entities"
COMPARE_TARGETS = "cmp-targets"
COMPARE_PAIRS = "cmp-pairs"
COMPARE_PAIR_COUNT = "cmp-pair-count"
COMPARE_EMPTY = "cmp-empty"
COMPARE_PINS = "cmp-pins"  # how many pairings the reader set, and the link back to the engine's
COMPARE_PIN_A = "cmp-pin-a"  # "pair two provisions yourself": a provision of A, one of B, and the button
COMPARE_PIN_B = "cmp-pin-b"
COMPARE_PIN_BUTTON = "cmp-pin-button"
COMPARE_PIN_STATUS = "cmp-pin-status"  # why the button did nothing (nothing picked)
COMPARE_SCROLLED = "cmp-scrolled"  # store written by the clientside scroll to the provision a correction concerns
COMPARE_HEAD = "cmp-head"  # notices and caption: a new address rewrites these boxes, not the page around them
COMPARE_PINS_BOX = "cmp-pins-box"
COMPARE_COUNT_BOX = "cmp-count-box"
COMPARE_SHOWN = "cmp-shown"  # store: the query the page shows now (a new address updates only what changed)
COMPARE_PUSH = "cmp-push"  # store: a new address a control wrote ({search, hash}), put in `url` in the browser
COMPARE_ADDRESS = "cmp-address"  # store: a new address the page does not show yet ({search, n}; told in the browser)
COMPARE_YAML = "cmp-yaml"  # the reader's corrections as curated YAML (seeds/alignments.yml entries)
COMPARE_YAML_COPY = "cmp-yaml-copy"  # copies it to the clipboard
COMPARE_YAML_BUTTON = "cmp-yaml-button"  # downloads it as a .yml file (a data: link, no callback)

# ---------------------------------------------------------------- themes
THEMES_DOCS = "thm-docs"  # controls
THEMES_THEME = "thm-theme"
THEMES_MEASURE = "thm-measure"
THEMES_BASIS = "thm-basis"
THEMES_STATUS = "thm-status"  # URL notices, caption, basis and coverage notices
THEMES_NOTICES = "thm-notices"
THEMES_CAPTION = "thm-caption"
THEMES_BASIS_NOTE = "thm-basis-note"  # a document has no own text on this basis
THEMES_COVERAGE_NOTE = "thm-coverage-note"  # the compared sources differ in coverage
THEMES_HEATMAP = "thm-heatmap"
THEMES_HEATMAP_LIST = "thm-heatmap-list"  # the heatmap as lists, shown on phones instead
THEMES_EVOLUTION = "thm-evolution"
THEMES_TERMS = "thm-terms"  # the term-emergence chart
THEMES_NEW = "thm-new"  # "new in this document": term lists linking to provisions
THEMES_CELL = "thm-cell"  # the provisions behind the clicked heatmap cell
THEMES_CELL_LIST = "thm-cell-list"

# ---------------------------------------------------------------- targets
TARGETS_DOCS = "tgt-docs"  # controls
TARGETS_THEME = "tgt-theme"
TARGETS_KIND = "tgt-kind"
TARGETS_YEARS = "tgt-years"
TARGETS_YEARS_TEXT = "tgt-years-text"  # the chosen years in words, beside the slider's label
TARGETS_BY = "tgt-by"
TARGETS_STATUS = "tgt-status"  # URL notices, caption, count
TARGETS_NOTICES = "tgt-notices"
TARGETS_CAPTION = "tgt-caption"
TARGETS_COUNT = "tgt-count"
TARGETS_CONFLICTS = "tgt-conflicts"  # "sources disagree": conflicting rows side by side
TARGETS_TIMELINE = "tgt-timeline"
TARGETS_LIST = "tgt-list"  # the timeline as a list by due year, shown on phones instead
TARGETS_INDICATORS = "tgt-indicators"
TARGETS_TABLE = "tgt-table"
TARGETS_PAGER = "tgt-pager"  # previous / next page of the table


def chart_card(graph_id: str) -> str:
    """Return the id of the card around a chart (where the chart's download menu goes)."""
    return f"{graph_id}-card"


# ---------------------------------------------------------------- not found
NOT_FOUND = "not-found"
