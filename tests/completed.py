"""A project copy with every « À COMPLÉTER » value filled in, for tests of what may only be issued
or sealed once nothing is left to complete (``invoice`` without ``--projet``, ``seal``).

``complete_placeholders(root)`` rewrites, in place, the YAML files of the project at ``root``
(convention.yaml, services.yaml, annexes/*.yaml, avenants/*.yaml): every placeholder value gets a
plausible value of the right type (dates, 14-digit SIRET, French IBAN with valid check digits,
names, deliberation numbers), chosen by the key it is the value of. The edit is textual, so the
files keep their layout and comments. It returns the replaced values as ``{file: [(old, new)]}``
and fails loudly if a placeholder is left (a new placeholder in the shipped files needs a value
here). ``validate_drafted_articles(root)`` does what the legal service does once it has read the
articles the tool drafted for it: it removes their « a_valider » keys (``seal`` refuses them).
"""

from __future__ import annotations

import re
from pathlib import Path

PLACEHOLDER = "À COMPLÉTER"

# values by (party, key); party is « ville », « ccas » or « » outside the parties
VALUES: dict[tuple[str, str], str] = {
    ("", "reference"): "CONV-2024-117",
    ("", "date_signature"): "2024-12-16",
    ("ville", "adresse"): "Place de l'Hôtel de Ville",
    ("ville", "siret"): "21200247200011",
    ("ville", "civilite"): "Monsieur",
    ("ville", "nom"): "Paul Santini",
    ("ville", "numero"): "2024-11-105",
    ("ville", "date"): "2024-11-28",
    ("ville", "titulaire"): "Trésor public – SGC de Porto-Vecchio",
    ("ville", "iban"): "",  # computed below: FR76 + valid check digits
    ("ville", "bic"): "TRPUFRP1",
    ("ville", "comptable"): "Service de gestion comptable de Porto-Vecchio",
    ("ccas", "adresse"): "Rue du Général de Gaulle",
    ("ccas", "siret"): "26200137700018",
    ("ccas", "civilite"): "Madame",
    ("ccas", "nom"): "Marie Orsini",
    ("ccas", "numero"): "CA-2024-042",
    ("ccas", "date"): "2024-12-03",
    # facturation: imputation, ordonnateur, contact
    ("", "fonction"): "020",
    ("", "prenom"): "Paul",
    ("", "nom"): "Santini",
    ("", "telephone"): "04 95 70 00 00",
    ("", "courriel"): "finances@porto-vecchio.fr",
}
# placeholders inside prose: « (À COMPLÉTER : articles à confirmer …) »
PROSE = "(articles L. 5211-4-1 et suivants)"

_KEY = re.compile(r"^(?P<indent>\s*)(?:- )?(?P<key>[A-Za-z_][\w-]*):")
_INLINE = re.compile(r"\(\s*À COMPLÉTER\b[^)]*\)", re.DOTALL)
_VALUE = re.compile(r"À COMPLÉTER(?:\s*\([^)]*\))?")
_WHOLE_VALUE = re.compile(r"^\s*(?:- )?(?:[\w-]+:\s*)?[\"']?À COMPLÉTER")  # the whole scalar is a placeholder


def iban_check(country: str, bban: str) -> int:
    """The two check digits of an IBAN (ISO 13616, mod 97)."""
    digits = "".join(str(int(ch, 36)) for ch in bban + country + "00")
    return 98 - int(digits) % 97


def french_iban() -> str:
    """A French IBAN of the Trésor (bank 10071) starting with FR76, whose check digits are right."""
    for n in range(100_000):
        bban = f"1007120000{n:011d}00"
        if iban_check("FR", bban) == 76:
            return f"FR76{bban}"
    raise AssertionError("unreachable")  # pragma: no cover


def complete_placeholders(root: Path) -> dict[str, list[tuple[str, str]]]:
    root = Path(root)
    files = [root / "convention.yaml", root / "services.yaml"]
    for folder in ("annexes", "avenants"):
        files.extend(sorted((root / folder).glob("*.yaml")))
    changes: dict[str, list[tuple[str, str]]] = {}
    for path in files:
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        new, replaced = _complete(text, path.name)
        if path.name == "convention.yaml":  # the quality agreed with the civility chosen above (check: [accord])
            new = new.replace("qualite: Vice-président(e) du", "qualite: Vice-présidente du")
        if replaced:
            path.write_text(new, encoding="utf-8")
            changes[path.relative_to(root).as_posix()] = replaced
        left = [n for n, line in enumerate(new.splitlines(), 1) if PLACEHOLDER in line and not _comment(line)]
        assert not left, f"{path}: « {PLACEHOLDER} » left on lines {left}: give them a value in tests/completed.py"
    return changes


def validate_drafted_articles(root: Path) -> int:
    """Remove every ``a_valider: service juridique`` line of convention.yaml; return how many there were."""
    path = Path(root) / "convention.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if not re.fullmatch(r"\s*a_valider: service juridique\s*", line)]
    path.write_text("".join(kept), encoding="utf-8")
    return len(lines) - len(kept)


def _comment(line: str) -> bool:
    return line.lstrip().startswith("#")


def _complete(text: str, name: str) -> tuple[str, list[tuple[str, str]]]:
    replaced: list[tuple[str, str]] = []

    def prose(match: re.Match[str]) -> str:
        replaced.append((match.group(0), PROSE))
        return PROSE

    out: list[str] = []
    party = ""
    key = ""
    party_indent = -1
    for line in text.splitlines(keepends=True):
        match = _KEY.match(line)
        if match and not _comment(line):
            indent = len(match["indent"])
            key = match["key"]
            if key in ("ville", "ccas"):
                party, party_indent = key, indent
            elif indent <= party_indent:
                party, party_indent = "", -1
        if _WHOLE_VALUE.match(line):
            value = VALUES.get((party, key)) if (party, key) != ("ville", "iban") else french_iban()
            if value is None:
                value = VALUES.get(("", key))
            assert value is not None, f"{name}: no value for « {key} » ({party or 'top level'}) here"
            old = _VALUE.search(line)
            assert old is not None
            replaced.append((old.group(0), value))
            line = line[: old.start()] + _quote(value) + line[old.end() :]
        out.append(line)
    return _INLINE.sub(prose, "".join(out)), replaced


def _quote(value: str) -> str:
    # dates stay YAML dates; text with « : » or a leading special character is quoted
    if re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        return value
    if re.fullmatch(r"[^\W\d][\w .,'’()–-]*", value) and not re.fullmatch(r"[\d-]+", value):
        return value
    return '"' + value.replace('"', '\\"') + '"'


def realise_payroll(root: Path, year: int) -> None:
    """Turn the shipped forecast payroll of ``year`` into a realised one, with its certified extract."""
    payroll = Path(root) / f"data/charges-personnel/{year}.csv"
    payroll.write_text(payroll.read_text(encoding="utf-8").replace("prévisionnel", "réalisé"), encoding="utf-8")
    write_payroll_extract(root, year)


def write_payroll_extract(root: Path, year: int) -> None:
    """``data/charges-personnel/<year>.yaml``: the certified payroll extract an issued invoice names."""
    (Path(root) / f"data/charges-personnel/{year}.yaml").write_text(
        f"extrait: Extrait certifié de la paie – charges de personnel par service, exercice {year}\n"
        f"edite_le: {year + 1}-01-20\n"
        "certifie_par: la direction des ressources humaines\n",
        encoding="utf-8",
    )
