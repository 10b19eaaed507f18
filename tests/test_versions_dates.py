"""The dates of the consolidation (versions/consolidate.py): which version is in force on a day, the
parts of a billed year, the last day of the convention as amended, and the message for a date or a
year outside it. Found by mutation testing (``benchmarks/mutation.py versions``)."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import ProjectCopy
from test_versions import RATE, without_avenants, write_avenant

from ccas_docs.common.diagnostics import UserError
from ccas_docs.model.project import Project, load_project
from ccas_docs.versions.consolidate import consolidate, convention_end, periods, versions_of, years_of

D = dt.date
NO1, NO2 = "avenant n\u00b0\u00a01", "avenant n\u00b0\u00a02"
HINT = "choisir une date de la période de la convention, ou la prolonger par avenant"
LONGER = "  - convention: {champ: duree_ans, valeur: 5}\n"


@pytest.fixture
def bare(project: ProjectCopy) -> ProjectCopy:
    without_avenants(project)
    return project


@pytest.fixture
def two(bare: ProjectCopy) -> tuple[ProjectCopy, Project]:
    """A rate changed on 1 March 2026, then the convention extended to five years on 1 June 2027."""
    write_avenant(bare, 1, "2026-03-01", RATE.format(rate="3 %"))
    write_avenant(bare, 2, "2027-06-01", LONGER)
    return bare, load_project(bare.root)


def _error(exc: pytest.ExceptionInfo[UserError]) -> str:
    (d,) = exc.value.diagnostics
    return d.format()


def test_each_version_its_day_and_its_end(two: tuple[ProjectCopy, Project]) -> None:
    _, project = two
    assert [(v.label, v.date, v.end) for v in versions_of(project)] == [
        ("convention initiale", D(2025, 1, 1), D(2027, 12, 31)),
        (NO1, D(2026, 3, 1), D(2027, 12, 31)),
        (NO2, D(2027, 6, 1), D(2029, 12, 31)),
    ]
    assert [a.numero for a in versions_of(project)[2].avenants] == [1, 2]
    assert list(years_of(project)) == [2025, 2026, 2027, 2028, 2029]


@pytest.mark.parametrize(
    ("day", "label"),
    [
        (D(2025, 1, 1), "convention initiale"),
        (D(2026, 2, 28), "convention initiale"),
        (D(2026, 3, 1), NO1),
        (D(2027, 5, 31), NO1),
        (D(2027, 6, 1), NO2),
        (D(2027, 12, 31), NO2),
        (D(2029, 12, 31), NO2),
    ],
)
def test_the_version_in_force_on_a_day(two: tuple[ProjectCopy, Project], day: dt.date, label: str) -> None:
    assert consolidate(two[1], day).label == label


@pytest.mark.parametrize(
    ("year", "parts"),
    [
        (2025, [(D(2025, 1, 1), D(2025, 12, 31), "convention initiale")]),
        (2026, [(D(2026, 1, 1), D(2026, 2, 28), "convention initiale"), (D(2026, 3, 1), D(2026, 12, 31), NO1)]),
        (2027, [(D(2027, 1, 1), D(2027, 5, 31), NO1), (D(2027, 6, 1), D(2027, 12, 31), NO2)]),
        (2029, [(D(2029, 1, 1), D(2029, 12, 31), NO2)]),
    ],
)
def test_the_parts_of_a_year(two: tuple[ProjectCopy, Project], year: int, parts: list[tuple]) -> None:
    assert [(s, e, v.label) for s, e, v in periods(two[1], year)] == parts


def test_a_day_outside_the_amended_convention(two: tuple[ProjectCopy, Project]) -> None:
    bare, project = two
    with pytest.raises(UserError) as exc:
        consolidate(project, D(2030, 1, 1))
    assert _error(exc) == (
        f"{bare.at('avenants/002-essai.yaml', '5}')}: erreur: le 1er janvier 2030 est hors de la convention : "
        f"elle s'applique du 1er janvier 2025 au 31 décembre 2029 (durée fixée par l'{NO2}) [hors-convention]\n"
        f"    conseil : {HINT}"
    )


def test_a_year_outside_the_amended_convention(two: tuple[ProjectCopy, Project]) -> None:
    bare, project = two
    with pytest.raises(UserError) as exc:
        periods(project, 2030)
    assert _error(exc) == (
        f"{bare.at('avenants/002-essai.yaml', '5}')}: erreur: l'année 2030 n'est pas entièrement couverte par la "
        f"convention : elle s'applique du 1er janvier 2025 au 31 décembre 2029 (durée fixée par l'{NO2}) "
        f"[hors-convention]\n    conseil : {HINT}"
    )


def test_a_year_before_the_convention(bare: ProjectCopy) -> None:
    project = load_project(bare.root)
    with pytest.raises(UserError) as exc:
        periods(project, 2024)
    assert _error(exc) == (
        f"{bare.value_at('convention.yaml', 'date_effet: 2025-01-01')}: erreur: l'année 2024 n'est pas "
        "entièrement couverte par la convention : elle s'applique du 1er janvier 2025 au 31 décembre 2027 "
        f"[hors-convention]\n    conseil : {HINT}"
    )


def test_a_convention_from_29_february(bare: ProjectCopy) -> None:
    """Three years from 29 February 2024 end on 28 February 2027; its first and last years are billed whole."""
    bare.edit("convention.yaml", "date_effet: 2025-01-01", "date_effet: 2024-02-29")
    project = load_project(bare.root)
    assert consolidate(project, D(2027, 2, 28)).label == "convention initiale"
    with pytest.raises(UserError) as exc:
        consolidate(project, D(2027, 3, 1))
    assert _error(exc) == (
        f"{bare.value_at('convention.yaml', 'duree_ans: 3')}: erreur: le 1er mars 2027 est hors de la convention : "
        f"elle s'applique du 29 février 2024 au 28 février 2027 [hors-convention]\n    conseil : {HINT}"
    )
    with pytest.raises(UserError) as exc:
        consolidate(project, D(2024, 2, 28))
    assert "le 28 février 2024 est hors de la convention" in _error(exc)
    assert list(years_of(project)) == [2024, 2025, 2026, 2027]
    assert [(s, e) for s, e, _ in periods(project, 2024)] == [(D(2024, 1, 1), D(2024, 12, 31))]
    assert [(s, e) for s, e, _ in periods(project, 2027)] == [(D(2027, 1, 1), D(2027, 12, 31))]


@pytest.mark.parametrize(
    ("start", "years", "end"),
    [
        (D(2024, 2, 29), 1, D(2025, 2, 28)),
        (D(2024, 2, 29), 4, D(2028, 2, 28)),  # 29 February again: the day before it
        (D(2025, 3, 1), 3, D(2028, 2, 29)),
        (D(2025, 1, 1), 2, D(2026, 12, 31)),
    ],
)
def test_the_last_day_of_a_convention(bare: ProjectCopy, start: dt.date, years: int, end: dt.date) -> None:
    conv = load_project(bare.root).convention.model
    assert convention_end(conv.model_copy(update={"date_effet": start, "duree_ans": years})) == end


def test_an_avenant_may_take_effect_in_the_years_an_earlier_one_added(bare: ProjectCopy) -> None:
    write_avenant(bare, 1, "2026-01-01", LONGER)
    write_avenant(bare, 2, "2029-01-01", RATE.format(rate="2 %"))
    write_avenant(bare, 3, "2030-01-01", RATE.format(rate="1 %"), name="avenants/003-apres.yaml")
    run = bare.check()
    (err,) = run.errors
    assert err.location == bare.value_at("avenants/003-apres.yaml", "date_effet: 2030-01-01")
    assert err.message == (
        "date d'effet 1er janvier 2030 hors de la période de la convention (du 1er janvier 2025 au 31 décembre 2029)"
    )
    assert err.code == "date-effet"


def test_a_version_lists_the_avenants_it_includes_in_effective_date_order(bare: ProjectCopy) -> None:
    """Listed 2, 1, 3 in convention.yaml; each version's « avenants: » says which it includes, where listed."""
    write_avenant(bare, 2, "2027-01-01", RATE.format(rate="2 %"))
    write_avenant(
        bare, 1, "2026-01-01", "  - convention: {champ: tribunal, valeur: tribunal administratif d'Ajaccio}\n"
    )
    write_avenant(bare, 3, "2027-06-01", RATE.format(rate="1 %"))
    listed = {n: bare.at("convention.yaml", f"avenants/00{n}-essai.yaml") for n in (1, 2, 3)}
    included = []
    for version in versions_of(load_project(bare.root))[1:]:
        conv = version.project.convention
        included.append(
            [(path, str(conv.source.locate(("avenants", i), value=True))) for i, path in enumerate(conv.model.avenants)]
        )
    assert included == [
        [("avenants/001-essai.yaml", listed[1])],
        [("avenants/001-essai.yaml", listed[1]), ("avenants/002-essai.yaml", listed[2])],
        [
            ("avenants/001-essai.yaml", listed[1]),
            ("avenants/002-essai.yaml", listed[2]),
            ("avenants/003-essai.yaml", listed[3]),
        ],
    ]


