"""Bad (and tolerated) billing inputs: each problem has its French message and its exact file:line:col."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from ccas_docs.billing.cells import parse_amount
from ccas_docs.billing.costs import CostRow, read_costs
from ccas_docs.billing.ledger import build_ledger, default_costs_path, default_payroll_path
from ccas_docs.billing.payroll import PayrollRow, read_payroll
from ccas_docs.common.diagnostics import UserError
from ccas_docs.model.project import Project, load_project

ROOT = Path(__file__).resolve().parents[1]
PAYROLL = "charges.csv"
COSTS = "frais.csv"


@pytest.fixture(scope="module")
def project() -> Project:
    return load_project(ROOT)


@pytest.fixture(scope="module")
def codes(project: Project) -> list[str]:
    return [s.code for s in project.organisation.model.services]


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def problems(exc: pytest.ExceptionInfo[UserError]) -> list[tuple[str, str]]:
    return [(str(d.location), d.message) for d in exc.value.diagnostics]


def full_payroll(codes: list[str], year: int = 2024, extra: str = "") -> str:
    """A valid payroll file for every service (line k + 2 for codes[k]), plus ``extra`` lines."""
    lines = ["service;annee;montant", *(f"{code};{year};{100_000 + 1_000 * i},00" for i, code in enumerate(codes))]
    return "\n".join(lines) + "\n" + extra


def ledger_problems(project: Project, payroll: list[PayrollRow], costs: list[CostRow], year: int = 2025):
    with pytest.raises(UserError) as exc:
        build_ledger(project, year, payroll, costs, PAYROLL)
    return problems(exc)


def line_of(path: Path, prefix: str) -> int:
    """1-based number of the first line of ``path`` that starts with ``prefix``."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith(prefix):
            return number
    raise AssertionError(f"{prefix!r} not in {path}")


# --- payroll file: reading ---------------------------------------------------------------------------


def test_empty_file(tmp_path: Path) -> None:
    path = write(tmp_path, PAYROLL, b"")
    with pytest.raises(UserError) as exc:
        read_payroll(path, PAYROLL)
    assert problems(exc) == [("charges.csv:1:1", "le fichier est vide")]


def test_blank_lines_only_is_empty(tmp_path: Path) -> None:
    path = write(tmp_path, PAYROLL, "\n  \n;;\n")
    with pytest.raises(UserError) as exc:
        read_payroll(path, PAYROLL)
    assert problems(exc) == [("charges.csv:1:1", "le fichier est vide")]


def test_unknown_encoding(tmp_path: Path) -> None:
    # 0x81 and 0x8d are neither UTF-8 here nor defined in Windows-1252
    path = write(tmp_path, PAYROLL, b"service;annee;montant\nDRH;2024;\x81\x8d\n")
    with pytest.raises(UserError) as exc:
        read_payroll(path, PAYROLL)
    [(where, message)] = problems(exc)
    assert where == "charges.csv:2:10"
    assert message == "encodage inconnu : l'octet 0x81 n'est valide ni en UTF-8 ni en Windows-1252"
    assert "CSV UTF-8" in exc.value.diagnostics[0].hint


def test_control_characters_are_not_windows_1252(tmp_path: Path) -> None:
    path = write(tmp_path, PAYROLL, b"service;annee;montant\nDRH;2024;1\x00\xe9\n")
    with pytest.raises(UserError) as exc:
        read_payroll(path, PAYROLL)
    [(where, message)] = problems(exc)
    assert where == "charges.csv:2:11"
    assert message.startswith("encodage inconnu : caractère de contrôle 0x00")


def test_cp1252_file_accepted(tmp_path: Path) -> None:
    text = "Service;Année;Montant;Nature\r\nDRH;2024;612\u00a0345,67 €;prévisionnel\r\nDSI;2024;356 420,00;Réalisé\r\n"
    path = write(tmp_path, PAYROLL, text.encode("cp1252"))
    rows = read_payroll(path, PAYROLL)
    assert [(r.service, r.annee, r.montant, r.previsionnel) for r in rows] == [
        ("DRH", 2024, Decimal("612345.67"), True),
        ("DSI", 2024, Decimal("356420.00"), False),
    ]
    assert [str(r.location) for r in rows] == ["charges.csv:2:1", "charges.csv:3:1"]


