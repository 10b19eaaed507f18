"""``ccas-docs invoice --titre N --bordereau N``: the titre de recettes' numbers, recorded in the register.

The register is written by :meth:`Register.record` (no document is issued: recording a titre never
reads the project), then the command is run as finance runs it; what is asserted is the register's
line, the message printed and the exit code.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from ccas_docs.cli.main import main
from ccas_docs.common.diagnostics import UserError
from ccas_docs.registry.chain import open_register
from ccas_docs.registry.invoices import COLUMNS, REGISTER_PATH, Register
from ccas_docs.registry.titres import NUMBER, titre_objet

TOOL = "ccas-docs"


def invoke(*args: str) -> Result:
    result = CliRunner().invoke(main, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"Python exception instead of a message: {result.exception!r}") from result.exception
    return result


def lines(root: Path) -> list[list[str]]:
    """The register's lines, without the header, as ``;``-separated cells (without the chain's)."""
    text = (root / REGISTER_PATH).read_text(encoding="utf-8-sig")
    return [line.split(";")[:12] for line in text.splitlines()[1:]]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A register holding the 2025 invoice, a credit note and the 2026 invoice."""
    register = Register.load(tmp_path / REGISTER_PATH)
    register.record("2025-CCAS-001", "facture", 2025, dt.date(2025, 12, 15), Decimal("121938.52"))
    register.record("2026-CCAS-001", "avoir", 2025, dt.date(2026, 1, 10), Decimal("-538.50"), corrige="2025-CCAS-001")
    register.record("2026-CCAS-002", "facture", 2026, dt.date(2026, 12, 15), Decimal("116112.00"))
    return tmp_path


def test_titre_of_a_years_invoice_is_a_new_register_line(root: Path) -> None:
    before = lines(root)
    result = invoke(
        "invoice", "--titre", "1234", "--bordereau", "56", "--year", "2025", "--date", "20/12/2025", str(root)
    )
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "Document N° 2025-CCAS-001 : Titre n° 1234 – Bordereau n° 56, enregistré au registre "
        "data/registre-factures.csv (les fichiers émis ne changent pas).\n"
    )
    assert lines(root) == [
        *before,
        [
            "2025-CCAS-001-titre",
            "titre",
            "2025",
            "2025-12-20",
            "121938,52",
            "2025-CCAS-001",
            "",
            "",
            "Titre n° 1234 – Bordereau n° 56",
            "",
            "",
            "",
        ],
    ]
    # the register reads back: three documents, and the titre of the first one
    register = Register.load(root / REGISTER_PATH)
    assert [e.numero for e in register.entries] == ["2025-CCAS-001", "2026-CCAS-001", "2026-CCAS-002"]
    assert register.find_invoice(2025).numero == "2025-CCAS-001"
    assert register.net_total(2025) == Decimal("121400.02")
    (titre,) = register.titres.values()
    assert (titre.document, titre.titre, titre.bordereau, titre.date) == (
        "2025-CCAS-001",
        "1234",
        "56",
        dt.date(2025, 12, 20),
    )
    assert str(titre.location) == "data/registre-factures.csv:5:1"
    assert register.titres == {"2025-CCAS-001": titre}


def test_titre_of_a_credit_note_names_it_and_keeps_its_negative_total(root: Path) -> None:
    result = invoke(
        "invoice",
        "--titre",
        "T-2026/7",
        "--bordereau",
        "B.2",
        "--facture",
        "2026-CCAS-001",
        "--date",
        "2026-01-12",
        str(root),
    )
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("Document N° 2026-CCAS-001 : Titre n° T-2026/7 – Bordereau n° B.2, enregistré")
    assert lines(root)[-1][:9] == [
        "2026-CCAS-001-titre",
        "titre",
        "2025",
        "2026-01-12",
        "-538,50",
        "2026-CCAS-001",
        "",
        "",
        "Titre n° T-2026/7 – Bordereau n° B.2",
    ]