def test_a_version_in_force_for_one_day_of_the_year(bare: ProjectCopy) -> None:
    write_avenant(bare, 1, "2026-03-01", RATE.format(rate="3 %"))
    write_avenant(
        bare, 2, "2026-03-02", "  - convention: {champ: tribunal, valeur: tribunal administratif d'Ajaccio}\n"
    )
    write_avenant(bare, 3, "2026-12-31", RATE.format(rate="2 %"))
    assert [(s, e, v.label) for s, e, v in periods(load_project(bare.root), 2026)] == [
        (D(2026, 1, 1), D(2026, 2, 28), "convention initiale"),
        (D(2026, 3, 1), D(2026, 3, 1), NO1),
        (D(2026, 3, 2), D(2026, 12, 30), NO2),
        (D(2026, 12, 31), D(2026, 12, 31), "avenant n\u00b0\u00a03"),
    ]


@pytest.mark.parametrize(
    ("outside", "what"),
    [
        (lambda project: consolidate(project, D(2024, 12, 31)), "le 31 décembre 2024 est hors de"),
        (lambda project: periods(project, 2024), "l'année 2024 n'est pas entièrement couverte par"),
    ],
    ids=["jour", "annee"],
)
def test_a_day_before_the_convention_is_told_the_period_as_amended(
    two: tuple[ProjectCopy, Project], outside, what
) -> None:
    """Extended to 2029 by avenant n° 2: a day before the start is told so, as ``invoice --year`` says."""
    bare, project = two
    with pytest.raises(UserError) as exc:
        outside(project)
    assert _error(exc) == (
        f"{bare.value_at('convention.yaml', 'date_effet: 2025-01-01')}: erreur: {what} la convention : elle "
        f"s'applique du 1er janvier 2025 au 31 décembre 2029 (durée fixée par l'{NO2}) [hors-convention]\n"
        f"    conseil : {HINT}"
    )
