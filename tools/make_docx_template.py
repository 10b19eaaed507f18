"""Build ``templates/convention.docx``, the Word template of the DOCX writer.

Run ``python tools/make_docx_template.py [target]``: the output is byte-identical from one run
to the next. The template owns everything that is page furniture or typography, so that the legal
service can restyle the documents in Word without touching code:

* A4 pages, margins, a running header (``{{ entete }}``) and a footer (``{{ pied }}`` and
  « page n / N » made of real PAGE and NUMPAGES fields);
* an optional cover page in its own section, without header or footer
  (``{%p if couverture %}`` … ``{{ couverture.titre }}``, ``couverture.sous_titres``,
  ``couverture.lignes`` … ``{%p endif %}``);
* the marker paragraph ``{{ corps }}`` that the writer replaces with the document's body;
* the named styles the body uses (see :data:`PARAGRAPH_STYLES` and :data:`TABLE_STYLES`) and the
  two list definitions (bullets and numbers) the list styles point to.

The font is Times New Roman (Liberation Serif in the PDFs, metric-compatible); it has the narrow
no-break space (U+202F) used by French typography (« 5 % », « 1 234,56 € »). Justified text is
hyphenated (``w:autoHyphenation`` in the settings; headings, cover and signatures suppress it).
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from docx import Document
from docx_template.numbering import add_numbering
from docx_template.package import clean_package, set_core_properties
from docx_template.page import lay_out_page
from docx_template.style_sheet import PARAGRAPH_STYLES, TABLE_STYLES
from docx_template.styles import add_styles

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ccas_docs.writers.reproducible import normalise_zip  # noqa: E402


def build() -> bytes:
    document = Document()
    clean_package(document)
    add_styles(document)
    add_numbering(document)
    lay_out_page(document)
    set_core_properties(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return normalise_zip(buffer.getvalue())


def main(argv: list[str]) -> int:
    target = Path(argv[1]) if len(argv) > 1 else ROOT / "templates" / "convention.docx"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(build())
    print(f"{target} écrit")
    return 0


__all__ = ["build", "main", "PARAGRAPH_STYLES", "TABLE_STYLES"]


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