def test_same_numbers_again_write_nothing_other_numbers_are_refused(root: Path) -> None:
    first = invoke(
        "invoice", "--titre", "1234", "--bordereau", "56", "--year", "2025", "--date", "20/12/2025", str(root)
    )
    assert first.exit_code == 0, first.output
    recorded = (root / REGISTER_PATH).read_bytes()
    again = invoke("invoice", "--titre", "1234", "--bordereau", "56", "--facture", "2025-CCAS-001", str(root))
    assert again.exit_code == 0, again.output
    assert (
        again.stderr
        == "Document N° 2025-CCAS-001 : Titre n° 1234 – Bordereau n° 56, déjà enregistré le 20 décembre 2025.\n"
    )
    for titre, bordereau in (("1235", "56"), ("1234", "57")):
        refused = invoke("invoice", "--titre", titre, "--bordereau", bordereau, "--year", "2025", str(root))
        assert refused.exit_code == 1
        assert refused.stderr == (
            "data/registre-factures.csv:5:1: erreur: le document N° 2025-CCAS-001 a déjà son titre de recettes : "
            "Titre n° 1234 – Bordereau n° 56, enregistré le 20 décembre 2025 [titre]\n"
            "    conseil : le registre est en ajout seul : vérifier les numéros dans le logiciel comptable ; "
            "un titre annulé se corrige par l'annulation du document (« ccas-docs invoice --annule »)\n"
            "1 erreur.\n"
        )
    assert (root / REGISTER_PATH).read_bytes() == recorded


def test_titre_for_a_document_or_a_year_not_issued_is_refused(root: Path, tmp_path: Path) -> None:
    before = (root / REGISTER_PATH).read_bytes()
    refused = invoke("invoice", "--titre", "1", "--bordereau", "1", "--facture", "2025-CCAS-009", str(root))
    assert refused.exit_code == 1
    assert refused.stderr == (
        "data/registre-factures.csv: erreur: aucun document émis sous le numéro « 2025-CCAS-009 » : le titre de "
        "recettes se rattache à un état de refacturation ou un avoir émis [titre]\n"
        "    conseil : derniers numéros enregistrés : 2025-CCAS-001, 2026-CCAS-001, 2026-CCAS-002\n"
        "1 erreur.\n"
    )
    refused = invoke("invoice", "--titre", "1", "--bordereau", "1", "--year", "2027", str(root))
    assert refused.exit_code == 1
    assert refused.stderr == (
        "data/registre-factures.csv: erreur: aucune facture émise pour l'exercice 2027 : le titre de recettes se "
        "rattache à un état de refacturation émis [titre]\n"
        "    conseil : émettre d'abord la facture : « ccas-docs invoice --year 2027 »\n"
        "1 erreur.\n"
    )
    assert (root / REGISTER_PATH).read_bytes() == before
    # the last three numbers only, and an empty register says so
    Register.load(root / REGISTER_PATH).record("2027-CCAS-001", "facture", 2027, dt.date(2027, 12, 15), Decimal("1"))
    refused = invoke("invoice", "--titre", "1", "--bordereau", "1", "--facture", "X", str(root))
    assert (
        "    conseil : derniers numéros enregistrés : 2026-CCAS-001, 2026-CCAS-002, 2027-CCAS-001\n" in refused.stderr
    )
    empty = tmp_path / "vide"
    empty.mkdir()
    refused = invoke("invoice", "--titre", "1", "--bordereau", "1", "--facture", "2025-CCAS-001", str(empty))
    assert refused.exit_code == 1
    assert "    conseil : derniers numéros enregistrés : aucun document émis\n" in refused.stderr
    assert not (empty / REGISTER_PATH).exists()


