"""``ccas-docs build`` on broken inputs: a French message, exit code 1, and the previous outputs intact.

Each test starts from a project that was built successfully (a copy of the session's WeasyPrint
build, outputs and manifest included), records every output file (SHA-256 and modification time),
breaks one thing, runs ``ccas-docs build --force`` and checks that the message names the problem,
that the exit code is 1, that no Python traceback is printed, and that not one output file was
written: same bytes, same modification times, no staging folder ``.build-*`` and no temporary file
left behind.
"""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
import time
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from test_build import ROOT, Run, Shipped, build, clone_built, files_of, shipped_build

MESSAGE = re.compile(r"^(?P<location>\S+): erreur: (?P<message>.*?)(?: \[(?P<code>[a-z0-9-]+)\])?$")


# --- helpers -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def weasy(tmp_path_factory: pytest.TempPathFactory) -> Shipped:
    return shipped_build(tmp_path_factory, "weasyprint")


class Built:
    """A built project that a test breaks, with the state of its outputs before."""

    def __init__(self, root: Path):
        self.root = root
        self.output = root / "output"
        self.before = files_of(self.output)
        assert len(self.before) == 25  # 24 documents and the manifest

    def path(self, rel: str) -> Path:
        return self.root / rel

    def assert_intact(self) -> None:
        """Every previous output byte-identical and untouched, nothing added, nothing left over."""
        assert files_of(self.output) == self.before
        leftovers = [p for p in self.output.rglob("*") if p.name.startswith(".build-") or p.name.endswith(".tmp")]
        assert not leftovers, f"left behind: {leftovers}"


@pytest.fixture
def built(weasy: Shipped, tmp_path: Path) -> Built:
    return Built(clone_built(weasy, tmp_path / "projet"))


INTERRUPTED = "Génération interrompue : aucun document n'a été remplacé, les précédents sont intacts."


def errors_of(run: Run) -> list[re.Match[str]]:
    return [m for m in (MESSAGE.match(line) for line in run.stderr.splitlines()) if m]


def assert_fails(run: Run, *fragments: str, code: str | None = None, location: str | None = None) -> re.Match[str]:
    """Exit code 1, exactly one error in the compilers' format, containing ``fragments``."""
    assert run.exit_code == 1, run.stdout + run.stderr
    assert "Traceback" not in run.stdout + run.stderr
    errors = errors_of(run)
    assert len(errors) == 1, run.stderr
    (error,) = errors
    for fragment in fragments:
        assert fragment in error["message"], f"{fragment!r} not in {error['message']!r}"
    if code is not None:
        assert error["code"] == code, run.stderr
    if location is not None:
        assert error["location"] == location, run.stderr
    if "[ 1/" in run.stdout:  # documents were written to the staging folder: say none replaced the old ones
        assert run.stderr.rstrip().endswith("1 erreur.\n" + INTERRUPTED), run.stderr
    else:
        assert run.stderr.rstrip().endswith("1 erreur."), run.stderr
    assert "document(s) générés" not in run.stderr
    return error


def line_col(path: Path, needle: str, offset: int = 0) -> tuple[int, int]:
    text = path.read_text(encoding="utf-8")
    index = text.index(needle) + offset
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def alive(pid: int) -> bool:
    """Whether the process exists and is not a zombie waiting to be reaped."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"


# --- the Word template ---------------------------------------------------------------------------


def test_docx_template_missing(built: Built) -> None:
    template = built.path("templates/convention.docx")
    template.unlink()
    run = build(built.root, "--force")
    assert_fails(run, "modèle Word introuvable", "convention.docx", code="modele", location=str(template))
    built.assert_intact()


def test_docx_template_is_not_a_docx(built: Built) -> None:
    template = built.path("templates/convention.docx")
    template.write_text("Ceci est un texte enregistré sous le nom convention.docx.\n", encoding="utf-8")
    run = build(built.root, "--force")
    assert_fails(run, "« convention.docx » n'est pas un document Word (DOCX) valide", code="modele")
    built.assert_intact()


@pytest.mark.parametrize(("stored", "shown"), [("heading 2", "Heading 2"), ("Centré", "Centré")])
def test_docx_template_lacks_a_style_the_body_needs(built: Built, stored: str, shown: str) -> None:
    template = built.path("templates/convention.docx")
    document = docx.Document(str(template))
    styles = document.styles.element
    (style,) = [s for s in styles.findall(qn("w:style")) if s.find(qn("w:name")).get(qn("w:val")) == stored]
    styles.remove(style)
    document.save(str(template))
    run = build(built.root, "--force")
    assert_fails(run, f"« convention.docx » ne contient pas le style de paragraphe « {shown} »", code="modele-style")
    built.assert_intact()


# --- the output folder ---------------------------------------------------------------------------


def test_output_under_a_regular_file(built: Built, tmp_path: Path) -> None:
    """Not writable even for root: the output folder's parent is a file."""
    blocker = tmp_path / "fichier"
    blocker.write_text("un fichier, pas un dossier\n", encoding="utf-8")
    target = blocker / "sortie"
    run = build(built.root, "--force", "-o", str(target))
    assert_fails(run, "impossible de créer le dossier", code="ecriture", location=str(target))
    assert blocker.read_text(encoding="utf-8") == "un fichier, pas un dossier\n"
    built.assert_intact()


