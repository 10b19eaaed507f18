"""tests/completed.py fills every « À COMPLÉTER » of a project copy with values ``check`` accepts."""

from __future__ import annotations

from completed import complete_placeholders, french_iban, iban_check
from conftest import ProjectCopy


def test_no_placeholder_left_and_check_is_clean_of_them(project: ProjectCopy) -> None:
    before = project.check()
    assert "a-completer" in before.codes("avertissement")
    changes = complete_placeholders(project.root)
    assert "convention.yaml" in changes
    after = project.check()
    assert after.exit_code == 0, after.output
    assert "a-completer" not in after.codes()
    assert not after.errors
    text = project.text("convention.yaml")
    assert 'siret: "21200247200011"' in text and "date_signature: 2024-12-16" in text


def test_iban_is_french_with_valid_check_digits() -> None:
    iban = french_iban()
    assert iban.startswith("FR76") and len(iban) == 27
    assert iban_check("FR", iban[4:]) == int(iban[2:4])
