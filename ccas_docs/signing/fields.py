"""Empty signature fields, added to a laid-out PDF in one deterministic pikepdf pass.

The HTML writer marks each signatory's empty space with two ids, ``champ-<nom>`` (its upper left
corner) and ``champ-<nom>-fin`` (its lower right corner); WeasyPrint turns every id into a named
destination holding the page and the point where the element was laid out. The field's
rectangle is read from those two destinations, so it always falls where the layout put the
signature block, whatever the stylesheet.

pyHanko's own field helper writes through its writer, which sets a random ``/ID`` and the current
time; here the fields are plain pikepdf objects and the file is saved with a ``/ID`` derived from
its content, so the same input gives the same bytes.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from ccas_docs.common.diagnostics import fail
from ccas_docs.signing.xmp import set_properties

ANCHOR = "champ-{}"
ANCHOR_END = "champ-{}-fin"
WIDGET_FLAGS = 132  # print (4) + locked (128), as pyHanko does
INSET = 3.0  # points between the reserved space and the field's border
TEMPLATE_HINT = "garder les identifiants champ-NOM et champ-NOM-fin de templates/_blocks.html.j2 et print.css"


@dataclass(frozen=True)
class FieldSpec:
    name: str  # « maire », « ccas »: what ``sign --champ`` names
    label: str  # the field's description (/TU): « Maire de Porto-Vecchio, Madame X »


@dataclass(frozen=True)
class PlacedField:
    name: str
    label: str
    page: int  # 1-based
    rect: tuple[float, float, float, float]  # x1, y1, x2, y2 in points, origin at the lower left


@dataclass(frozen=True)
class FieldState:
    name: str
    signed: bool
    page: int
    rect: tuple[float, float, float, float]


def _destinations(pdf: pikepdf.Pdf) -> dict[str, pikepdf.Object]:
    names = pdf.Root.get("/Names")
    if names is None or "/Dests" not in names:
        return {}
    return {str(k): v for k, v in pikepdf.NameTree(names.Dests).items()}


def _point(dest: pikepdf.Object) -> tuple[pikepdf.Object, float, float]:
    return dest[0], float(Decimal(str(dest[2]))), float(Decimal(str(dest[3])))


def _appearance(pdf: pikepdf.Pdf, width: float, height: float) -> pikepdf.Stream:
    """A thin grey frame with a baseline: the field is visible on screen and on paper, without text."""
    w, h = round(width, 2), round(height, 2)
    content = (
        f"q 0.55 0.55 0.55 RG 0.6 w [3 2] 0 d 0.3 0.3 {w - 0.6:.2f} {h - 0.6:.2f} re S "
        f"[] 0 d 12 14 m {w - 12:.2f} 14 l S Q"
    ).encode("ascii")
    stream = pikepdf.Stream(pdf, content)
    stream.Type = Name.XObject
    stream.Subtype = Name.Form
    stream.BBox = Array([0, 0, w, h])
    stream.Resources = Dictionary()
    return stream


def add_signature_fields(data: bytes, fields: list[FieldSpec], xmp: dict[str, str]) -> tuple[bytes, list[PlacedField]]:
    """``data`` with one empty /Sig field per entry of ``fields``, ``xmp`` properties, no Info dict.

    Raises :class:`UserError` when the layout reserved no space for a field.
    """
    pdf = pikepdf.open(io.BytesIO(data))
    dests = _destinations(pdf)
    page_numbers = {page.obj.objgen: i + 1 for i, page in enumerate(pdf.pages)}
    widgets = Array()
    placed: list[PlacedField] = []
    for spec in fields:
        start, end = dests.get(ANCHOR.format(spec.name)), dests.get(ANCHOR_END.format(spec.name))
        if start is None or end is None:
            raise fail(
                "templates/_blocks.html.j2",
                f"la page des signatures ne réserve pas d'emplacement au champ « {spec.name} »",
                code="champ-signature",
                hint=TEMPLATE_HINT,
            )
        page, x1, top = _point(start)
        end_page, x2, bottom = _point(end)
        if page.objgen != end_page.objgen or x2 - x1 < 4 * INSET or top - bottom < 4 * INSET:
            raise fail(
                "templates/print.css",
                f"l'emplacement du champ « {spec.name} » est coupé entre deux pages ou trop petit",
                code="champ-signature",
                hint="garder la page des signatures sur une seule page (break-inside: avoid)",
            )
        rect = (round(x1 + INSET, 2), round(bottom + INSET, 2), round(x2 - INSET, 2), round(top - INSET, 2))
        widget = pdf.make_indirect(
            Dictionary(
                Type=Name.Annot,
                Subtype=Name.Widget,
                FT=Name.Sig,
                T=String(spec.name),
                TU=String(spec.label),
                Rect=Array(list(rect)),
                F=WIDGET_FLAGS,
                P=page,
                AP=Dictionary(N=pdf.make_indirect(_appearance(pdf, rect[2] - rect[0], rect[3] - rect[1]))),
            )
        )
        if "/Annots" not in page:
            page.Annots = Array()
        page.Annots.append(widget)
        widgets.append(widget)
        placed.append(PlacedField(spec.name, spec.label, page_numbers[page.objgen], rect))
    pdf.Root.AcroForm = Dictionary(Fields=widgets)
    if "/Info" in pdf.trailer:
        # the XMP packet carries the metadata; an Info dict would disagree with it once pyHanko signs
        del pdf.trailer["/Info"]
    set_properties(pdf, xmp)
    out = io.BytesIO()
    # no object streams: pyHanko's change analysis re-reads a whole object stream for each object it
    # fetches, which on a tagged PDF (thousands of structure elements) makes verify take many seconds
    pdf.save(
        out, deterministic_id=True, fix_metadata_version=False, object_stream_mode=pikepdf.ObjectStreamMode.disable
    )
    return out.getvalue(), placed


def read_fields(data: bytes) -> list[FieldState]:
    """The signature fields of a PDF, in order, and whether each already holds a signature."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        form = pdf.Root.get("/AcroForm")
        if form is None or "/Fields" not in form:
            return []
        page_numbers = {page.obj.objgen: i + 1 for i, page in enumerate(pdf.pages)}
        out = []
        for field in form.Fields:
            if field.get("/FT") != Name.Sig:
                continue
            page = field.get("/P")
            rect = tuple(float(v) for v in field.get("/Rect", [0, 0, 0, 0]))
            out.append(
                FieldState(
                    name=str(field.get("/T", "")),
                    signed="/V" in field,
                    page=page_numbers.get(page.objgen, 0) if page is not None else 0,
                    rect=rect,  # type: ignore[arg-type]
                )
            )
        return out
