"""One PAdES signature in one existing field, with a visible stamp in an embedded TrueType font.

pyHanko appends an incremental update: the signed file starts with the exact bytes of the file it
signed. Its default stamp font (Courier, not embedded) would break PDF/A; the stamp here uses a
DejaVu (or Liberation) TrueType font, subset and embedded by pyHanko's glyph accumulator.
"""

from __future__ import annotations

import atexit
import functools
import io
import logging
import os
import tempfile
from pathlib import Path

from ccas_docs.common.diagnostics import fail
from ccas_docs.signing.certificates import SIGNING_USAGES, LoadedKey
from ccas_docs.signing.fields import read_fields

FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "/usr/share/fonts/liberation/LiberationSans-Regular.ttf",
)
STAMP_TEXT = "Signé électroniquement par\n%(signer)s\nle %(ts)s"
TIME_FORMAT = "%d/%m/%Y à %H:%M:%S UTC"
FONT_SIZE = 9


def stamp_font() -> Path:
    for candidate in FONT_CANDIDATES:
        if Path(candidate).is_file():
            return Path(candidate)
    raise fail(
        FONT_CANDIDATES[0],
        "aucune police TrueType pour le cachet de signature (DejaVu Sans ou Liberation Sans)",
        code="police",
        hint="installer le paquet fonts-dejavu-core",
    )


@functools.lru_cache(maxsize=4)
def _stamp_font_file(text: str) -> str:
    """The stamp font, subset to ``text`` (plus ASCII) and scaled to 1000 units per em, in a temporary file.

    pyHanko 0.38's glyph accumulator writes the glyph widths (/W) and its TJ adjustments in the
    font's own units and PDF reads them as thousandths of an em: with DejaVu's 2048 units the
    letters would be spread twice too far apart. A 1000-unit copy makes both agree. Subsetting
    first, without the layout tables, keeps this fast (the stamp needs a few dozen glyphs).
    """
    from fontTools import subset
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.scaleUpem import scale_upem

    logging.getLogger("fontTools").setLevel(logging.ERROR)
    font = TTFont(str(stamp_font()), lazy=True)
    options = subset.Options()
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.glyph_names = True
    # a stamp needs no ligature nor kerning: dropping the layout tables spares decoding them
    options.layout_features = []
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "kern", "FFTM"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(text="".join(chr(c) for c in range(0x20, 0x7F)) + text)
    subsetter.subset(font)
    if font["head"].unitsPerEm != 1000:
        scale_upem(font, 1000)
    fd, name = tempfile.mkstemp(prefix="ccas-docs-cachet-", suffix=".ttf")
    with os.fdopen(fd, "wb") as handle:
        font.save(handle)
    atexit.register(os.unlink, name)
    return name


def check_field(data: bytes, field: str, where: Path) -> None:
    """Refuse an unknown field or one that already holds a signature (before asking for a password)."""
    fields = read_fields(data)
    by_name = {f.name: f for f in fields}
    if field not in by_name:
        known = ", ".join(f"« {f.name} »" for f in fields) or "aucun"
        raise fail(
            where,
            f"champ de signature « {field} » inconnu dans ce PDF",
            code="champ-inconnu",
            hint=f"champs du document : {known}",
        )
    if by_name[field].signed:
        from ccas_docs.signing.verify import signers

        who = signers(data, str(where)).get(field, "")
        unsigned = ", ".join(f"« {f.name} »" for f in fields if not f.signed)
        raise fail(
            where,
            f"le champ « {field} » est déjà signé{f' par {who}' if who else ''}",
            code="champ-signe",
            hint="un champ ne se signe qu'une fois ; "
            + (f"champs encore à signer dans ce fichier : {unsigned}" if unsigned else "tous les champs sont signés"),
        )


def sign_field(data: bytes, field: str, key: LoadedKey, reason: str, location: str) -> bytes:
    """``data`` followed by an incremental update carrying the signature of ``field``."""
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.sign import fields, signers
    from pyhanko.stamp import TextStampStyle

    style = TextStampStyle(
        stamp_text=STAMP_TEXT,
        timestamp_format=TIME_FORMAT,
        text_box_style=TextBoxStyle(
            font=GlyphAccumulatorFactory(_stamp_font_file(STAMP_TEXT + TIME_FORMAT + key.subject), font_size=FONT_SIZE),
            font_size=FONT_SIZE,
        ),
        border_width=1,
    )
    meta = signers.PdfSignatureMetadata(
        field_name=field,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=reason,
        location=location,
        signer_key_usage=set(SIGNING_USAGES),
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
    out = io.BytesIO()
    signers.PdfSigner(meta, signer=key.signer, stamp_style=style).sign_pdf(  # type: ignore[arg-type]
        writer, existing_fields_only=True, output=out
    )
    return out.getvalue()
