"""The labelled sets `eval-themes` and `eval-extraction` score against (themes, targets, entities, actors and
roles, Vietnamese segmentation, relations and word units), written and labelled by hand (see each file's
header); shipped so the evaluations run on an installed copy. A package only so that setuptools ships its files."""
