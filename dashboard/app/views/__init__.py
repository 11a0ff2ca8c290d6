"""Page builders: pure functions of the loaded data and a page's view state that return components.

A page module in `pages/` registers the page, turns the URL into a view (`state/`) and calls these builders,
in its layout and in its callbacks; keeping the builders here means they are unit-tested without a Dash app.
"""
