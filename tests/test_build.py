"""``ccas-docs build`` end to end: the files it writes, incremental rebuilds, reproducibility, pages.

Building the shipped convention takes a few seconds per PDF engine, so each build this suite needs
is made once per test session (:func:`shipped_build`, also used by ``test_same_words``,
``test_source_fidelity`` and ``test_build_bad_inputs``) into a copy of the project under pytest's
temporary folder; tests that change a project work on a copy of an already built one.

The writers' own behaviour (styles, tables, PDF/A, fonts…) is tested in ``test_writer_*`` and
``test_libreoffice``; here, only what the command does with real inputs and real outputs.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from lxml import html as lxml_html
from pypdf import PdfReader

from ccas_docs.document.tree import DRAFT_MARK

ROOT = Path(__file__).resolve().parents[1]
PROJECT_FILES = ("convention.yaml", "services.yaml")
DRAFTS_NOTE = (
    "Ce sont des projets (« PROJET » sur chaque page) ; la version à signer se scelle avec "
    "« ccas-docs seal », dans signatures/."
)
PROJECT_DIRS = ("annexes", "templates", "avenants")
MANIFEST = ".ccas-docs-build.json"
ENGINES = ("weasyprint", "libreoffice")
FORMATS = ("docx", "html", "pdf")
# the seven fiches, in the order of the source document (annexes 1 to 7)
FICHES = ("dga", "finances", "numerique", "rh", "administration-generale", "technique", "communication")
STEMS = ("convention", *(f"annexes/annexe-{n:02d}-{fiche}" for n, fiche in enumerate(FICHES, start=1)))
EXPECTED = sorted(f"{stem}.{fmt}" for stem in STEMS for fmt in FORMATS)
AUTHOR = "Commune de Porto-Vecchio"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) n'est pas installé")
PROGRESS = re.compile(r"^\[\s*(\d+)/(\d+)\] (\S+)  (à jour|\d+,\d\d s)$")


# --- shared helpers (imported by the other build test modules) -----------------------------------


def copy_project(dest: Path) -> Path:
    """A copy of the shipped project's inputs (YAML and templates) in ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        shutil.copy2(ROOT / name, dest / name)
    for name in PROJECT_DIRS:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, dest / name)
    return dest


@dataclass(frozen=True)
class Run:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def lines(self) -> list[str]:
        return self.stdout.splitlines()


def invoke(*args: str, env: dict[str, str] | None = None) -> Run:
    """``ccas-docs ARGS`` in-process; a Python exception other than the exit is a test failure."""
    from ccas_docs.cli.main import main

    result = CliRunner().invoke(main, list(args), env=env)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"Python exception instead of a message: {result.exception!r}") from result.exception
    assert "Traceback" not in result.output
    return Run(result.exit_code, result.stdout, result.stderr)


def build(root: Path, *args: str, env: dict[str, str] | None = None) -> Run:
    return invoke("build", str(root), *args, env=env)


@dataclass(frozen=True)
class Shipped:
    """A copy of the shipped project built once with one PDF engine; its outputs must not be changed."""

    root: Path
    engine: str
    run: Run

    @property
    def output(self) -> Path:
        return self.root / "output"

    def path(self, rel: str) -> Path:
        return self.output / rel


_SHIPPED: dict[tuple[str, str], Shipped] = {}


def shipped_build(factory: pytest.TempPathFactory, engine: str, copy: str = "a") -> Shipped:
    """The shipped project built with ``engine`` (once per session and ``copy``), into ``output/``."""
    key = (engine, copy)
    if key not in _SHIPPED:
        if engine == "libreoffice" and SOFFICE is None:
            pytest.skip("LibreOffice (soffice) n'est pas installé")
        root = copy_project(factory.mktemp(f"projet-{engine}-{copy}"))
        run = build(root, "--pdf-engine", engine)
        assert run.exit_code == 0, run.stdout + run.stderr
        _SHIPPED[key] = Shipped(root, engine, run)
    return _SHIPPED[key]


