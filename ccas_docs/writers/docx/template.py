"""The template's part of a DOCX: loading it, rendering its tags, placing the body, the properties.

The template owns the page furniture: docxtpl renders its tags (sandboxed, strict, auto-escaping
Jinja) for the cover (``couverture``), the header (``entete``), the footer (``pied``) and the
document properties (``titre``, ``objet``, ``auteur``); the marker paragraph ``{{ corps }}`` is
then replaced by the body. Every fault of the template is a user error naming it.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docxtpl import DocxTemplate
from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree

from ccas_docs.common.diagnostics import fail
from ccas_docs.common.libmessages import jinja_syntax, jinja_undefined, xml_error
from ccas_docs.common.oserrors import reason
from ccas_docs.document.tree import DRAFT_MARK, Document
from ccas_docs.writers.docx.paragraphs import paragraph, text_of
from ccas_docs.writers.docx.revisions import cover_context

MARKER = "{{ corps }}"
SENTINEL = "@@ccas-docs:corps@@"  # what the marker renders to, then replaced by the body


def load_template(template: Path) -> DocxTemplate:
    if not template.is_file():
        raise fail(
            template,
            f"modèle Word introuvable : « {template} »",
            code="modele",
            hint="vérifier le dossier des modèles, ou régénérer le modèle avec « python tools/make_docx_template.py »",
        )
    try:
        data = template.read_bytes()
    except OSError as exc:
        raise fail(template, f"lecture du modèle Word impossible : {reason(exc)}", code="modele") from None
    not_docx = f"le modèle « {template.name} » n'est pas un document Word (DOCX) valide"
    hint = "l'enregistrer depuis Word au format « Document Word (*.docx) »"
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise fail(template, f"{not_docx} : ce n'est pas une archive DOCX", code="modele", hint=hint)
    tpl = DocxTemplate(io.BytesIO(data))
    try:
        tpl.init_docx()
    except etree.XMLSyntaxError as exc:
        raise fail(
            template, f"{not_docx} : {xml_error(exc)} dans une de ses parties", code="modele", hint=hint
        ) from None
    except (PackageNotFoundError, KeyError):
        raise fail(template, f"{not_docx} : une partie de l'archive manque", code="modele", hint=hint) from None
    except (ValueError, zipfile.BadZipFile):
        raise fail(template, f"{not_docx} : archive endommagée", code="modele", hint=hint) from None
    return tpl


def _context(doc: Document) -> dict[str, object]:
    cover = None
    if doc.cover is not None:
        cover = cover_context(doc.cover)
    return {
        "couverture": cover,
        "entete": f"{DRAFT_MARK} – {doc.header}" if doc.meta.draft else doc.header,
        "pied": doc.footer,
        "titre": doc.meta.title,
        "objet": doc.meta.subject,
        "auteur": doc.meta.author,
        "corps": SENTINEL,
    }


_TAG = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}")
_CLOSING = {"{{": "}}", "{%": "%}", "{#": "#}"}


def _check_tags(tpl: DocxTemplate, template: Path) -> None:
    """Every ``{{``, ``{%``, ``{#`` closes in the same paragraph.

    docxtpl would otherwise silently swallow the paragraphs up to the next closing braces.
    """
    parts = [tpl.docx.element.body]
    for rel in tpl.docx.part.rels.values():
        if rel.reltype in (DocxTemplate.HEADER_URI, DocxTemplate.FOOTER_URI):
            parts.append(etree.fromstring(rel.target_part.blob))
    for part in parts:
        for p in part.iter(qn("w:p")):
            text = text_of(p)
            expected = None
            for match in _TAG.finditer(text):
                token = match.group()
                if token in _CLOSING and expected is None:
                    expected = _CLOSING[token]
                elif token == expected:
                    expected = None
                else:
                    expected = "?"
                    break
            if expected is not None:
                raise fail(
                    template,
                    f"balise mal fermée dans le modèle « {template.name} » : « {text.strip()[:120]} »",
                    code="modele",
                    hint="chaque « {{ » se ferme par « }} » et chaque « {% » par « %} », dans le même paragraphe",
                )


def render_template(tpl: DocxTemplate, doc: Document, template: Path) -> None:
    _check_tags(tpl, template)
    env = SandboxedEnvironment(autoescape=True, undefined=StrictUndefined)
    names = ", ".join(sorted(_context(doc)))
    try:
        tpl.render(_context(doc), jinja_env=env)
    except TemplateSyntaxError as exc:
        around = " ".join(line.strip() for line in getattr(exc, "docx_context", []) if line.strip())
        raise fail(
            template,
            f"erreur de syntaxe dans une balise du modèle « {template.name} » : {jinja_syntax(exc.message)}",
            code="modele",
            hint=f"corriger la balise {{{{ … }}}} ou {{% … %}} dans Word ; texte concerné : {around[:200]}",
        ) from None
    except UndefinedError as exc:
        raise fail(
            template,
            f"variable inconnue dans le modèle « {template.name} » : {jinja_undefined(exc.message)}",
            code="modele",
            hint=f"variables disponibles : {names}",
        ) from None
    except TemplateError:
        raise fail(template, f"erreur dans une balise du modèle « {template.name} »", code="modele") from None
    except etree.XMLSyntaxError as exc:
        raise fail(
            template, f"le modèle « {template.name} » produit un XML invalide : {xml_error(exc)}", code="modele"
        ) from None


def replace_marker(document, body: list[etree._Element], template: Path) -> None:
    root = document.element.body
    markers = [p for p in root.iter(qn("w:p")) if SENTINEL in text_of(p)]
    if len(markers) != 1:
        problem = "ne contient pas" if not markers else "contient plusieurs fois"
        raise fail(
            template,
            f"le modèle « {template.name} » {problem} le repère « {MARKER} » où placer le texte du document",
            code="modele",
            hint=f"mettre « {MARKER} » seul dans un paragraphe, à l'endroit où commence le corps du document",
        )
    marker = markers[0]
    if text_of(marker).strip() != SENTINEL:
        raise fail(
            template,
            f"dans le modèle « {template.name} », le repère « {MARKER} » doit être seul dans son paragraphe",
            code="modele",
        )
    parent = marker.getparent()
    index = parent.index(marker)
    ppr = marker.find(qn("w:pPr"))
    if ppr is not None and ppr.find(qn("w:sectPr")) is not None:
        # the marker ends a section: keep it, emptied, so that the section keeps its properties
        for child in list(marker):
            if child is not ppr:
                marker.remove(child)
    else:
        parent.remove(marker)
    for offset, element in enumerate(body):
        parent.insert(index + offset, element)
    after = body[-1].getnext() if body else None
    if body and body[-1].tag == qn("w:tbl") and (after is None or after.tag != qn("w:p")):
        # a table may not end a body or a cell: Word wants a paragraph after it
        parent.insert(index + len(body), paragraph(None))


def set_language(document, language: str) -> None:
    lang = document.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    if lang is not None and language:
        lang.set(qn("w:val"), language)


def set_core_properties(document, doc: Document) -> None:
    meta = doc.meta
    when = dt.datetime(meta.date.year, meta.date.month, meta.date.day)  # 00:00, written as UTC (« Z »)
    core = document.core_properties
    core.title = meta.title
    core.subject = meta.subject
    core.author = meta.author
    core.last_modified_by = meta.author
    core.keywords = ", ".join(meta.keywords)
    core.language = meta.language
    core.comments = ""
    core.category = ""
    core.content_status = ""
    core.identifier = ""
    core.version = ""
    core.created = core.modified = core.last_printed = when
    core.revision = 1
