"""One module per page, named for its URL path. Each registers itself with `dash.register_page`, builds its
layout from the query string (`layout(**params)`), and defines its callbacks with `@callback`: three lines
each, over the pure builders in `app/views/`. Dash imports these modules itself (use_pages); do not import
them elsewhere."""
