"""``import`` reads the YAML files it rewrites through the project loader's bounded reader: a file
turned into a FIFO or grown past the limit since the project was loaded is refused, not read."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import ProjectCopy

from ccas_docs.common.diagnostics import UserError
from ccas_docs.document.markers import Origin
from ccas_docs.jobs.import_changes import Edit
from ccas_docs.jobs.import_yaml import apply_edits

EDIT = Edit("modifier", "x", Origin("convention.yaml", ("titre",)), source_new="Nouveau titre")


def test_edit_applies_through_the_bounded_reader(project: ProjectCopy) -> None:
    texts = apply_edits(project.root, [EDIT], write=False)
    assert "titre: Nouveau titre" in texts["convention.yaml"]


def test_fifo_is_refused_without_blocking(project: ProjectCopy) -> None:
    path: Path = project.root / "convention.yaml"
    path.unlink()
    os.mkfifo(path)
    with pytest.raises(UserError) as caught:
        apply_edits(project.root, [EDIT], write=False)
    assert caught.value.diagnostics[0].location.path == "convention.yaml"
    assert "pas un fichier ordinaire" in caught.value.diagnostics[0].message


def test_oversized_file_is_refused(project: ProjectCopy) -> None:
    path = project.root / "convention.yaml"
    with path.open("ab") as handle:
        handle.write(b"#" * 1_000_001)
    with pytest.raises(UserError) as caught:
        apply_edits(project.root, [EDIT], write=False)
    assert "trop volumineux" in caught.value.diagnostics[0].message
