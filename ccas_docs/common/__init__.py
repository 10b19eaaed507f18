"""Common ground of every stage: located diagnostics (French messages), atomic file writes, French formats.

Takes nothing from the other stages; gives them the vocabulary they report and write with."""
