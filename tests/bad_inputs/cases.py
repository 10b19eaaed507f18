"""The bad inputs a hostile user tried (issue 11), one line each: adding a case is adding a line.

Each case: a name, how to break a copy of the shipped project (:func:`edit`, :func:`append`,
:func:`copy`…, or ``None``), the command (``{root}`` is the copy's folder), the expected exit code
(1 for data to correct, 2 for a mistyped command) and words the output must contain. The test
(tests/test_bad_inputs_corpus.py) also asserts, for every case: no traceback, no English from the
libraries, and an ``output/`` folder left exactly as it was.
"""

from __future__ import annotations

import json
import os
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

FILES = Path(__file__).parent / "files"
Mutation = Callable[[Path], None] | None


class At(NamedTuple):
    """``file:line:col:`` (or ``file:line:`` without ``column``) of the first ``needle`` in the broken copy.

    Locations are computed from the copy's text, never typed as numbers, so that editing the
    shipped YAML does not break the corpus while a wrong line or column still does.
    """

    rel: str
    needle: str
    column: bool = True

    def resolve(self, root: Path) -> str:
        text = (root / self.rel).read_text(encoding="utf-8")
        index = text.index(self.needle)
        line = text.count("\n", 0, index) + 1
        col = index - (text.rfind("\n", 0, index) + 1) + 1
        return f"{self.rel}:{line}:{col}:" if self.column else f"{self.rel}:{line}:"


class Case(NamedTuple):
    name: str
    mutate: Mutation
    command: str
    code: int
    words: tuple[str | At, ...]


# --- how to break a copy ------------------------------------------------------------------------------


def edit(rel: str, old: str, new: str) -> Mutation:
    def run(root: Path) -> None:
        text = (root / rel).read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {rel}: update the case"
        (root / rel).write_text(text.replace(old, new, 1), encoding="utf-8")

    return run


def append(rel: str, text: str) -> Mutation:
    def run(root: Path) -> None:
        with (root / rel).open("a", encoding="utf-8") as handle:
            handle.write(text)

    return run


def write(rel: str, content: str | bytes) -> Mutation:
    def run(root: Path) -> None:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        data = content.encode("utf-8") if isinstance(content, str) else content
        (root / rel).write_bytes(data)

    return run


def copy(name: str, rel: str) -> Mutation:
    return lambda root: shutil.copyfile(FILES / name, root / rel) and None


def rename(old: str, new: str) -> Mutation:
    return lambda root: (root / old).rename(root / new) and None


def remove(rel: str) -> Mutation:
    return lambda root: (root / rel).unlink()


def fifo(rel: str) -> Mutation:
    return lambda root: os.mkfifo(root / rel)


def folder(rel: str) -> Mutation:
    return lambda root: (root / rel).mkdir(parents=True)


