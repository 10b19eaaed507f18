"""THE MATCHING GUARANTEE: the convention and the invoice say the same thing, fiche by fiche.

The convention is composed as it is printed (:func:`ccas_docs.compose.convention.compose_all`); for
every fiche, the rate and the services named in its generated « Coût à prendre en charge »
paragraph, and its row of the financial table of the « Modalités financières » article, must equal
the rate and the services of that fiche's invoice lines: in the ledger, and in the état de
refacturation as composed. The documents print the facts in French typography (``typeset``: ’,
« Porto‑Vecchio », « – »): each fact is compared in the form the documents print it.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest

from ccas_docs.billing.costs import read_costs
from ccas_docs.billing.ledger import Ledger, LedgerLine, build_ledger, default_costs_path, default_payroll_path
from ccas_docs.billing.payroll import read_payroll
from ccas_docs.checks.rules import validated
from ccas_docs.common import fr
from ccas_docs.common.typography import typeset
from ccas_docs.compose.convention import compose_all
from ccas_docs.compose.invoice import InvoiceHeader, compose_invoice
from ccas_docs.document.tree import Document, Heading, Paragraph, Table
from ccas_docs.model.project import Project, load_project

ROOT = Path(__file__).resolve().parents[1]
YEAR = 2025
_RATE = re.compile(r"fixé à (\d+(?:,\d+)?)\u202f%")


@pytest.fixture(scope="module")
def project() -> Project:
    return load_project(ROOT)


@pytest.fixture(scope="module")
def documents(project: Project) -> list[Document]:
    _, numbering = validated(project)
    return compose_all(project, numbering)


@pytest.fixture(scope="module")
def ledger(project: Project) -> Ledger:
    payroll_path = default_payroll_path(ROOT, YEAR)
    shown = payroll_path.relative_to(ROOT).as_posix()
    costs_path = default_costs_path(ROOT, YEAR)
    return build_ledger(
        project,
        YEAR,
        read_payroll(payroll_path, shown),
        read_costs(costs_path, costs_path.relative_to(ROOT).as_posix()),
        shown,
    )


def lines_of(ledger: Ledger, fiche_id: str) -> list[LedgerLine]:
    return [line for line in ledger.lines if line.fiche_id == fiche_id]


def text_of(cell) -> str:  # type: ignore[no-untyped-def]
    return " ".join(getattr(part, "text", "") for part in cell.content)


def cost_paragraph(doc: Document, fiche_id: str) -> str:
    """The first paragraph after the fiche's generated « Coût à prendre en charge » heading."""
    body = list(doc.body)
    (index,) = [i for i, b in enumerate(body) if isinstance(b, Heading) and b.anchor == f"{fiche_id}-cout"]
    assert "Coût à prendre en charge" in body[index].text
    return next(b.text for b in body[index + 1 :] if isinstance(b, Paragraph))


def financial_table(doc: Document) -> Table:
    """The table of the « Modalités financières » article."""
    body = list(doc.body)
    (index,) = [i for i, b in enumerate(body) if isinstance(b, Heading) and "Modalités financières" in b.text]
    table = next(b for b in body[index + 1 :] if isinstance(b, Table))
    assert [text_of(c) for c in table.header][:4] == ["Annexe", "Fonction", "Base de calcul", "Taux"]
    return table


def rate_in(sentence: str) -> Decimal:
    rates = _RATE.findall(sentence)
    assert len(rates) == 1, sentence
    return Decimal(rates[0].replace(",", "."))


def services_named(project: Project, sentence: str) -> set[str]:
    return {s.libelle for s in project.organisation.model.services if typeset(s.libelle) in sentence}


def test_every_fiche_is_billed(project: Project, ledger: Ledger) -> None:
    assert [f.model.id for f in project.fiches] == list(dict.fromkeys(line.fiche_id for line in ledger.lines))


def test_cost_clause_of_each_fiche_matches_its_invoice_lines(
    project: Project, documents: list[Document], ledger: Ledger
) -> None:
    convention = documents[0]
    for loaded in project.fiches:
        fiche_id = loaded.model.id
        lines = lines_of(ledger, fiche_id)
        assert lines, fiche_id
        for doc in (convention, next(d for d in documents[1:] if d.name.endswith(f"-{fiche_id}"))):
            sentence = cost_paragraph(doc, fiche_id)
            assert {rate_in(sentence)} == {line.rate for line in lines}, (fiche_id, sentence)
            assert services_named(project, sentence) == {line.service_label for line in lines}, (fiche_id, sentence)
            assert typeset(f"de l'année N-{YEAR - lines[0].reference_year}") in sentence


def test_financial_table_matches_the_invoice_fiche_by_fiche(
    project: Project, documents: list[Document], ledger: Ledger
) -> None:
    table = financial_table(documents[0])
    assert len(table.rows) == len(project.fiches)
    for row, loaded in zip(table.rows, project.fiches, strict=True):
        annex, title, base, rate = (text_of(c) for c in row[:4])
        lines = lines_of(ledger, loaded.model.id)
        assert {f"Annexe {line.annex_number}" for line in lines} == {annex}
        assert {typeset(line.fiche_title) for line in lines} == {title}
        assert {fr.percent(line.rate) for line in lines} == {rate}
        assert services_named(project, base) == {line.service_label for line in lines}


def test_composed_invoice_shows_the_convention_rates(
    project: Project, documents: list[Document], ledger: Ledger
) -> None:
    """Read back from the état de refacturation as composed: same fiche, services and rate as the contract."""
    invoice = compose_invoice(
        project, ledger, InvoiceHeader("2025-CCAS-001", "facture", dt.date(2025, 12, 15), dt.date(2026, 1, 14))
    )
    table = next(
        b for b in invoice.body if isinstance(b, Table) and b.header and text_of(b.header[0]) == "Fiche annexe"
    )
    contract = {text_of(row[0]): text_of(row[3]) for row in financial_table(documents[0]).rows}
    seen: dict[str, set[str]] = {}
    fiche = ""
    for row in table.rows:
        cells = [text_of(c) for c in row]
        if len(cells) == 6:  # a fiche's first row (its label spans its services)
            fiche = cells[0]
            cells = cells[1:]
        service, _, rate = cells[0], cells[1], cells[2]
        annex = fiche.split(" – ")[0]
        assert rate == contract[annex], (fiche, service)
        seen.setdefault(annex, set()).add(service)
    assert list(seen) == list(contract)
    for loaded in project.fiches:
        lines = lines_of(ledger, loaded.model.id)
        annex = f"Annexe {lines[0].annex_number}"
        assert seen[annex] == {typeset(f"{line.service_label} ({line.service_code})") for line in lines}