def test_hand_written_titre_line_is_named(tmp_path: Path) -> None:
    path = tmp_path / REGISTER_PATH
    chain = open_register(path, COLUMNS, shown=REGISTER_PATH)
    invoice = {"numero": "2025-CCAS-001", "type": "facture", "annee": "2025", "date": "2025-12-15", "total": "10,00"}
    titre = {**invoice, "numero": "2025-CCAS-001-titre", "type": "Titre", "corrige": "2025-CCAS-001"}
    with chain.locked():
        chain.append(
            invoice,
            {**titre, "objet": "Titre 12, bordereau 3"},
            {**titre, "objet": titre_objet("12", "3"), "date": "20/12/2025"},
            {**titre, "objet": titre_objet("12", "3"), "corrige": ""},
        )
    with pytest.raises(UserError) as exc:
        Register.load(path)
    hint = "le registre ne se modifie pas à la main : « ccas-docs invoice --titre N --bordereau N » l'écrit"
    assert [d.format() for d in exc.value.diagnostics] == [
        f"data/registre-factures.csv:3:1: erreur: ligne de titre de recettes illisible : « Titre 12, bordereau 3 » "
        f"(2025-12-15) [registre]\n    conseil : {hint}",
        f"data/registre-factures.csv:4:1: erreur: ligne de titre de recettes illisible : « Titre n° 12 – Bordereau "
        f"n° 3 » (20/12/2025) [registre]\n    conseil : {hint}",
        f"data/registre-factures.csv:5:1: erreur: ligne de titre de recettes illisible : « Titre n° 12 – Bordereau "
        f"n° 3 » (2025-12-15) [registre]\n    conseil : {hint}",
    ]


def test_a_titre_line_in_capitals_is_still_a_titre(tmp_path: Path) -> None:
    path = tmp_path / REGISTER_PATH
    chain = open_register(path, COLUMNS, shown=REGISTER_PATH)
    invoice = {"numero": "2025-CCAS-001", "type": "facture", "annee": "2025", "date": "2025-12-15", "total": "10,00"}
    with chain.locked():
        chain.append(
            invoice,
            {
                **invoice,
                "numero": "2025-CCAS-001-titre",
                "type": "TITRE",
                "corrige": "2025-CCAS-001",
                "objet": titre_objet("7", "8"),
                "date": "2025-12-20",
            },
        )
    register = Register.load(path)
    assert [e.numero for e in register.entries] == ["2025-CCAS-001"]
    assert (register.titres["2025-CCAS-001"].titre, register.titres["2025-CCAS-001"].bordereau) == ("7", "8")


@pytest.mark.parametrize("number", ["1234", "T-2026/7", "A.b_9", "X" * 30])
def test_accounting_numbers_accepted(number: str) -> None:
    assert NUMBER.match(number)


@pytest.mark.parametrize("number", ["", "-12", " 12", "12 ", "1;2", "X" * 31, "n°12"])
def test_accounting_numbers_refused(number: str, root: Path) -> None:
    assert not NUMBER.match(number)
    result = invoke("invoice", "--titre", number, "--bordereau", "5", "--year", "2025", str(root))
    assert result.exit_code == 2 and f"--titre « {number} » invalide" in result.output


@pytest.mark.parametrize("option", ["--titre", "--bordereau"])
def test_number_ending_with_a_newline_is_refused_before_the_register_is_touched(option: str, root: Path) -> None:
    """A number pasted with its line end (« 1234⏎ ») was accepted: the register got a titre line it could
    not read back (« Titre n° 1234  – Bordereau… »), the command stopped on an internal error (code 3)
    and every later ``invoice`` refused the register as hand-edited."""
    before = (root / REGISTER_PATH).read_bytes()
    values = {"--titre": "1234", "--bordereau": "56", option: "1234\n"}
    result = invoke("invoice", *[x for pair in values.items() for x in pair], "--year", "2025", str(root))
    assert result.exit_code == 2, result.output
    assert f"{option} « 1234\n » invalide : le numéro donné par le logiciel comptable" in result.output
    assert (root / REGISTER_PATH).read_bytes() == before
    assert Register.load(root / REGISTER_PATH).titres == {}
