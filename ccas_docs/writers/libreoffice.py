"""PDF writer, LibreOffice engine: DOCX files → PDF/A-2b through one headless ``soffice`` call.

The DOCX writer produces the Word files; LibreOffice prints them, so the PDF is laid out exactly
as Word users see the DOCX. Several files are converted by a single ``soffice`` process (starting
LibreOffice is most of the cost), with a throw-away user profile so that concurrent runs never
share one. The PDFs are then normalised with pikepdf so that the same DOCX gives the same bytes:
dates (document information and XMP) set to the given day, the ICC profile's creation date
likewise, LibreOffice's non-standard ``/DocChecksum`` removed, and ``/ID`` derived from a SHA-256
of the content. The producer (« LibreOffice 7.x ») is kept.

The executable is ``$CCAS_DOCS_SOFFICE`` if set, else ``soffice`` or ``libreoffice`` on the PATH.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import zipfile
from pathlib import Path

from ccas_docs.common import atomic
from ccas_docs.common.diagnostics import Diagnostic, Location, UserError, error, fail
from ccas_docs.common.oserrors import reason
from ccas_docs.writers.reproducible import save_with_content_id

ENV_EXECUTABLE = "CCAS_DOCS_SOFFICE"
NOT_INSTALLED = (
    "LibreOffice (soffice) est introuvable : installer le paquet libreoffice-writer-nogui, "
    "ou utiliser --pdf-engine weasyprint"
)
# writer_pdf_Export options (JSON syntax, LibreOffice ≥ 7.4): SelectPdfVersion 2 = PDF/A-2b
PDF_FILTER = "pdf:writer_pdf_Export:" + json.dumps(
    {"SelectPdfVersion": {"type": "long", "value": "2"}}, separators=(",", ":")
)
_EPOCH = dt.date(1970, 1, 1)


def convert_docx_to_pdf(
    jobs: list[tuple[Path, Path]],
    timeout: float = 120.0,
    date: dt.date | None = None,
) -> None:
    """Convert each ``(docx, pdf)`` pair, all in one LibreOffice call, then normalise and write each
    PDF atomically.

    ``date`` is written as the PDFs' creation and modification date (00:00 UTC); by default each
    DOCX's own creation date (its core properties) is used, so the PDF follows the DOCX.
    """
    if not jobs:
        return
    for docx, _ in jobs:
        if not docx.is_file():
            raise fail(docx, "fichier DOCX introuvable : conversion en PDF impossible", code="pdf")
    executable = _executable()
    with tempfile.TemporaryDirectory(prefix="ccas-docs-soffice-") as tmp:
        root = Path(tmp)
        indir, outdir, profile = root / "in", root / "out", root / "profile"
        indir.mkdir()
        names = _staged_names([docx for docx, _ in jobs])
        for (docx, _), name in zip(jobs, names, strict=True):
            (indir / name).symlink_to(docx.resolve())
        command = [
            executable,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--invisible",
            "--nologo",
            "--nodefault",
            "--nolockcheck",
            "--norestore",
            "--convert-to",
            PDF_FILTER,
            "--outdir",
            str(outdir),
            *(str(indir / name) for name in names),
        ]
        stderr = _run(command, timeout, cwd=root)
        problems: list[Diagnostic] = []
        results: list[tuple[Path, bytes]] = []
        for (docx, target), name in zip(jobs, names, strict=True):
            produced = outdir / (Path(name).stem + ".pdf")
            if not produced.is_file() or produced.stat().st_size == 0:
                problems.append(
                    error(
                        Location(str(docx)),
                        "LibreOffice n'a produit aucun PDF pour ce fichier DOCX",
                        code="pdf",
                        hint=_tail(stderr) or "vérifier que le fichier s'ouvre dans LibreOffice Writer",
                    )
                )
                continue
            when = date or _docx_created(docx) or _EPOCH
            results.append((target, normalise_pdf(produced.read_bytes(), when)))
        if problems:
            raise UserError(problems)
    for target, data in results:
        atomic.write_bytes(target, data)


def normalise_pdf(data: bytes, day: dt.date) -> bytes:
    """Make a LibreOffice PDF reproducible: fixed dates, no ``/DocChecksum``, ``/ID`` from the content."""
    import pikepdf

    stamp = dt.datetime.combine(day, dt.time(0, 0), tzinfo=dt.UTC)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        # PDF/A wants the document information and the XMP to agree: both get both dates.
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
            for key in ("xmp:CreateDate", "xmp:ModifyDate"):
                xmp[key] = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
            if "xmp:MetadataDate" in xmp:
                xmp["xmp:MetadataDate"] = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
        info = pdf.docinfo
        info[pikepdf.Name.CreationDate] = info[pikepdf.Name.ModDate] = stamp.strftime("D:%Y%m%d%H%M%SZ")
        for intent in pdf.Root.get(pikepdf.Name.OutputIntents, pikepdf.Array()):
            profile = intent.get(pikepdf.Name.DestOutputProfile)
            if isinstance(profile, pikepdf.Stream):
                _set_icc_date(profile, stamp)
        if pikepdf.Name.DocChecksum in pdf.trailer:
            del pdf.trailer[pikepdf.Name.DocChecksum]
        return save_with_content_id(pdf)


# --- helpers -------------------------------------------------------------------------------------


def _executable() -> str:
    override = os.environ.get(ENV_EXECUTABLE)
    if override:
        found = shutil.which(override) if os.sep not in override else override
        if not found or not os.access(found, os.X_OK):
            raise fail("soffice", NOT_INSTALLED, code="pdf")
        return found
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    raise fail("soffice", NOT_INSTALLED, code="pdf")


def _staged_names(files: list[Path]) -> list[str]:
    """The file names under which the DOCX files are given to LibreOffice (output = stem + .pdf)."""
    stems = [f.stem for f in files]
    if len(set(stems)) == len(stems):
        return [f"{stem}.docx" for stem in stems]
    return [f"{i:03d}-{stem}.docx" for i, stem in enumerate(stems, 1)]


def _run(command: list[str], timeout: float, cwd: Path) -> str:
    """Run soffice in its own process group; kill the whole group if it does not finish in time."""
    try:
        proc = subprocess.Popen(
            command,
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    except OSError as exc:
        raise fail("soffice", f"{NOT_INSTALLED} ({reason(exc)})", code="pdf") from None
    try:
        output, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        raise fail(
            "soffice",
            f"LibreOffice n'a pas répondu en {timeout:g} s : conversion abandonnée",
            code="pdf",
            hint="réessayer, ou utiliser --pdf-engine weasyprint",
        ) from None
    except BaseException:
        _kill_group(proc)
        raise
    return output.decode("utf-8", "replace")


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    try:
        proc.communicate(timeout=5)
    except subprocess.TimeoutExpired:  # a process that left the group still holds the pipe
        proc.kill()
        proc.wait()


def _tail(text: str, lines: int = 3) -> str:
    kept = [line.strip() for line in text.splitlines() if line.strip() and "javaldx" not in line]
    return " / ".join(kept[-lines:])


def _docx_created(docx: Path) -> dt.date | None:
    """The DOCX's creation date (``docProps/core.xml``, ``dcterms:created``), if it has one."""
    try:
        with zipfile.ZipFile(docx) as z:
            core = z.read("docProps/core.xml").decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile):
        return None
    match = re.search(r"<dcterms:created[^>]*>(\d{4}-\d{2}-\d{2})", core)
    return dt.date.fromisoformat(match.group(1)) if match else None


def _set_icc_date(profile: object, stamp: dt.datetime) -> None:
    """Set the creation date in an ICC profile's header (bytes 24–35), as LibreOffice stamps the time."""
    import pikepdf

    assert isinstance(profile, pikepdf.Stream)
    icc = bytearray(profile.read_bytes())
    if len(icc) < 128 or icc[36:40] != b"acsp":
        return
    fields = (stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)
    icc[24:36] = b"".join(v.to_bytes(2, "big") for v in fields)
    if any(icc[84:100]):  # a profile ID (MD5) is present: recompute it (ICC.1, 7.2.18)
        probe = bytearray(icc)
        probe[44:48] = probe[64:68] = b"\0" * 4
        probe[84:100] = b"\0" * 16
        icc[84:100] = hashlib.md5(probe, usedforsecurity=False).digest()
    profile.write(bytes(icc))
