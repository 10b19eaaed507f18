"""The shipped project built once per test session and PDF engine, for the tests that read pages.

``shipped(engine)`` builds the repository's convention into a temporary folder (removed at exit)
the first time it is asked for, and returns that folder; later calls reuse it. Tests only read it.
"""

from __future__ import annotations

import atexit
import functools
import io
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pikepdf

from ccas_docs.jobs.build import build

ROOT = Path(__file__).resolve().parents[1]


@functools.cache
def shipped(engine: str) -> Path:
    out = Path(tempfile.mkdtemp(prefix=f"ccas-docs-test-{engine}-"))
    atexit.register(shutil.rmtree, out, True)
    build(ROOT, out, engine=engine, force=True)
    return out


def fonts(pdf: pikepdf.Pdf) -> Iterator[pikepdf.Dictionary]:
    """Every font dictionary used by the pages, their form XObjects and annotations' appearances."""
    seen: set[tuple[int, int]] = set()

    def resources(res: pikepdf.Object) -> Iterator[pikepdf.Dictionary]:
        for font in res.get("/Font", {}).values():
            if font.objgen not in seen:
                seen.add(font.objgen)
                yield font
        for xobject in res.get("/XObject", {}).values():
            if xobject.get("/Subtype") == "/Form" and "/Resources" in xobject:
                yield from resources(xobject.Resources)

    for page in pdf.pages:
        yield from resources(page.Resources)


def base_name(font: pikepdf.Dictionary) -> str:
    """The font's name without its subset tag (« ABCDEF+Liberation-Serif » → « Liberation-Serif »)."""
    return str(font.BaseFont).lstrip("/").split("+", 1)[-1]


def is_embedded(font: pikepdf.Dictionary) -> bool:
    descriptors = [d.FontDescriptor for d in font.get("/DescendantFonts", [])] or [font.FontDescriptor]
    return all(any(k in d for k in ("/FontFile", "/FontFile2", "/FontFile3")) for d in descriptors)


_BFCHAR = re.compile(rb"beginbfchar(.*?)endbfchar", re.S)
_BFRANGE = re.compile(rb"beginbfrange(.*?)endbfrange", re.S)
_HEX = re.compile(rb"<([0-9A-Fa-f]+)>")


def mapped_text(font: pikepdf.Dictionary) -> set[str]:
    """The characters a font's ``/ToUnicode`` map gives its glyphs (what the font prints)."""
    if "/ToUnicode" not in font:
        return set()
    cmap = font.ToUnicode.read_bytes()
    out: set[str] = set()

    def text(hexa: bytes) -> str:
        return bytes.fromhex(hexa.decode()).decode("utf-16-be", "replace")

    for block in _BFCHAR.findall(cmap):
        values = _HEX.findall(block)
        out.update(text(dst) for dst in values[1::2])
    for block in _BFRANGE.findall(cmap):
        for line in block.splitlines():
            values = _HEX.findall(line)
            if len(values) == 3 and b"[" not in line:
                low, high, start = (int(v, 16) for v in values)
                out.update(chr(start + i) for i in range(high - low + 1))
            elif values:
                out.update(text(v) for v in values[2:])
    return out


def page_texts(pdf_bytes: bytes) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf_bytes)).pages]
