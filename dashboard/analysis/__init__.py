"""Analysis: pure functions over the corpus and its tables (themes, targets, mentions, actors, diff, keyness)."""
