"""``ccas-docs build`` rebuilds when, and only when, something a document is made of has changed.

Each test starts from the small project (convention and DGA fiche) built once per module, changes
ONE thing — an output edited by hand, a template, the package's code — and checks that the next
build regenerates the outputs and that what the change means is in them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from lxml import html as lxml_html
from test_build import MANIFEST, ROOT, Run, _rebuilt, build, files_of
from test_build_what_users_see import FICHE, small_project

STEMS = ("convention", FICHE)
DOCUMENTS = sorted(f"{stem}.{fmt}" for stem in STEMS for fmt in ("docx", "html", "pdf"))


@pytest.fixture(scope="module")
def built_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = small_project(tmp_path_factory.mktemp("reconstruction") / "projet")
    run = build(root)
    assert run.exit_code == 0, run.stdout + run.stderr
    assert sorted(p for p in files_of(root / "output") if p != MANIFEST) == DOCUMENTS
    return root


@pytest.fixture
def root(built_once: Path, tmp_path: Path) -> Path:
    """A copy of the built small project, outputs and manifest included (up to date)."""
    copy = tmp_path / "projet"
    shutil.copytree(built_once, copy)
    assert rebuilt(build(copy)) == []
    return copy


def rebuilt(run: Run) -> list[str]:
    """The documents a run regenerated (relative to output/), from its progress lines."""
    return sorted(Path(path).as_posix().rsplit("/output/", 1)[1] for path in _rebuilt(run))


def hashes(root: Path) -> dict[str, str]:
    return {rel: sha for rel, (sha, _) in files_of(root / "output").items() if rel != MANIFEST}


def test_one_hand_edited_output_is_rebuilt(root: Path, built_once: Path) -> None:
    """Only one output is changed by hand (none deleted, no input touched): it is restored."""
    original = hashes(built_once)
    edited = root / "output" / f"{FICHE}.docx"
    document = docx.Document(str(edited))
    document.paragraphs[-1].add_run(" Ajout à la main.")
    document.save(str(edited))
    assert hashes(root)[f"{FICHE}.docx"] != original[f"{FICHE}.docx"]

    assert rebuilt(build(root)) == DOCUMENTS
    assert hashes(root) == original
    assert not any("Ajout à la main" in p.text for p in docx.Document(str(edited)).paragraphs)
    assert rebuilt(build(root)) == []


@pytest.mark.parametrize(
    ("template", "edit", "changed"),
    [
        # a rule added at the end of the stylesheet: the HTML (which inlines it) and the PDF change
        (
            "print.css",
            lambda p: p.write_text(p.read_text(encoding="utf-8") + "\n.body { letter-spacing: 0.01em; }\n", "utf-8"),
            {"html", "pdf"},
        ),
        # a comment in the HTML template: the HTML changes
        (
            "document.html.j2",
            lambda p: p.write_text(
                p.read_text(encoding="utf-8").replace("</body>", "<!-- modèle modifié --></body>", 1), "utf-8"
            ),
            {"html"},
        ),
        # a style of the Word template: the DOCX changes
        ("convention.docx", lambda p: _word_template_edit(p), {"docx"}),
    ],
)
def test_template_change_rebuilds_the_documents_made_with_it(root: Path, template: str, edit, changed: set) -> None:
    before = hashes(root)
    path = root / "templates" / template
    edit(path)

    assert rebuilt(build(root)) == DOCUMENTS
    after = hashes(root)
    differ = {rel.rsplit(".", 1)[1] for rel in DOCUMENTS if after[rel] != before[rel]}
    assert changed <= differ, f"{template}: only {differ} changed"
    if template == "print.css":
        for stem in STEMS:
            assert "letter-spacing: 0.01em" in (root / "output" / f"{stem}.html").read_text(encoding="utf-8")
    elif template == "document.html.j2":
        for stem in STEMS:
            assert "<!-- modèle modifié -->" in (root / "output" / f"{stem}.html").read_text(encoding="utf-8")
    else:
        for stem in STEMS:
            assert _word_template_mark(root / "output" / f"{stem}.docx")
    assert rebuilt(build(root)) == []


def _word_template_edit(path: Path) -> None:
    document = docx.Document(str(path))
    document.core_properties.comments = ""  # the writer sets its own; the style is what must follow
    document.styles["Normal"].font.name = "DejaVu Serif"
    document.save(str(path))


def _word_template_mark(path: Path) -> bool:
    return docx.Document(str(path)).styles["Normal"].font.name == "DejaVu Serif"


def test_package_code_change_rebuilds(root: Path, tmp_path: Path) -> None:
    """A new version of the tool may write other documents: its code is part of the fingerprint.

    The package is copied, so that changing it changes nothing for the other tests; the builds run
    in real processes importing the copy.
    """
    package = tmp_path / "code"
    shutil.copytree(ROOT / "ccas_docs", package / "ccas_docs", ignore=shutil.ignore_patterns("__pycache__"))
    env = {**os.environ, "PYTHONPATH": str(package)}

    def cli_build() -> Run:
        done = subprocess.run(
            [sys.executable, "-m", "ccas_docs.cli", "build", str(root)],
            capture_output=True,
            text=True,
            env=env,
            cwd=tmp_path,
            timeout=300,
        )
        return Run(done.returncode, done.stdout, done.stderr)

    probe = subprocess.run(
        [sys.executable, "-c", "import ccas_docs; print(ccas_docs.__file__)"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    assert probe.stdout.strip() == str(package / "ccas_docs" / "__init__.py")
    cli_build()  # the copy's code is as good as the original: same documents, new fingerprint
    assert rebuilt(cli_build()) == []
    before = hashes(root)

    # a change in a writer that shows in every Word document: every run in bold. The text stays the
    # same, so the import markers (matched on the paragraphs' text) still find their paragraphs.
    paragraphs = package / "ccas_docs" / "writers" / "docx" / "paragraphs.py"
    text = paragraphs.read_text(encoding="utf-8")
    plain = (
        '    if item.bold or item.italic or bold or item.superscript:\n        rpr = el("w:rPr", r)\n'
        "        if item.bold or bold:\n"
    )
    assert text.count(plain) == 1, "update the test: the DOCX writer changed"
    paragraphs.write_text(
        text.replace(plain, '    if True:\n        rpr = el("w:rPr", r)\n        if True:\n'), encoding="utf-8"
    )
    sentence = "Direction Générale Adjointe du pôle ressources"
    for stem in STEMS:
        assert _bold_runs(root / "output" / f"{stem}.docx", sentence) == {False}

    assert rebuilt(cli_build()) == DOCUMENTS
    after = hashes(root)
    for stem in STEMS:
        assert after[f"{stem}.docx"] != before[f"{stem}.docx"]
        assert after[f"{stem}.html"] == before[f"{stem}.html"]
        assert _bold_runs(root / "output" / f"{stem}.docx", sentence) == {True}
        html = lxml_html.parse(str(root / "output" / f"{stem}.html")).getroot()
        assert not html.xpath("//body//p[contains(., $s)]//strong", s=sentence)
    assert rebuilt(cli_build()) == []


def _bold_runs(path: Path, sentence: str) -> set[bool]:
    """Whether the runs of the paragraphs saying ``sentence`` are bold (the set of their ``bold``)."""
    runs = [r for p in docx.Document(str(path)).paragraphs if sentence in p.text for r in p.runs if r.text.strip()]
    assert runs, f"{path.name}: no paragraph says « {sentence} »"
    return {bool(r.bold) for r in runs}
