"""The pieces of ``templates/convention.docx``, assembled by ``tools/make_docx_template.py``.

:mod:`.style_sheet` (fonts, colours, the named styles as data), :mod:`.styles` (those styles
written into styles.xml), :mod:`.numbering` (the bullet and number lists), :mod:`.page` (page size,
margins, cover, header and footer), :mod:`.package` (the package's parts and properties).
"""
