"""Open a reviewed DOCX safely: size limits, no macros, no encryption, bounded decompression.

Everything is checked before a single part is decompressed: the file's size, its first bytes (an
encrypted Office file is an OLE/CFB container, not a ZIP), the declared uncompressed size of every
entry and their ratio (a « zip bomb » declares little and inflates a lot: reading stops at the
limit whatever the header says), macros (``vbaProject.bin``, a macro-enabled content type, a
``.docm`` name). XML is parsed without entities, DTDs or network access.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ccas_docs.common.diagnostics import fail
from ccas_docs.common.libmessages import xml_error
from ccas_docs.common.oserrors import reason

MAX_FILE = 20 * 1024 * 1024  # a reviewed convention is about 100 kB; 20 MB leaves room for images
MAX_PART = 50 * 1024 * 1024  # uncompressed, per part
MAX_TOTAL = 200 * 1024 * 1024  # uncompressed, all parts
MAX_RATIO = 200  # uncompressed / compressed, per part above 1 MB
CFB_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")
MACRO_TYPE = "application/vnd.ms-word.document.macroEnabled"
HINT_REBUILD = "produire le document avec « ccas-docs build » et faire relire output/convention.docx"


@dataclass
class Package:
    """The parts of a DOCX that ``import`` reads, parsed."""

    shown: str
    document: etree._Element
    comments: etree._Element | None = None
    custom: etree._Element | None = None
    custom_xml: list[etree._Element] = field(default_factory=list)
    others: dict[str, etree._Element] = field(default_factory=dict)  # headers and footers


_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def open_docx(path: Path, shown: str | None = None) -> Package:
    """Read and check ``path``; every problem is one French :class:`UserError`."""
    shown = shown or str(path)
    if path.suffix.lower() == ".docm":
        raise fail(
            shown,
            "document Word avec macros (.docm) refusé : l'outil n'importe que des .docx sans macros",
            code="import-macros",
            hint="dans Word, Fichier › Enregistrer sous › « Document Word (*.docx) »",
        )
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(8)
    except FileNotFoundError:
        raise fail(shown, "fichier introuvable", code="import-fichier") from None
    except OSError as exc:
        raise fail(shown, f"lecture impossible : {reason(exc)}", code="import-fichier") from None
    if size == 0:
        raise fail(shown, "le fichier est vide : ce n'est pas un document Word", code="import-corrompu")
    if size > MAX_FILE:
        raise fail(
            shown,
            f"fichier trop volumineux ({size // (1024 * 1024)} Mo ; au plus {MAX_FILE // (1024 * 1024)} Mo)",
            code="import-taille",
            hint="retirer les images ajoutées au document, ou l'enregistrer sans les polices incorporées",
        )
    if head == CFB_MAGIC:
        raise fail(
            shown,
            "document chiffré (protégé par mot de passe) ou au format Word 97-2003 : illisible",
            code="import-chiffre",
            hint="ouvrir le document dans Word, retirer le mot de passe (Fichier › Informations › Protéger)"
            " et l'enregistrer au format .docx",
        )
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise fail(
            shown, "ce n'est pas un document Word (.docx) lisible : fichier corrompu", code="import-corrompu"
        ) from None
    with archive:
        return _read(archive, shown)


def _read(archive: zipfile.ZipFile, shown: str) -> Package:
    infos = {info.filename: info for info in archive.infolist()}
    total = 0
    for info in infos.values():
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MAX_PART or total > MAX_TOTAL or (info.file_size > 1024 * 1024 and ratio > MAX_RATIO):
            raise fail(
                shown,
                f"archive anormale : la partie « {info.filename} » se décompresse en {info.file_size} octets",
                code="import-taille",
                hint="le fichier n'est pas un document Word ordinaire ; ne pas l'ouvrir",
            )
        if info.filename.lower().endswith("vbaproject.bin"):
            raise fail(
                shown,
                "le document contient des macros (vbaProject.bin) : refusé",
                code="import-macros",
                hint="l'enregistrer depuis Word au format « Document Word (*.docx) », sans macros",
            )
    if "word/document.xml" not in infos or "[Content_Types].xml" not in infos:
        raise fail(shown, "ce n'est pas un document Word (.docx) : word/document.xml absent", code="import-corrompu")
    types = _part(archive, infos["[Content_Types].xml"], shown)
    if MACRO_TYPE.encode() in etree.tostring(types):
        raise fail(shown, "document Word prévu pour des macros : refusé", code="import-macros")
    package = Package(shown, _part(archive, infos["word/document.xml"], shown))
    if "word/comments.xml" in infos:
        package.comments = _part(archive, infos["word/comments.xml"], shown)
    if "docProps/custom.xml" in infos:
        package.custom = _part(archive, infos["docProps/custom.xml"], shown)
    for name, info in sorted(infos.items()):
        if name.startswith("customXml/") and name.endswith(".xml") and "/_rels/" not in name:
            package.custom_xml.append(_part(archive, info, shown))
        elif name.startswith(("word/header", "word/footer")) and name.endswith(".xml"):
            package.others[name] = _part(archive, info, shown)
    return package


def _part(archive: zipfile.ZipFile, info: zipfile.ZipInfo, shown: str) -> etree._Element:
    try:
        with archive.open(info) as handle:
            data = handle.read(MAX_PART + 1)  # never more than the limit, whatever the header declared
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, ValueError, NotImplementedError):
        raise fail(
            shown,
            f"partie « {info.filename} » illisible : archive endommagée, fichier corrompu",
            code="import-corrompu",
        ) from None
    if len(data) > MAX_PART:
        raise fail(shown, f"archive anormale : la partie « {info.filename} » est trop grande", code="import-taille")
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise fail(
            shown,
            f"partie « {info.filename} » : {xml_error(exc)} : fichier corrompu",
            code="import-corrompu",
            hint="rouvrir le document dans Word ou LibreOffice et l'enregistrer à nouveau en .docx",
        ) from None