def test_utf8_bom_accepted(tmp_path: Path) -> None:
    path = write(tmp_path, PAYROLL, "\ufeffservice;annee;montant\nDRH;2024;612 345,67\n".encode())
    [row] = read_payroll(path, PAYROLL)
    assert (row.service, row.annee, row.montant, row.previsionnel) == ("DRH", 2024, Decimal("612345.67"), False)


def test_comma_separator_with_decimal_point_accepted(tmp_path: Path) -> None:
    path = write(tmp_path, PAYROLL, ' Service , ANNEE , montant\nDRH,2024,612345.67\nDSI,2024,"356420,5"\n')
    rows = read_payroll(path, PAYROLL)
    assert [(r.service, r.montant) for r in rows] == [("DRH", Decimal("612345.67")), ("DSI", Decimal("356420.50"))]
    assert str(rows[1].at("montant")) == "charges.csv:3:10"


def test_narrow_no_break_space_thousands_accepted(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        PAYROLL,
        "service;annee;montant\nDRH;2024;1\u202f234\u202f567,89\nDSI;2024;1\u00a0234,50\u202f€\nCOM;2024;2 000\n",
    )
    assert [r.montant for r in read_payroll(path, PAYROLL)] == [
        Decimal("1234567.89"),
        Decimal("1234.50"),
        Decimal("2000.00"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 234 567,89", Decimal("1234567.89")),
        ("1.234,56", Decimal("1234.56")),
        ("1,234.56", Decimal("1234.56")),
        ("12,5", Decimal("12.5")),
        ("€ 12", Decimal("12")),
        ("-4,20", Decimal("-4.20")),
        ("12a", None),
        ("1 23", None),
        ("", None),
    ],
)
def test_parse_amount(text: str, expected: Decimal | None) -> None:
    assert parse_amount(text) == expected


