"""Imports every figure module so that their charts are registered (one line per module)."""
