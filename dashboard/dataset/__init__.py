"""The data contract in code: schemas, the build, deterministic writing, validation and loading."""