def big(rel: str, size: int, line: str) -> Mutation:
    return write(rel, line * (size // len(line) + 1))


def xlsx_bomb(rel: str) -> Mutation:
    """A 100 kB workbook that unzips to 60 MB."""

    def run(root: Path) -> None:
        with zipfile.ZipFile(root / rel, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("xl/worksheets/sheet1.xml", b"0" * 60_000_000)

    return run


def paragraph(text: str) -> Mutation:
    """A paragraph before the dga fiche's second one (YAML double-quoted: non-ASCII characters as escapes)."""
    anchor = '      - paragraphe: "Ses missions portent sur :"\n'
    return edit(DGA, anchor, f"      - paragraphe: {json.dumps(text)}\n" + anchor)


def zipped(rel: str, parts: dict[str, bytes]) -> Mutation:
    """A zip archive at ``rel`` holding ``parts`` (a DOCX whose parts a test chooses)."""

    def run(root: Path) -> None:
        with zipfile.ZipFile(root / rel, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in parts.items():
                archive.writestr(name, data)

    return run


def template_part(part: str, change: Callable[[bytes], bytes | None]) -> Mutation:
    """The copy's Word template with one part changed (``None``: removed)."""

    def run(root: Path) -> None:
        path = root / "templates" / "convention.docx"
        with zipfile.ZipFile(path) as archive:
            parts = {info.filename: archive.read(info.filename) for info in archive.infolist()}
        new = change(parts[part])
        if new is None:
            del parts[part]
        else:
            parts[part] = new
        zipped("templates/convention.docx", parts)(root)

    return run


def both(*mutations: Mutation) -> Mutation:
    def run(root: Path) -> None:
        for m in mutations:
            if m is not None:
                m(root)

    return run


DGA = "annexes/dga.yaml"
AV = "avenants/001-facturation-dga.yaml"
AV_SERVICE = edit(AV, "valeur: [DGA-PR]", "valeur: [NOPE]")
CONV = "convention.yaml"
COSTS = "data/frais/2025.csv"
PAYROLL = "data/charges-personnel/2024.csv"
CHECK = "check {root}"
JSON = "invoice {root} --year 2025 --format json"
DOCUMENT = "word/document.xml"
CONTENT_TYPES = b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
PDF_TRUNCATED = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pa"
NESTED_BRACKETS = "x: " + "[" * 1000 + "]" * 1000 + "\n"
NESTED_PARENTHESES = "{{ " + "(" * 80 + "ville" + ")" * 80 + " }}"

# fmt: off
CASES = [
    # 1. no traceback, ever
    Case("yaml-1000-brackets", append(DGA, NESTED_BRACKETS), CHECK, 1, ("annexes/dga.yaml:", "40 niveaux")),
    Case("yaml-1000-brackets-json", append(DGA, NESTED_BRACKETS), CHECK + " --format json", 1, ('"imbrication"',)),
    Case("yaml-1000-brackets-build", append(DGA, NESTED_BRACKETS), "build {root}", 1, ("40 niveaux",)),
    Case("yaml-1000-dashes", append(DGA, "x:\n" + "- " * 1000 + "a\n"), CHECK, 1, ("40 niveaux",)),
    Case("prose-80-parentheses", paragraph(NESTED_PARENTHESES), CHECK, 1, ("annexes/dga.yaml:", "imbriquées")),
    Case("prose-80-parentheses-json", paragraph(NESTED_PARENTHESES), CHECK + " --format json", 1, ('"parametre',)),
    Case("prose-long-expression", paragraph("{{ " + "not " * 100 + "ville }}"), CHECK, 1, ("200 caractères",)),
    Case("prose-control-chars-build", paragraph("a\x01\x0b\x1bb"), "build {root}", 1, ("U+0001",)),
    Case("schedule-output-is-a-file", write("output", "x"), "schedule {root}", 1, ("un fichier porte déjà ce nom",)),
    Case("invoice-output-is-a-file", write("output", "x"), "invoice {root} --year 2025", 1, ("fichier porte déjà",)),
    # 2. every printed text is validated as prose
    Case("param-in-lieu-signature", edit(CONV, "lieu_signature: Porto-Vecchio", 'lieu_signature: "{{ ville }}"'), CHECK, 1, ("lieu_signature", "imprimé tel quel")),
    Case("param-in-article-title", edit(CONV, "    titre: Objet\n", "    titre: Objet {{ duree }}\n"), CHECK, 1, ("convention.yaml:", "« titre » est imprimé tel quel")),
    Case("param-in-fiche-title", edit(DGA, "titre: Direction générale", 'titre: "{{ ville }}" # Direction générale'), CHECK, 1, (At(DGA, 'titre: "{{ ville }}"', column=False), "parametre-hors-texte")),
    Case("param-in-section-title", edit(DGA, "titre: Contenu de la", "titre: Contenu {{ taux }} de la"), CHECK, 1, (At(DGA, "titre: Contenu {{ taux }}", column=False), "parametre-hors-texte")),
    Case("statement-in-imputation", edit(DGA, 'imputation: "70841"', 'imputation: "{% if 1 %}7{% endif %}"'), CHECK, 1, ("compte", "M57", "invalide")),
    Case("prose-string-literal", paragraph("{{ 'texte libre' }}"), CHECK, 1, ("expression interdite",)),
    Case("prose-concatenation", paragraph("{{ ville ~ ccas }}"), CHECK, 1, ("expression interdite",)),
    Case("prose-item", paragraph("{{ ville[0] }}"), CHECK, 1, ("expression interdite",)),
    Case("prose-comparison", paragraph("{{ ville == ccas }}"), CHECK, 1, ("expression interdite",)),
    Case("prose-condition", paragraph("{{ ville if ccas else duree }}"), CHECK, 1, ("expression interdite",)),
    Case("prose-list", paragraph("{{ [ville, ccas] }}"), CHECK, 1, ("expression interdite",)),
    Case("prose-helper-on-a-name", paragraph("{{ article(ville) }}"), CHECK, 1, ("expression interdite",)),
    # 3. every character is one a document can hold
    Case("yaml-raw-vertical-tab", edit(DGA, "convention de mutualisation.", "convention\x0b de mutualisation."), CHECK, 1, (At(DGA, "\x0b"), "tabulation verticale", "Maj+Entrée")),
    Case("yaml-raw-nul", edit(DGA, "La co écriture", "La co\x00 écriture"), CHECK, 1, (At(DGA, "\x00"), "nul")),
    Case("yaml-raw-escape", edit(DGA, "L'animation", "L'\x1b[31manimation"), CHECK, 1, (At(DGA, "\x1b"), "U+001B")),
    Case("yaml-raw-c1-control", edit(DGA, "L'animation", "L'\x85animation"), CHECK, 1, ("U+0085",)),
    Case("yaml-escaped-controls", paragraph("a\x01\x0b\x1bb"), CHECK, 1, (At(DGA, '"a\\u0001', column=False), "U+0001")),
    Case("yaml-escaped-surrogate", paragraph("\ud800"), CHECK, 1, ("demi-caractère Unicode isolé",)),
    Case("yaml-lone-surrogate-escape", append(DGA, 'x: "\\ud83d"\n'), CHECK, 1, ("U+D83D",)),
    Case("rate-arabic-digits", edit(DGA, "taux: 1 %", "taux: ١ %"), CHECK, 1, (At(DGA, "١"), "chiffres 0 à 9")),
    Case("rate-fullwidth-digits", edit(DGA, "taux: 1 %", "taux: １ %"), CHECK, 1, ("chiffres 0 à 9",)),
    Case("date-emission-arabic", edit(CONV, 'date_emission: "12-15"', 'date_emission: "١٢-١٥"'), CHECK, 1, (At(CONV, '"١٢-١٥"'), "« ١٢-١٥ » invalide")),
    Case("costs-control-character", copy("costs-control-character.csv", COSTS), JSON, 1, ("data/frais/2025.csv:2:59:", "U+001B")),
    Case("costs-arabic-digits", copy("costs-arabic-digits.csv", COSTS), JSON, 1, ("2025.csv:2:", "chiffres 0 à 9")),
    # 4. every YAML tag is refused
    Case("tag-python-object", copy("tag-python-object.yaml", DGA), CHECK, 1, ("dga.yaml:3:8:", "« !!python/object")),
    Case("tag-custom", edit(DGA, "titre: Direction", "titre: !custom Direction"), CHECK, 1, (At(DGA, "!custom"), "étiquette YAML « !custom » non acceptée")),
    Case("tag-str", edit(DGA, "direction: dga", "direction: !!str dga"), CHECK, 1, ("« !!str » non acceptée",)),
    Case("tag-on-a-list", edit(DGA, "sections:\n", "sections: !!seq\n"), CHECK, 1, ("« !!seq »",)),
    # 5. bounds checked before the work
    Case("yaml-file-too-large", append(DGA, "# " + "x" * 1_100_000 + "\n"), CHECK, 1, ("plus de 1 Mo",)),
    Case("project-too-large", both(*(write(f"annexes/gros-{i}.yaml", "# " + "x" * 900_000 + "\n") for i in range(6)), edit(CONV, "  - annexes/rh.yaml", "  - annexes/rh.yaml\n" + "".join(f"  - annexes/gros-{i}.yaml\n" for i in range(6)))), CHECK, 1, ("convention.yaml:", "plus de 5 Mo")),
    Case("yaml-text-too-long", paragraph("mot " * 5000), CHECK, 1, ("texte trop long", "10\u202f000")),
    Case("yaml-number-too-long", append(DGA, "x: " + "9" * 5000 + "\n"), CHECK, 1, ("plus de 18 chiffres",)),
    Case("yaml-annex-is-a-fifo", both(remove(DGA), fifo(DGA)), CHECK, 1, ("pas un fichier ordinaire",)),
    Case("costs-dev-zero", None, JSON + " --frais /dev/zero", 1, ("/dev/zero", "pas un fichier ordinaire")),
    Case("costs-fifo", fifo("frais.csv"), JSON + " --frais {root}/frais.csv", 1, ("pas un fichier ordinaire",)),
    Case("costs-too-large", big(COSTS, 10_100_000, "x;" * 50 + "\n"), JSON, 1, ("plus de 10 Mo",)),
    Case("costs-amount-13-digits", copy("costs-huge-amount.csv", COSTS), JSON, 1, ("trop grand", "12 chiffres")),
    Case("payroll-xlsx-bomb", xlsx_bomb("charges.xlsx"), JSON + " --charges {root}/charges.xlsx", 1, ("une fois décompressé",)),
    # 6. a missing input is never silently zero
    Case("costs-other-case", rename(COSTS, "data/frais/2025.CSV"), JSON, 1, ("vouliez-vous dire « data/frais/2025.CSV » ?",)),
    Case("costs-absent", remove(COSTS), JSON, 1, ("annexes/", "prévoit des remboursements", "--sans-frais")),
    Case("costs-absent-without-costs", remove(COSTS), JSON + " --sans-frais", 0, ('"total"',)),
    Case("costs-present-without-costs", None, JSON + " --sans-frais", 1, ("--sans-frais demandé",)),
    Case("payroll-other-case", rename(PAYROLL, "data/charges-personnel/2024.CSV"), JSON, 1, ("vouliez-vous dire « data/charges-personnel/2024.CSV » ?",)),
    # 8. each rule's error caught by check
    Case("reference-year-n-7", edit(DGA, "annee_reference: N-1", "annee_reference: N-7"), CHECK, 1, (At(DGA, "N-7"), "« N-7 » non prise en charge")),
    Case("reference-year-n-7-build", edit(DGA, "annee_reference: N-1", "annee_reference: N-7"), "build {root}", 1, ("non prise en charge",)),
    Case("reference-year-arabic", edit(DGA, "annee_reference: N-1", "annee_reference: N-١"), CHECK, 1, ("annee-reference",)),
    # 9. messages name the right place in the user's words
    Case("annex-listed-twice", edit(CONV, "  - annexes/rh.yaml", "  - annexes/rh.yaml\n  - annexes/rh.yaml"), CHECK, 1, ("convention.yaml:", "figure deux fois", "1 erreur(s)")),
    Case("annex-listed-twice-other-spelling", edit(CONV, "  - annexes/rh.yaml", "  - annexes/rh.yaml\n  - ./annexes/rh.yaml"), CHECK, 1, ("figure deux fois", "1 erreur(s)")),
    Case("annex-is-a-folder", edit(CONV, "  - annexes/rh.yaml", "  - annexes"), CHECK, 1, ("« annexes » est un dossier", "annexes/")),
    Case("click-project-is-a-file", None, "check {root}/convention.yaml", 2, ("est un fichier, pas un dossier",)),
    Case("click-project-missing", None, "check {root}/nulle-part", 1, ("dossier du projet introuvable",)),
    Case("click-bad-choice", None, "check {root} --format xml", 2, ("« xml » n'est pas l'une des valeurs",)),
    Case("click-missing-option", None, "invoice {root} --year 2025 --charges", 2, ("« --charges » attend une valeur",)),
    Case("click-missing-year", None, "invoice {root}", 2, ("indiquer l'année facturée : --year N",)),
    Case("click-bad-year", None, "invoice {root} --year deux", 2, ("année « deux » invalide",)),
    Case("click-arabic-year", None, "invoice {root} --year ٢٠٢٥", 2, ("chiffres de 0 à 9",)),
    Case("click-arabic-timeout", None, "build {root} --timeout ١٢٠", 2, ("chiffres 0 à 9",)),
    Case("click-out-of-range", None, "invoice {root} --year 2025 --timeout 0", 2, ("hors bornes : au moins 1",)),
    Case("click-unknown-option", None, "check {root} --formt json", 2, ("« --formt » inconnue", "« --format »")),
    Case("click-unknown-command", None, "chek {root}", 2, ("Commande « chek » inconnue",)),
    Case("click-extra-argument", None, "check {root} {root}", 2, ("Argument en trop",)),
    Case("click-option-needs-value", None, "invoice {root} --year", 2, ("« --year » attend une valeur",)),
    Case("click-data-file-is-a-folder", None, "invoice {root} --year 2025 --charges {root}/data", 2, ("est un dossier, pas un fichier",)),
    Case("click-output-is-a-file", None, "build {root} -o {root}/convention.yaml", 2, ("est un fichier, pas un",)),
    Case("click-at-slashes-iso-order", None, "build {root} --at 2026/07/01", 2, ("« 2026/07/01 » invalide", "AAAA-MM-JJ", "JJ/MM/AAAA")),
    Case("click-at-words", None, "seal {root} --at demain", 2, ("« demain » invalide", "AAAA-MM-JJ", "JJ/MM/AAAA")),
    Case("click-at-impossible-french", None, "build {root} --at 31/02/2026", 2, ("la date « 31/02/2026 » n'existe pas",)),
    Case("click-from-impossible-iso", None, "redline {root} --from 2026-13-01 --to 2026-08-01", 2, ("« --from »", "n'existe pas (jour 1, mois 13")),
    Case("click-at-arabic-digits", None, "build {root} --at ٠١/٠٧/٢٠٢٦", 2, ("invalide", "JJ/MM/AAAA")),
    Case("at-french-outside", None, "seal {root} --at 31/12/2024", 1, ("31 décembre 2024 est hors de la convention",)),
    Case("help-main", None, "--help", 0, ("[OPTIONS] COMMANDE [ARGUMENTS]...", "Commandes")),
    Case("help-invoice", None, "invoice --help", 0, ("--timeout SECONDES", "--motif TEXTE", "Afficher cette aide")),
    Case("help-build", None, "build --help", 0, ("--output DOSSIER", "au moins 1")),
    # 10. avenants, versions (issues 8, 9, 13): what check refuses, every command refuses the same way
    Case("avenant-impossible-day", edit(AV, "date_effet: 2026-07-01", "date_effet: 2026-02-30"), CHECK, 1, (At(AV, "2026-02-30"), "« 2026-02-30 » inexistante", "février 2026 n'a que 28 jours")),
    Case("avenant-impossible-day-avenant", edit(AV, "date_effet: 2026-07-01", "date_effet: 2026-02-30"), "avenant 1 {root}", 1, (At(AV, "2026-02-30"), "inexistante")),
    Case("avenant-impossible-month-redline", edit(AV, "date_effet: 2026-07-01", "date_effet: 2026-13-01"), "redline {root} --avenant 1", 1, (At(AV, "2026-13-01"), "pas de mois 13")),
    Case("convention-impossible-day", edit(CONV, "date_effet: 2025-01-01", "date_effet: 2025-04-31"), "build {root}", 1, (At(CONV, "2025-04-31"), "avril 2025 n'a que 30 jours")),
    Case("impossible-time", append(DGA, "x: 2026-01-01 25:00:00\n"), CHECK, 1, (At(DGA, "2026-01-01 25"), "heure impossible")),
    Case("avenants-lists-a-folder", edit(CONV, "  - avenants/001-facturation-dga.yaml", "  - avenants"), CHECK, 1, (At(CONV, "avenants\n"), "« avenants » est un dossier, pas un fichier d'avenant")),
    Case("avenants-lists-a-missing-file", edit(CONV, "  - avenants/001-facturation-dga.yaml", "  - avenants/absent.yaml"), "build {root}", 1, (At(CONV, "avenants/absent.yaml"), "fichier d'avenant « avenants/absent.yaml » introuvable")),
    Case("avenant-unknown-service-avenant", AV_SERVICE, "avenant 1 {root}", 1, (At(AV, "NOPE"), "service « NOPE » inconnu")),
    Case("avenant-unknown-service-redline", AV_SERVICE, "redline {root} --avenant 1", 1, (At(AV, "NOPE"), "service « NOPE » inconnu")),
    Case("avenant-unknown-service-redline-dates", AV_SERVICE, "redline {root} --from 2025-01-01 --to 2026-08-01", 1, (At(AV, "NOPE"), "inconnu")),
    Case("avenant-unknown-service-seal", AV_SERVICE, "seal {root} --avenant 1", 1, (At(AV, "NOPE"), "inconnu")),
    # 11. files that are not what they claim (issues 9, 13): the libraries' English never shown
    Case("import-truncated-xml", zipped("relu.docx", {"[Content_Types].xml": CONTENT_TYPES, DOCUMENT: b"<w:document><w:bo"}), "import {root}/relu.docx {root}", 1, ("« word/document.xml » : XML mal formé (ligne 1, colonne", "fichier corrompu")),
    Case("import-empty-file", write("relu.docx", b""), "import {root}/relu.docx {root}", 1, ("le fichier est vide",)),
    Case("import-text-renamed", write("relu.docx", "Bonjour\n"), "import {root}/relu.docx {root}", 1, ("pas un document Word (.docx) lisible",)),
    Case("import-doc-renamed", write("relu.docx", bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 512), "import {root}/relu.docx {root}", 1, ("Word 97-2003",)),
    Case("import-missing", None, "import {root}/relu.docx {root}", 1, ("relu.docx: erreur: fichier introuvable",)),
    Case("verify-missing", None, "verify {root}/nulle-part.pdf --projet {root}", 1, ("nulle-part.pdf: erreur: fichier introuvable",)),
    Case("verify-trust-missing", None, "verify {root}/convention.yaml --projet {root} --confiance {root}/ac.pem", 1, ("ac.pem: erreur: fichier introuvable",)),
    Case("sign-missing", None, "sign {root}/x.pdf --champ maire --p12 {root}/x.p12 --projet {root}", 1, ("x.pdf: erreur: fichier introuvable",)),
    Case("verify-folder", None, "verify {root}/annexes --projet {root}", 2, ("est un dossier, pas un fichier",)),
    Case("verify-empty", write("x.pdf", b""), "verify {root}/x.pdf --projet {root}", 1, ("x.pdf: erreur: PDF illisible : le fichier est vide",)),
    Case("verify-not-a-pdf", write("x.pdf", "bonjour\n"), "verify {root}/x.pdf --projet {root}", 1, ("ce n'est pas un PDF",)),
    Case("verify-truncated", write("x.pdf", PDF_TRUNCATED), "verify {root}/x.pdf --projet {root}", 1, ("fichier tronqué", "%%EOF")),
    Case("verify-damaged", write("x.pdf", b"%PDF-1.7\nn'importe quoi\n%%EOF\n"), "verify {root}/x.pdf --projet {root}", 1, ("structure interne endommagée",)),
    Case("verify-fifo", fifo("x.pdf"), "verify {root}/x.pdf --projet {root}", 1, ("pas un fichier ordinaire",)),
    Case("verify-trust-is-garbage", write("ac.pem", "pas un certificat\n"), "verify {root}/convention.yaml --projet {root} --confiance {root}/ac.pem", 1, ("ac.pem: erreur: ce fichier n'est pas un certificat X.509",)),
    Case("sign-garbage", write("x.pdf", b"%PDF-1.7\nn'importe quoi\n%%EOF\n"), "sign {root}/x.pdf --champ maire --p12 {root}/x.p12 --projet {root}", 1, ("n'est pas une version scellée",)),
    Case("sign-p12-is-a-folder", write("x.pdf", b"%PDF-1.7\n"), "sign {root}/x.pdf --champ maire --p12 {root}/annexes --projet {root}", 2, ("est un dossier, pas un fichier",)),
    Case("template-truncated-xml", template_part(DOCUMENT, lambda d: d[: len(d) // 2]), "build {root}", 1, ("templates/convention.docx: erreur:", "XML mal formé (ligne")),
    Case("template-missing-part", template_part(DOCUMENT, lambda d: None), "build {root}", 1, ("une partie de l'archive manque",)),
    Case("template-bad-tag", template_part(DOCUMENT, lambda d: d.replace(b"{{ couverture.titre }}", b"{{ couverture.titre | }}")), "build {root}", 1, ("un nom attendu, « }} » trouvé",)),
    Case("template-unknown-tag", template_part(DOCUMENT, lambda d: d.replace(b"{{ couverture.titre }}", b"{% foo %}")), "build {root}", 1, ("instruction « {% foo %} » inconnue",)),
    Case("template-unknown-name", template_part(DOCUMENT, lambda d: d.replace(b"{{ couverture.titre }}", b"{{ couvertur.titre }}")), "build {root}", 1, ("variable « couvertur » inconnue",)),
    Case("template-unknown-attribute", template_part(DOCUMENT, lambda d: d.replace(b"{{ couverture.titre }}", b"{{ couverture.x.y }}")), "build {root}", 1, ("attribut « x » inconnu",)),
    Case("html-template-unknown-name", edit("templates/document.html.j2", "{{", "{{ foo.bar }}{{"), "build {root}", 1, ("variable « foo » inconnue",)),
    Case("html-template-syntax", edit("templates/document.html.j2", "{{", "{{ ( }}{{"), "build {root}", 1, ("erreur de syntaxe dans le modèle « document.html.j2 »",)),
    Case("click-frais-and-sans-frais", None, JSON + " --frais x.csv --sans-frais", 2, ("--frais ou --sans-frais",)),
]
# fmt: on
