"""The alignment gold sets, hand-made (see each file's header); shipped so `eval-alignment` and `fit-alignment`
run on an installed copy. A package only so that setuptools ships its YAML files."""
