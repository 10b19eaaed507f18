"""The bounds every input is held to, checked before the work, and the characters a document can hold.

The README (« Limites ») lists these numbers: a user can rely on them. Each refusal happens before
parsing (a file's size is known from ``stat``, then it is read with a bounded read), so that a
huge or endless input (``/dev/zero``, a FIFO) is refused at once, in bounded time and memory.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from ccas_docs.common.diagnostics import UserError, fail
from ccas_docs.common.oserrors import reason

MAX_YAML_BYTES = 1_000_000  # one YAML file of the convention (the largest shipped one is 11 kB)
MAX_PROJECT_BYTES = 5_000_000  # all the YAML files of a project together (the shipped ones: 50 kB)
MAX_DATA_BYTES = 10_000_000  # one CSV or XLSX data file (payroll, costs, register)
MAX_XLSX_UNPACKED_BYTES = 50_000_000  # what an XLSX file holds once unzipped
MAX_TEXT_CHARS = 10_000  # one text of the convention (a paragraph, a title; the longest shipped: 489)
MAX_NESTING = 40  # levels of YAML lists and blocks inside each other
MAX_EXPRESSION_CHARS = 200  # one « {{ … }} »
MAX_EXPRESSION_NESTING = 3  # parentheses or brackets inside each other in one « {{ … }} »
MAX_NUMBER_DIGITS = 18  # an integer written in YAML
MAX_PDF_BYTES = 50_000_000  # a PDF to sign or verify (the sealed convention: about 300 kB)
MAX_KEY_BYTES = 1_000_000  # a PKCS#12 file or a trusted authority's certificate (a few kB)
MAX_AMOUNT_DIGITS = 12  # digits before the decimal separator of an amount (999 999 999 999,99 €)


def thousands(n: int) -> str:
    """« 10 000 » (narrow no-break space between thousands, as French typography writes them)."""
    return f"{n:,}".replace(",", "\u202f")


def megabytes(n: int) -> str:
    """« 1 Mo », « 10 Mo » (decimal megabytes, as file managers show them)."""
    return f"{n / 1_000_000:g}".replace(".", ",") + " Mo"


def read_bounded(path: Path, shown: str, limit: int, what: str = "un fichier") -> bytes:
    """The bytes of the regular file ``path``, refusing anything else and anything past ``limit``.

    ``stat`` first: a folder, a FIFO or a device (``/dev/zero``) is refused without being opened
    (opening a FIFO would block), a file too large without being read. The read itself is bounded
    too, for a file that grows while it is read.
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        other = same_name_other_case(Path(path))
        close = f" : vouliez-vous dire « {Path(shown).with_name(other.name).as_posix()} » ?" if other else ""
        raise fail(shown, f"fichier introuvable{close}", code="fichier-manquant") from None
    except OSError as exc:
        raise fail(shown, f"lecture impossible : {reason(exc)}", code="lecture") from None
    if stat.S_ISDIR(info.st_mode):
        raise fail(shown, f"c'est un dossier, pas {what}", code="fichier-manquant")
    if not stat.S_ISREG(info.st_mode):
        raise fail(
            shown,
            "ce n'est pas un fichier ordinaire (périphérique, tube ou socket) : il n'est pas lu",
            code="lecture",
            hint="donner le chemin d'un fichier enregistré sur le disque",
        )
    if info.st_size > limit:
        raise too_large(shown, limit)
    try:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise fail(shown, f"lecture impossible : {reason(exc)}", code="lecture") from None
    if len(data) > limit:
        raise too_large(shown, limit)
    return data


def same_name_other_case(path: Path) -> Path | None:
    """The file next to ``path`` whose name differs only by case (« 2025.CSV » for « 2025.csv »)."""
    try:
        siblings = list(path.parent.iterdir()) if path.parent.is_dir() else []
    except OSError:
        return None
    wanted = path.name.casefold()
    return next((p for p in sorted(siblings) if p.name.casefold() == wanted and p.name != path.name), None)


def too_large(shown: str, limit: int) -> UserError:
    return fail(
        shown,
        f"fichier trop volumineux : plus de {megabytes(limit)}",
        code="taille",
        hint=f"un fichier de ce type fait au plus {megabytes(limit)} ; vérifier qu'il s'agit du bon fichier",
    )


# --- characters ----------------------------------------------------------------------------------

# C0 and C1 controls but tab and line ends, DEL, lone surrogates, noncharacters: no document can hold
# them (XML refuses most of them; Word's Shift+Enter pastes « \x0b »)
_BAD_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
_NAMES = {
    0x00: "caractère nul (U+0000)",
    0x09: "tabulation",
    0x0B: "tabulation verticale (U+000B, le saut de ligne manuel de Word : Maj+Entrée)",
    0x0C: "saut de page (U+000C)",
    0x1B: "caractère d'échappement (U+001B)",
    0x7F: "caractère d'effacement (U+007F)",
}


def first_bad_character(text: str) -> int | None:
    """The index of the first character no document can hold, or ``None``."""
    match = _BAD_CHARACTER.search(text)
    return match.start() if match else None


def describe_character(char: str) -> str:
    """« caractère nul (U+0000) », « demi-caractère Unicode isolé (U+D800) »…"""
    code = ord(char)
    if code in _NAMES:
        return _NAMES[code]
    if 0xD800 <= code <= 0xDFFF:
        return f"demi-caractère Unicode isolé (U+{code:04X})"
    if code >= 0xFDD0:
        return f"non-caractère Unicode (U+{code:04X})"
    return f"caractère de contrôle (U+{code:04X})"


CHARACTER_HINT = (
    "supprimer ce caractère invisible (souvent collé depuis Word ou un terminal) ; "
    "pour un retour à la ligne, commencer un nouveau paragraphe ou une nouvelle puce"
)


def position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column (in characters) of ``index`` in ``text``."""
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def ascii_digits(text: str) -> bool:
    """Whether every digit of ``text`` is one of 0-9 (« ٥ » or « ５ » are digits to Python, not to a reader)."""
    return all(c.isascii() for c in text if c.isdigit())