def clone_built(shipped: Shipped, dest: Path) -> Path:
    """A copy of a built project, outputs and manifest included (so it is up to date)."""
    shutil.copytree(shipped.root, dest)
    return dest


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def files_of(output: Path) -> dict[str, tuple[str, int]]:
    """Every file under ``output`` (hidden ones included): SHA-256 and modification time (ns)."""
    return {
        p.relative_to(output).as_posix(): (sha256(p), p.stat().st_mtime_ns)
        for p in sorted(output.rglob("*"))
        if p.is_file()
    }


def documents_of(output: Path) -> list[str]:
    """The generated documents under ``output`` (the manifest and hidden files left out)."""
    return sorted(
        p.relative_to(output).as_posix()
        for p in output.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(output).parts)
    )


@lru_cache(maxsize=64)
def _pdf_pages(path: str, digest: str) -> tuple[str, ...]:
    return tuple(page.extract_text() or "" for page in PdfReader(path).pages)


def pdf_pages(path: Path) -> tuple[str, ...]:
    """The text of each page (pypdf), cached by content."""
    return _pdf_pages(str(path), sha256(path))


def furniture(html_file: Path) -> tuple[str, str]:
    """The running header and the footer's left part, as the document gives them to the page."""
    body = lxml_html.parse(str(html_file)).getroot().find("body")
    return body.get("data-header"), body.get("data-footer")


def one_hyphen(text: str) -> str:
    """NFKC, and the non-breaking hyphen (U+2011, NFKC U+2010) as the hyphen it prints: LibreOffice
    extracts « Porto‑Vecchio » as « Porto-Vecchio », the DOCX and WeasyPrint keep U+2011."""
    return unicodedata.normalize("NFKC", text).replace("\u2010", "-")


def _spaced(text: str) -> str:
    """A regex for ``text`` where any run of whitespace (line breaks too) may separate the words."""
    return r"\s+".join(re.escape(word) for word in one_hyphen(text).split())


@dataclass(frozen=True)
class Page:
    number: int
    body: str  # the text without the running header and footer
    has_header: bool
    footer: tuple[int, int] | None  # the « page n / N » it carries


def strip_furniture(pages: tuple[str, ...], header: str, footer: str) -> list[Page]:
    """Each page's text without its running header, its footer « <footer> page n / N » and a draft's
    « PROJET » mark (once each)."""
    # a draft's header reads « PROJET – <header> » (DOCX) and its pages carry the mark « PROJET » (HTML)
    head = re.compile(rf"(?:{DRAFT_MARK}\s+–\s+)?" + _spaced(header))
    mark = re.compile(rf"^\s*{DRAFT_MARK}\s*$", re.M)
    foot = re.compile(_spaced(footer) + r"\s+page\s+(\d+)\s*/\s*(\d+)")
    out = []
    for number, text in enumerate(pages, start=1):
        text = one_hyphen(text)
        text, headers = head.subn("\n", text, count=1)
        text = mark.sub("", text, count=1)
        found = list(foot.finditer(text))
        numbers = None
        if found:
            last = found[-1]
            numbers = (int(last.group(1)), int(last.group(2)))
            text = text[: last.start()] + "\n" + text[last.end() :]
        out.append(Page(number, text, bool(headers), numbers))
    return out


# --- the shipped builds --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def weasy(tmp_path_factory: pytest.TempPathFactory) -> Shipped:
    return shipped_build(tmp_path_factory, "weasyprint")


@pytest.fixture(scope="module")
def lo(tmp_path_factory: pytest.TempPathFactory) -> Shipped:
    return shipped_build(tmp_path_factory, "libreoffice")


