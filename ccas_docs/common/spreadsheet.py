"""Nothing a user typed becomes a spreadsheet formula (OWASP « CSV injection »).

A cell whose text starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read by
Excel and LibreOffice as a formula (``=cmd|' /C calc'!A0``). Every text cell the tool writes, in a
CSV file (the invoice's, the register) or an XLSX workbook, goes through :func:`neutralise`, which
prefixes such a text with a single quote: the spreadsheet then shows it as text. Numbers (a
negative amount) are not texts: writers keep them as numbers and never pass them here.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """``text``, prefixed with « ' » if a spreadsheet would read it as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text
