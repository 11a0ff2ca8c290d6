"""One module per page, named for its URL path. Each registers itself with `app.page.register_page` (its View
read from the query string, then its page builder; Not found with `dash.register_page` and a `layout`), and
defines its callbacks with `@callback`: three lines each, over the pure builders in `app/views/`. Dash imports
these modules itself (use_pages); do not import them elsewhere."""
