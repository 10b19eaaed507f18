"""Document: the format-neutral trees composers build and writers read (sections, tables, sheets, e-invoices).

Takes nothing from the other stages; gives the one interface between composers and writers."""
