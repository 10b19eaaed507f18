"""Block markers: how a built DOCX says which stable id each of its paragraphs renders.

``build`` puts a bookmark around every amendable paragraph (article, section, block, bullet, and
their titles) and every generated one (cost clause, numbers, financial table, party block), and
``import`` reads them back. Bookmarks, not content controls: LibreOffice keeps a bookmark's name
through an edit and a save in DOCX, while it drops a content control's tag (tested in
``tests/test_import_roundtrip.py``). Word's rules for a bookmark name (a letter first, at most
40 characters, letters, digits and underscores) do not fit ids like ``rh/prestation/gerer-paies-…``:
the name is a prefix (``m`` written in the YAML, ``g`` generated), ten characters of the id's
SHA-256 in base 32, then a readable and truncated form of the id. The table name → id is stored
in a custom XML part of the DOCX, and the source files' fingerprint in its custom properties.

The :class:`Origin` of a paragraph says where its text comes from: the YAML scalar it copies, and
which of its characters are generated (a parameter, a number, a whole clause) and by what fact.
"""

from __future__ import annotations

import base64
import hashlib
import re
import unicodedata
from dataclasses import dataclass

AMENDABLE, GENERATED = "m", "g"
MAX_NAME = 40
MAP_NAMESPACE = "urn:ccas-docs:reperes:1"  # the custom XML part holding the name → id table
PREFIX = "ccas-docs:"  # custom properties written by build
PROP_TOOL = PREFIX + "outil"  # "ccas-docs 0.1.0"
PROP_SOURCES = PREFIX + "empreinte-sources"  # SHA-256 over every YAML file
PROP_VERSION = PREFIX + "version"  # « projet » or a sealed version id
# the ids of sealed versions (``seal``): a sealed DOCX carries one as its ``PROP_VERSION``
SEALED_ID = re.compile(r"^(convention-originale|avenant-\d{3}|consolidee-\d{4}-\d{2}-\d{2})$")
PROP_FILE = PREFIX + "source:"  # + the file's path: the first 16 hex digits of its SHA-256


@dataclass(frozen=True)
class Span:
    """A range ``[start, end)`` of a paragraph's text and where it comes from.

    ``fact`` empty: copied from the YAML scalar at ``src_start:src_end`` (same characters).
    Otherwise generated: ``fact`` names what produces it (« le paramètre {{ ville }} »,
    « `facturation.taux` ») and ``where`` says where that fact is written (``file:line:col``).
    """

    start: int
    end: int
    fact: str = ""
    where: str = ""
    src_start: int = 0
    src_end: int = 0


@dataclass(frozen=True)
class Origin:
    """Where a marked paragraph's text comes from.

    ``file`` and ``path`` name the YAML scalar the amendable text is copied from (``path`` empty
    when nothing of it is written in the YAML); ``generated`` is set when the whole paragraph is
    produced by the tool (« la clause de coût de l'annexe 4 »); ``spans`` cover the text.
    """

    file: str
    path: tuple[str | int, ...] = ()
    generated: str = ""
    spans: tuple[Span, ...] = ()
    where: str = ""  # the location of the scalar (or of the generating fact), ``file:line:col``
    id: str = ""  # the marker's stable id: a full id of the numbering, or a generated part's key

    @property
    def is_generated(self) -> bool:
        return bool(self.generated) or not self.path


def bookmark_name(key: str, generated: bool) -> str:
    """The bookmark name of stable id ``key``: deterministic, Word-valid, unique per id."""
    digest = base64.b32encode(hashlib.sha256(key.encode()).digest()).decode().lower()[:10]
    ascii_key = unicodedata.normalize("NFKD", key).encode("ascii", "ignore").decode()
    readable = re.sub(r"[^A-Za-z0-9]+", "_", ascii_key).strip("_")
    return f"{GENERATED if generated else AMENDABLE}{digest}_{readable}"[:MAX_NAME].rstrip("_")


_NAME = re.compile(rf"^[{AMENDABLE}{GENERATED}][a-z2-7]{{10}}(_[A-Za-z0-9_]*)?$")


def is_marker(name: str) -> bool:
    """Whether a bookmark name is one of ours (other bookmarks: headings' anchors, the editor's)."""
    return bool(_NAME.match(name))
