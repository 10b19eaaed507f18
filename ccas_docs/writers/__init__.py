"""Writers: turn a format-neutral document tree into files (HTML, PDF, DOCX, …).

Writers compute nothing and decide no wording: they map tree nodes onto their format's constructs.
"""