@pytest.mark.skipif(os.geteuid() == 0, reason="root écrit malgré les droits : voir test_output_under_a_regular_file")
def test_output_folder_not_writable(built: Built) -> None:
    mode = built.output.stat().st_mode
    built.output.chmod(0o500)
    try:
        run = build(built.root, "--force")
    finally:
        built.output.chmod(stat.S_IMODE(mode))
    assert_fails(run, "dossier non accessible en écriture", code="ecriture", location=str(built.output))
    built.assert_intact()


# --- the HTML template ---------------------------------------------------------------------------


def _break_html_template(built: Built) -> tuple[Path, int]:
    """A Jinja syntax error (``{% if %}`` without a condition) on a known line of the template."""
    template = built.path("templates/document.html.j2")
    text = template.read_text(encoding="utf-8")
    assert "<main>\n" in text, "update the test: the template changed"
    template.write_text(text.replace("<main>\n", "<main>\n{% if %}\n", 1), encoding="utf-8")
    line, _ = line_col(template, "{% if %}")
    return template, line


def test_html_template_syntax_error(built: Built) -> None:
    template, line = _break_html_template(built)
    run = build(built.root, "--force")
    assert_fails(
        run, "erreur de syntaxe dans le modèle « document.html.j2 »", code="modele", location=f"{template}:{line}:1"
    )
    built.assert_intact()


def test_html_template_syntax_error_in_a_real_process(built: Built, tmp_path: Path) -> None:
    """The same, as the user runs it: a separate process, its real stdout and stderr."""
    template, line = _break_html_template(built)
    done = subprocess.run(
        [sys.executable, "-m", "ccas_docs.cli.main", "build", str(built.root), "--force"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=300,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    run = Run(done.returncode, done.stdout, done.stderr)
    assert "Traceback" not in done.stderr, done.stderr
    assert_fails(
        run, "erreur de syntaxe dans le modèle « document.html.j2 »", code="modele", location=f"{template}:{line}:1"
    )
    built.assert_intact()


# --- LibreOffice ---------------------------------------------------------------------------------


def test_libreoffice_not_installed(built: Built) -> None:
    run = build(built.root, "--force", "--pdf-engine", "libreoffice", env={"CCAS_DOCS_SOFFICE": "/nonexistent"})
    assert_fails(run, "LibreOffice (soffice) est introuvable", code="pdf")
    built.assert_intact()


def test_libreoffice_hanging_is_killed_after_the_timeout(built: Built, tmp_path: Path) -> None:
    pids = tmp_path / "pids"
    pids.mkdir()
    fake = tmp_path / "soffice"
    fake.write_text(
        f'#!/bin/sh\necho $$ > "{pids}/main"\nsleep 60 &\necho $! > "{pids}/child"\nwait\n',
        encoding="utf-8",
    )
    fake.chmod(0o755)
    started = time.monotonic()
    run = build(
        built.root, "--force", "--pdf-engine", "libreoffice", "--timeout", "2", env={"CCAS_DOCS_SOFFICE": str(fake)}
    )
    elapsed = time.monotonic() - started
    assert_fails(run, "LibreOffice n'a pas répondu en 2 s", code="pdf")
    assert elapsed < 30, f"the build waited {elapsed:.0f} s"
    for name in ("main", "child"):
        pid = int((pids / name).read_text())
        assert not alive(pid), f"the fake soffice ({name}, pid {pid}) is still running"
    built.assert_intact()


# --- the YAML ------------------------------------------------------------------------------------


@pytest.mark.parametrize("force", [True, False], ids=["force", "incremental"])
def test_invalid_yaml_is_the_check_error_with_its_location(built: Built, force: bool) -> None:
    annex = built.path("annexes/rh.yaml")
    text = annex.read_text(encoding="utf-8")
    assert text.count("  taux: 5 %\n") == 1, "update the test: the shipped rh.yaml changed"
    annex.write_text(text.replace("  taux: 5 %\n", "  taux: 5\n"), encoding="utf-8")
    line, col = line_col(annex, "  taux: 5\n", offset=len("  taux: "))
    run = build(built.root, *(["--force"] if force else []))
    assert_fails(run, "taux « 5 » invalide : écrire « 5 % »", code="taux", location=f"annexes/rh.yaml:{line}:{col}")
    assert run.stdout == ""  # nothing was written, so nothing is reported as written
    built.assert_intact()
