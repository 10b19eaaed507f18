"""Composers: model → format-neutral document tree (:mod:`.tree`). They know no file format."""
