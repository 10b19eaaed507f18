"""Source: the YAML files as read from disk, every value with its file:line:col.

Takes paths; gives parsed nodes with positions (never a model: that is the next stage)."""