def test_xlsx_accepted(tmp_path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Service", "Année", "Montant", "Nature"])
    sheet.append(["DRH", 2024, 612345.67, None])
    sheet.append(["DSI", "2024", "356 420,00", "prévisionnel"])
    path = tmp_path / "charges.xlsx"
    workbook.save(path)
    rows = read_payroll(path, "charges.xlsx")
    assert [(r.service, r.annee, r.montant, r.previsionnel) for r in rows] == [
        ("DRH", 2024, Decimal("612345.67"), False),
        ("DSI", 2024, Decimal("356420.00"), True),
    ]
    assert str(rows[1].location) == "charges.xlsx:3:1"


def test_xlsx_problem_located_at_row_and_column(tmp_path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["service", "annee", "montant"])
    sheet.append(["DRH", 2024, 612345.67])
    sheet.append(["DSI", 2024, "beaucoup"])
    path = tmp_path / "charges.xlsx"
    workbook.save(path)
    with pytest.raises(UserError) as exc:
        read_payroll(path, "charges.xlsx")
    assert problems(exc) == [
        (
            "charges.xlsx:3:3",
            "montant « beaucoup » illisible : écrire un nombre, par exemple « 1 234,56 »",
        )
    ]


def test_non_numeric_amount(tmp_path: Path) -> None:
    path = write(tmp_path, PAYROLL, "service;annee;montant\nDRH;2024;612 345,67\nDSI;2024;12a\n")
    with pytest.raises(UserError) as exc:
        read_payroll(path, PAYROLL)
    assert problems(exc) == [
        ("charges.csv:3:10", "montant « 12a » illisible : écrire un nombre, par exemple « 1 234,56 »"),
    ]


def test_negative_amount(tmp_path: Path) -> None:
    path = write(tmp_path, PAYROLL, "service;annee;montant\nDSI;2024;-356 420,00\n")
    with pytest.raises(UserError) as exc:
        read_payroll(path, PAYROLL)
    assert problems(exc) == [
        ("charges.csv:2:10", "montant « -356 420,00 » négatif : des charges de personnel ne sont jamais négatives"),
    ]


def test_more_than_two_decimals_is_ambiguous(tmp_path: Path) -> None:
    path = write(tmp_path, PAYROLL, "service;annee;montant\nDSI;2024;1,234\n")
    with pytest.raises(UserError) as exc:
        read_payroll(path, PAYROLL)
    assert problems(exc) == [("charges.csv:2:10", "montant « 1,234 » : deux décimales au plus (les centimes)")]


def test_duplicate_row_names_the_first_line(tmp_path: Path) -> None:
    path = write(
        tmp_path, PAYROLL, "service;annee;montant\nDRH;2024;612 345,67\nDSI;2024;356 420,00\nDRH;2024;1 000,00\n"
    )
    with pytest.raises(UserError) as exc:
        read_payroll(path, PAYROLL)
    assert problems(exc) == [("charges.csv:4:1", "service « DRH » en double : déjà présent ligne 2")]


def test_missing_and_unknown_columns(tmp_path: Path) -> None:
    path = write(tmp_path, PAYROLL, "service;anne;montant\nDRH;2024;612 345,67\n")
    with pytest.raises(UserError) as exc:
        read_payroll(path, PAYROLL)
    assert problems(exc) == [
        ("charges.csv:1:1", "colonne « annee » manquante"),
        ("charges.csv:1:9", "colonne « anne » inconnue : vouliez-vous dire « annee » ?"),
    ]


def test_header_missing(tmp_path: Path) -> None:
    path = write(tmp_path, PAYROLL, "DRH;2024;612 345,67\n")
    with pytest.raises(UserError) as exc:
        read_payroll(path, PAYROLL)
    [(where, message)] = problems(exc)
    assert where == "charges.csv:1:1"
    assert message == "en-tête « DRH;2024;612 345,67 » non reconnu : la première ligne doit nommer les colonnes"


def test_all_problems_of_a_file_at_once(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        PAYROLL,
        "service;annee;montant;nature\nDRH;24;612 345,67;\nDSI;2024;12a;\n;2024;1,00;\nCOM;2024;-5;devis\n",
    )
    with pytest.raises(UserError) as exc:
        read_payroll(path, PAYROLL)
    assert problems(exc) == [
        ("charges.csv:2:5", "année « 24 » illisible : écrire l'année sur quatre chiffres, par exemple « 2024 »"),
        ("charges.csv:3:10", "montant « 12a » illisible : écrire un nombre, par exemple « 1 234,56 »"),
        ("charges.csv:4:1", "code de service manquant"),
        ("charges.csv:5:10", "montant « -5 » négatif : des charges de personnel ne sont jamais négatives"),
        ("charges.csv:5:13", "nature « devis » inconnue : écrire « réalisé » ou « prévisionnel »"),
    ]


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(UserError) as exc:
        read_payroll(tmp_path / PAYROLL, PAYROLL)
    assert problems(exc) == [("charges.csv", "fichier introuvable")]


# --- payroll against the convention ---------------------------------------------------------------


def test_missing_services_all_listed(tmp_path: Path, project: Project) -> None:
    path = write(
        tmp_path,
        PAYROLL,
        "service;annee;montant\nDGA-PR;2024;1,00\nFIN-AP;2024;1,00\nDSI;2024;1,00\nDRH;2024;1,00\n",
    )
    found = ledger_problems(project, read_payroll(path, PAYROLL), [])
    # every billed service absent from the file, each located just after the file's last row
    assert found == [
        ("charges.csv:6:1", "service « COM » absent du fichier des charges de personnel 2024"),
        ("charges.csv:6:1", "service « DAG-AJC » absent du fichier des charges de personnel 2024"),
        ("charges.csv:6:1", "service « DST-BAT » absent du fichier des charges de personnel 2024"),
        ("charges.csv:6:1", "service « DST-VL » absent du fichier des charges de personnel 2024"),
        ("charges.csv:6:1", "service « DST-EV » absent du fichier des charges de personnel 2024"),
        ("charges.csv:6:1", "service « DST-ADM » absent du fichier des charges de personnel 2024"),
    ]


def test_missing_service_hint_names_the_fiches(tmp_path: Path, project: Project, codes: list[str]) -> None:
    path = write(tmp_path, PAYROLL, full_payroll([c for c in codes if c != "COM"]))
    with pytest.raises(UserError) as exc:
        build_ledger(project, 2025, read_payroll(path, PAYROLL), [], PAYROLL)
    [diagnostic] = exc.value.diagnostics
    assert str(diagnostic.location) == f"charges.csv:{len(codes) + 1}:1"
    assert diagnostic.message == "service « COM » absent du fichier des charges de personnel 2024"
    assert diagnostic.hint == (
        "les fiches « dga » (annexe 1) et « communication » (annexe 7) sont facturées sur ce service : "
        "ajouter la ligne « COM;2024;montant »"
    )


def test_unknown_service_code_with_suggestion(tmp_path: Path, project: Project, codes: list[str]) -> None:
    path = write(tmp_path, PAYROLL, full_payroll(codes, extra="DRHH;2024;1 000,00\n"))
    found = ledger_problems(project, read_payroll(path, PAYROLL), [])
    assert found == [(f"charges.csv:{len(codes) + 2}:1", "service « DRHH » inconnu : vouliez-vous dire « DRH » ?")]


def test_unknown_service_code_case(tmp_path: Path, project: Project, codes: list[str]) -> None:
    path = write(tmp_path, PAYROLL, full_payroll(codes, extra="com;2024;1 000,00\n"))
    found = ledger_problems(project, read_payroll(path, PAYROLL), [])
    assert found == [(f"charges.csv:{len(codes) + 2}:1", "service « com » inconnu : vouliez-vous dire « COM » ?")]


def test_row_for_another_year(tmp_path: Path, project: Project, codes: list[str]) -> None:
    text = full_payroll(codes).replace("DRH;2024;", "DRH;2023;")
    path = write(tmp_path, PAYROLL, text)
    found = ledger_problems(project, read_payroll(path, PAYROLL), [])
    assert found == [
        (
            f"charges.csv:{codes.index('DRH') + 2}:5",
            "ligne pour 2023 : ce fichier doit contenir les charges de l'année 2024 (N-1)",
        )
    ]


def test_year_outside_duration(project: Project) -> None:
    conv = ROOT / "convention.yaml"
    with pytest.raises(UserError) as exc:
        build_ledger(project, 2028, [], [], PAYROLL)
    line = line_of(conv, "duree_ans:")
    assert problems(exc) == [
        (
            f"convention.yaml:{line}:{len('duree_ans: ') + 1}",
            "année 2028 hors de la durée de la convention : elle couvre les années 2025 à 2027 "
            "(effet au 1er janvier 2025, pour 3 ans)",
        )
    ]
    assert exc.value.diagnostics[0].hint == "choisir une année de 2025 à 2027, ou prolonger la convention par avenant"
    with pytest.raises(UserError) as exc:
        build_ledger(project, 2024, [], [], PAYROLL)
    [(where, message)] = problems(exc)
    assert where == f"convention.yaml:{line_of(conv, 'date_effet:')}:{len('date_effet: ') + 1}"
    assert message.startswith("année 2024 hors de la durée de la convention : elle couvre les années 2025 à 2027")


# --- costs file ---------------------------------------------------------------------------------------

COSTS_HEADER = "fiche;nature;date;libelle;montant;justificatif\n"


@pytest.fixture
def payroll(tmp_path: Path, codes: list[str]) -> list[PayrollRow]:
    return read_payroll(write(tmp_path, PAYROLL, full_payroll(codes)), PAYROLL)


def test_missing_costs_file_means_no_reimbursement(tmp_path: Path) -> None:
    assert read_costs(tmp_path / COSTS, COSTS) == []
    with pytest.raises(UserError) as exc:
        read_costs(tmp_path / COSTS, COSTS, missing_ok=False)
    assert problems(exc) == [("frais.csv", "fichier introuvable")]


def test_costs_read(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        COSTS,
        COSTS_HEADER + "technique;travaux;2025-04-22;Chauffe-eau;3 480,00;Mandat 2025-0655\n"
        "communication;impression;14/05/2025;Plaquettes;2340;\n",
    )
    rows = read_costs(path, COSTS)
    assert [(r.fiche, r.nature, r.date, r.montant, r.justificatif) for r in rows] == [
        ("technique", "travaux", dt.date(2025, 4, 22), Decimal("3480.00"), "Mandat 2025-0655"),
        ("communication", "impression", dt.date(2025, 5, 14), Decimal("2340.00"), ""),
    ]


def test_costs_bad_date_and_amount(tmp_path: Path) -> None:
    path = write(tmp_path, COSTS, COSTS_HEADER + "technique;travaux;31/02/2025;Chauffe-eau;-3 480,00;M-1\n")
    with pytest.raises(UserError) as exc:
        read_costs(path, COSTS)
    assert problems(exc) == [
        ("frais.csv:2:19", "date « 31/02/2025 » invalide : écrire JJ/MM/AAAA, par exemple « 15/03/2025 »"),
        (
            "frais.csv:2:42",
            "montant « -3 480,00 » négatif : un remboursement est positif ; pour corriger une ligne, la modifier",
        ),
    ]


def test_reimbursement_for_unknown_fiche(tmp_path: Path, project: Project, payroll: list[PayrollRow]) -> None:
    path = write(tmp_path, COSTS, COSTS_HEADER + "technque;travaux;22/04/2025;Chauffe-eau;3 480,00;M-1\n")
    found = ledger_problems(project, payroll, read_costs(path, COSTS))
    assert found == [("frais.csv:2:1", "fiche « technque » inconnue : vouliez-vous dire « technique » ?")]


def test_reimbursement_nature_not_declared(tmp_path: Path, project: Project, payroll: list[PayrollRow]) -> None:
    path = write(
        tmp_path,
        COSTS,
        COSTS_HEADER
        + "technique;carburant;22/04/2025;Gazole;80,00;M-1\nrh;affranchissement;22/04/2025;Timbres;8,00;M-2\n",
    )
    found = ledger_problems(project, payroll, read_costs(path, COSTS))
    assert found == [
        (
            "frais.csv:2:11",
            "nature « carburant » non prévue par la fiche « technique » (natures prévues : « astreinte »)",
        ),
        (
            "frais.csv:3:4",
            "la fiche « rh » ne prévoit aucun remboursement de frais (nature « affranchissement »)",
        ),
    ]


def test_reimbursement_dated_outside_year(tmp_path: Path, project: Project, payroll: list[PayrollRow]) -> None:
    path = write(tmp_path, COSTS, COSTS_HEADER + "technique;astreinte;15/12/2024;Astreinte;348,00;M-1\n")
    found = ledger_problems(project, payroll, read_costs(path, COSTS))
    assert found == [
        (
            "frais.csv:2:21",
            "frais daté du 15/12/2024 : seuls les frais de l'année 2025 sont remboursés sur la facture 2025",
        )
    ]


def test_ledger_reports_every_input_problem_at_once(tmp_path: Path, project: Project, codes: list[str]) -> None:
    payroll_path = write(tmp_path, PAYROLL, full_payroll([c for c in codes if c != "DSI"], extra="DRHH;2024;1,00\n"))
    costs_path = write(tmp_path, COSTS, COSTS_HEADER + "technque;travaux;22/04/2025;Chauffe-eau;3 480,00;M-1\n")
    found = ledger_problems(project, read_payroll(payroll_path, PAYROLL), read_costs(costs_path, COSTS))
    assert [message.split(" :")[0] for _, message in found] == [
        "service « DRHH » inconnu",
        "service « DSI » absent du fichier des charges de personnel 2024",
        "fiche « technque » inconnue",
    ]


# --- default paths ------------------------------------------------------------------------------------


def test_default_paths(tmp_path: Path) -> None:
    assert default_payroll_path(tmp_path, 2025) == tmp_path / "data/charges-personnel/2024.csv"
    assert default_costs_path(tmp_path, 2025) == tmp_path / "data/frais/2025.csv"
    folder = tmp_path / "data/charges-personnel"
    folder.mkdir(parents=True)
    (folder / "2024.xlsx").write_bytes(b"")
    assert default_payroll_path(tmp_path, 2025) == folder / "2024.xlsx"
    (folder / "2024.csv").write_text("service;annee;montant\n", encoding="utf-8")
    assert default_payroll_path(tmp_path, 2025) == folder / "2024.csv"