@pytest.fixture(scope="module", params=ENGINES)
def any_engine(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Shipped:
    return shipped_build(tmp_path_factory, request.param)


def test_build_writes_every_document_in_output(any_engine: Shipped) -> None:
    assert documents_of(any_engine.output) == EXPECTED
    assert (any_engine.output / MANIFEST).is_file()
    assert not list(any_engine.output.glob(".build-*")), "staging folder left behind"
    assert not list(any_engine.output.rglob("*.tmp")), "temporary file left behind"
    for rel in EXPECTED:
        path = any_engine.path(rel)
        assert path.stat().st_size > 1000, rel
    for stem in STEMS:
        assert any_engine.path(f"{stem}.pdf").read_bytes().startswith(b"%PDF-")
        assert any_engine.path(f"{stem}.docx").read_bytes().startswith(b"PK\x03\x04")
        assert any_engine.path(f"{stem}.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_build_prints_one_line_per_document_with_path_and_time(any_engine: Shipped) -> None:
    run = any_engine.run
    assert run.exit_code == 0
    matches = [PROGRESS.match(line) for line in run.lines]
    assert all(matches), "unexpected output line(s):\n" + "\n".join(
        line for line, m in zip(run.lines, matches, strict=True) if not m
    )
    assert [int(m.group(1)) for m in matches] == list(range(1, len(EXPECTED) + 1))
    assert {int(m.group(2)) for m in matches} == {len(EXPECTED)}
    assert all(m.group(4) != "à jour" for m in matches), "a first build is never « à jour »"
    printed = sorted(Path(m.group(3)).resolve() for m in matches)
    assert printed == sorted(any_engine.path(rel).resolve() for rel in EXPECTED)
    assert run.stderr.strip() == f"{len(EXPECTED)} document(s) générés, 0 déjà à jour.\n{DRAFTS_NOTE}"


def test_second_run_rebuilds_nothing(weasy: Shipped) -> None:
    before = files_of(weasy.output)
    run = build(weasy.root)
    assert run.exit_code == 0, run.stderr
    matches = [PROGRESS.match(line) for line in run.lines]
    assert all(matches) and len(matches) == len(EXPECTED), run.stdout
    assert {m.group(4) for m in matches} == {"à jour"}
    assert sorted(Path(m.group(3)).resolve() for m in matches) == sorted(weasy.path(rel).resolve() for rel in EXPECTED)
    assert run.stderr.strip() == f"0 document(s) générés, {len(EXPECTED)} déjà à jour.\n{DRAFTS_NOTE}"
    assert files_of(weasy.output) == before  # same bytes, same modification times, manifest included


def _rebuilt(run: Run) -> list[str]:
    """The documents a run says it regenerated."""
    assert run.exit_code == 0, run.stdout + run.stderr
    matches = [PROGRESS.match(line) for line in run.lines]
    assert all(matches), run.stdout
    return [m.group(3) for m in matches if m.group(4) != "à jour"]


def test_touching_an_annex_without_changing_it_rebuilds_nothing(weasy: Shipped, tmp_path: Path) -> None:
    """The fingerprint is the content, not the modification time (a checkout, a copy…)."""
    root = clone_built(weasy, tmp_path / "projet")
    before = files_of(root / "output")
    annex = root / "annexes" / "communication.yaml"
    later = annex.stat().st_mtime_ns + 3_600 * 10**9
    os.utime(annex, ns=(later, later))
    assert _rebuilt(build(root)) == []
    assert files_of(root / "output") == before


def test_changing_an_annex_yaml_rebuilds(weasy: Shipped, tmp_path: Path) -> None:
    root = clone_built(weasy, tmp_path / "projet")
    before = files_of(root / "output")
    annex = root / "annexes" / "communication.yaml"
    text = annex.read_text(encoding="utf-8")
    assert text.count("(travail sur maquette,") == 1, "update the test: the shipped text changed"
    annex.write_text(text.replace("(travail sur maquette,", "(travail sur maquette validée,"), encoding="utf-8")

    run = build(root)
    assert len(_rebuilt(run)) == len(EXPECTED)
    after = files_of(root / "output")
    assert sorted(after) == sorted(before)
    assert after[MANIFEST][0] != before[MANIFEST][0]  # a new fingerprint
    changed = {rel for rel in EXPECTED if after[rel][0] != before[rel][0]}
    # the edit shows in the documents that contain the fiche, and only there
    assert changed == {f"{stem}.{fmt}" for stem in ("convention", STEMS[7]) for fmt in FORMATS}
    for stem in ("convention", STEMS[7]):
        paragraphs = [p.text for p in docx.Document(str(root / "output" / f"{stem}.docx")).paragraphs]
        assert any("(travail sur maquette validée, propositions" in p for p in paragraphs), stem
        pdf = " ".join(" ".join(pdf_pages(root / "output" / f"{stem}.pdf")).split())
        pdf = re.sub(r"(?<=\w)\u2010 (?=\w)", "", pdf)  # a word cut by hyphenation (WeasyPrint: U+2010)
        assert "maquette validée," in pdf, stem
    # …and a run right after has nothing left to do
    assert _rebuilt(build(root)) == []


def test_removing_a_fiche_removes_its_outputs_and_nothing_else(weasy: Shipped, tmp_path: Path) -> None:
    root = clone_built(weasy, tmp_path / "projet")
    keep = root / "output" / "notes-du-service-juridique.txt"  # a file the build never wrote
    keep.write_text("à garder", encoding="utf-8")
    convention = root / "convention.yaml"
    text = convention.read_text(encoding="utf-8")
    assert text.count("  - annexes/communication.yaml\n") == 1, "update the test: the shipped list changed"
    convention.write_text(text.replace("  - annexes/communication.yaml\n", ""), encoding="utf-8")

    run = build(root)
    assert run.exit_code == 0, run.stderr
    stale = {f"{STEMS[7]}.{fmt}" for fmt in FORMATS}
    remaining = set(files_of(root / "output"))
    assert not stale & remaining
    assert set(EXPECTED) - stale <= remaining
    assert keep.read_text(encoding="utf-8") == "à garder"


def test_force_rebuilds_everything_to_the_same_bytes(weasy: Shipped, tmp_path: Path) -> None:
    root = clone_built(weasy, tmp_path / "projet")
    before = files_of(root / "output")
    run = build(root, "--force")
    assert len(_rebuilt(run)) == len(EXPECTED)
    assert run.stderr.strip() == f"{len(EXPECTED)} document(s) générés, 0 déjà à jour.\n{DRAFTS_NOTE}"
    after = files_of(root / "output")
    assert sorted(after) == sorted(before)
    for rel in EXPECTED:
        assert after[rel][0] == before[rel][0], f"{rel}: different bytes after --force"
        assert after[rel][1] > before[rel][1], f"{rel}: not rewritten by --force"


def test_hand_modified_or_deleted_output_is_rebuilt(weasy: Shipped, tmp_path: Path) -> None:
    root = clone_built(weasy, tmp_path / "projet")
    output = root / "output"
    before = files_of(output)
    edited = output / "annexes" / "annexe-07-communication.html"
    edited.write_text(edited.read_text(encoding="utf-8").replace("</main>", "<p>ajout</p></main>"), encoding="utf-8")
    (output / "convention.pdf").unlink()

    run = build(root)
    assert len(_rebuilt(run)) == len(EXPECTED)
    after = files_of(output)
    assert {rel: sha for rel, (sha, _) in after.items()} == {rel: sha for rel, (sha, _) in before.items()}
    assert _rebuilt(build(root)) == []


def _hashes(output: Path) -> dict[str, str]:
    return {rel: sha256(output / rel) for rel in EXPECTED}


def test_reproducible_in_another_directory_weasyprint(weasy: Shipped, tmp_path_factory: pytest.TempPathFactory) -> None:
    other = shipped_build(tmp_path_factory, "weasyprint", copy="b")
    assert other.root != weasy.root
    assert _hashes(other.output) == _hashes(weasy.output)


@needs_soffice
def test_reproducible_in_another_directory_libreoffice(lo: Shipped, tmp_path_factory: pytest.TempPathFactory) -> None:
    other = shipped_build(tmp_path_factory, "libreoffice", copy="b")
    assert other.root != lo.root
    assert _hashes(other.output) == _hashes(lo.output)


def test_docx_is_the_same_whatever_the_pdf_engine(weasy: Shipped, lo: Shipped) -> None:
    for stem in STEMS:
        for fmt in ("docx", "html"):
            assert sha256(weasy.path(f"{stem}.{fmt}")) == sha256(lo.path(f"{stem}.{fmt}")), f"{stem}.{fmt}"


def _rendered_pages(pdf: Path, tmp: Path) -> int:
    prefix = tmp / pdf.stem
    subprocess.run(["pdftoppm", "-r", "2", "-mono", str(pdf), str(prefix)], check=True, timeout=120)
    return len(list(tmp.glob(f"{pdf.stem}-*.pbm")))


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils (pdftoppm) n'est pas installé")
def test_page_count_is_what_pdftoppm_renders(any_engine: Shipped, tmp_path: Path) -> None:
    for stem in STEMS:
        pdf = any_engine.path(f"{stem}.pdf")
        declared = len(PdfReader(pdf).pages)
        assert declared >= 1
        assert _rendered_pages(pdf, tmp_path) == declared, f"{stem}.pdf ({any_engine.engine})"


def test_no_blank_page_and_page_n_of_n_footer(any_engine: Shipped) -> None:
    """The « no blank page » trap: a page that carries only its header and footer is blank."""
    for stem in STEMS:
        header, footer = furniture(any_engine.path(f"{stem}.html"))
        assert header and footer
        pages = strip_furniture(pdf_pages(any_engine.path(f"{stem}.pdf")), header, footer)
        total = len(pages)
        where = f"{stem}.pdf ({any_engine.engine})"
        for page in pages:
            assert page.body.strip(), f"{where}: page {page.number} / {total} is blank"
            if stem == "convention" and page.number == 1:  # the cover has no running header or footer
                assert not page.has_header and page.footer is None, where
                continue
            assert page.has_header, f"{where}: no running header on page {page.number}"
            assert page.footer == (page.number, total), f"{where}: page {page.number} footer {page.footer}"


def test_convention_pdf_starts_every_fiche_on_a_new_page(any_engine: Shipped) -> None:
    header, footer = furniture(any_engine.path("convention.html"))
    pages = strip_furniture(pdf_pages(any_engine.path("convention.pdf")), header, footer)
    starts = []
    for n, fiche in enumerate(FICHES, start=1):
        label = f"Annexe {n} – "
        found = [p.number for p in pages if label in " ".join(p.body.split())]
        assert len(found) == 1, f"{label} on pages {found} ({any_engine.engine})"
        first_line = next(line for line in pages[found[0] - 1].body.splitlines() if line.strip())
        assert first_line.strip().startswith(f"Annexe {n} –"), (fiche, first_line)
        starts.append(found[0])
    assert starts == sorted(starts) and len(set(starts)) == len(starts)


def test_docx_core_properties(weasy: Shipped) -> None:
    for stem in STEMS:
        props = docx.Document(str(weasy.path(f"{stem}.docx"))).core_properties
        assert props.author == AUTHOR, stem
        assert props.last_modified_by == AUTHOR, stem
        assert "python-docx" not in (props.author, props.last_modified_by, props.comments, props.title), stem
        assert props.title, stem
        assert props.created == props.modified, stem


def test_pdf_metadata_author(any_engine: Shipped) -> None:
    for stem in STEMS:
        info = PdfReader(any_engine.path(f"{stem}.pdf")).metadata
        assert info is not None and info.author == AUTHOR, f"{stem}.pdf ({any_engine.engine}): {info!r}"
