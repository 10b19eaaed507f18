"""ccas-docs: the Porto-Vecchio / CCAS convention kept as YAML, and every document derived from it."""

__version__ = "0.1.0"
