"""Compose: model, ledger or register → format-neutral document trees, with every word resolved.

Takes a model or a ledger; gives document trees. Knows no file format and no file."""
