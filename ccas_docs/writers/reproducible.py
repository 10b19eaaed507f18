"""Byte-identical outputs: the two normalisations every writer of a container format needs.

- Office files (DOCX, XLSX) are ZIP packages whose entries carry the time they were written:
  :func:`normalise_zip` rewrites them with fixed timestamps, entry order and compression.
- PDF files carry an ``/ID`` that tools draw at random: :func:`save_with_content_id` derives it
  from the document's bytes instead (dates must have been fixed before).
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from typing import Any

ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def normalise_zip(data: bytes) -> bytes:
    """Rewrite a ZIP package with a fixed entry order, fixed timestamps and fixed compression."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        contents = {name: source.read(name) for name in source.namelist()}
    order = sorted(contents, key=lambda n: (n != "[Content_Types].xml", n != "_rels/.rels", n))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in order:
            info = zipfile.ZipInfo(name, ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            target.writestr(info, contents[name], compresslevel=6)
    return out.getvalue()


def save_with_content_id(pdf: Any) -> bytes:
    """Save an open ``pikepdf.Pdf`` with an ``/ID`` derived from its content (a SHA-256)."""
    import pikepdf

    # First pass with a fixed /ID: the bytes then depend on the content only.
    pdf.trailer[pikepdf.Name.ID] = pikepdf.Array([b"\0" * 16, b"\0" * 16])
    probe = io.BytesIO()
    pdf.save(probe, static_id=True)
    digest = hashlib.sha256(probe.getvalue()).digest()[:16]
    pdf.trailer[pikepdf.Name.ID] = pikepdf.Array([pikepdf.String(digest), pikepdf.String(digest)])
    out = io.BytesIO()
    # qpdf keeps the first /ID element and computes the second from the written bytes
    pdf.save(out, deterministic_id=True)
    return out.getvalue()
