"""The template's named styles: the names the body uses, their lookup, and the missing-style errors.

The writer only references styles by name; a name the template lacks is recorded and every such
name is reported at once by :meth:`TemplateStyles.check`, never replaced by a silent fallback.
"""

from __future__ import annotations

from pathlib import Path

from docx.oxml.ns import qn

from ccas_docs.common.diagnostics import Location, UserError, error

ROLE_STYLES = {
    "body": "Normal",
    "center": "Centré",
    "right": "Droite",
    "small": "Petit",
    "lead": "Couverture Lignes",
    "total": "Total",
}
HEADING_STYLES = {1: "Heading 1", 2: "Heading 2", 3: "Heading 3", 4: "Heading 4"}
BULLET_STYLES = ("List Bullet", "List Bullet 2", "List Bullet 3")
NUMBER_STYLES = ("List Number", "List Number 2", "List Number 3")
CELL_STYLES = {"left": "Tableau Texte", "center": "Tableau Centré", "right": "Tableau Droite"}
CELL_BULLET_STYLES = ("Tableau Puce", "Tableau Puce 2")
CELL_NUMBER_STYLES = ("Tableau Numéro", "Tableau Numéro 2")
AFTER_TABLE_STYLE = "Après Tableau"  # a short empty paragraph: space after a table, and two tables never merge
CAPTION_STYLE = "Caption"
TABLE_STYLE = "Tableau Convention"
SIGNATURE_TABLE_STYLE = "Tableau Signatures"
SIGNATURE_PLACE_STYLE = "Signature Lieu"
SIGNATURE_HEADING_STYLE = "Signature Titre"
SIGNATURE_LINE_STYLE = "Signature"
SIGNATURE_ROOM_STYLE = "Signature Espace"

TEMPLATE_HINT = "ajouter le style dans Word (Accueil › Styles) ou régénérer le modèle avec tools/make_docx_template.py"

_BUILTIN_UI_NAMES = {
    "heading 1": "Heading 1",
    "heading 2": "Heading 2",
    "heading 3": "Heading 3",
    "heading 4": "Heading 4",
    "header": "Header",
    "footer": "Footer",
    "caption": "Caption",
}


class TemplateStyles:
    """The named styles of a template, looked up by the name Word shows."""

    def __init__(self, document, template: Path):
        self.document, self.template = document, template
        self.styles: dict[str, tuple[str, str]] = {}
        for style in document.styles.element.findall(qn("w:style")):
            name = style.find(qn("w:name"))
            if name is not None:
                ui = _ui_name(name.get(qn("w:val"), ""))
                self.styles.setdefault(ui, (style.get(qn("w:styleId"), ""), style.get(qn("w:type"), "paragraph")))
        self.missing: list[tuple[str, str]] = []

    def style(self, name: str, kind: str = "paragraph") -> str:
        """The id of a named style; a missing one is recorded, and all are reported by :meth:`check`."""
        found = self.styles.get(name)
        if found is None or found[1] != kind:
            if (name, kind) not in self.missing:
                self.missing.append((name, kind))
            return ""
        return found[0]

    def check(self) -> None:
        """Every style the body needs and the template lacks, reported at once."""
        if self.missing:
            raise UserError(
                error(
                    Location(str(self.template)),
                    f"le modèle « {self.template.name} » ne contient pas le style "
                    f"{'de tableau' if kind == 'table' else 'de paragraphe'} « {name} »",
                    code="modele-style",
                    hint=TEMPLATE_HINT,
                )
                for name, kind in self.missing
            )


def _ui_name(name: str) -> str:
    """Word stores some built-in style names in lower case (« heading 1 »)."""
    return _BUILTIN_UI_NAMES.get(name, name)
