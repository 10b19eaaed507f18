"""Shared fixtures: a private copy of the shipped project, and ``ccas-docs check`` run on it.

Each test mutates its own copy (``tmp_path``) of the shipped convention, so the shipped files are
never touched and tests stay independent. Expected locations are computed from the copy's text
(:meth:`ProjectCopy.at`), never typed as numbers, so that editing the shipped transcription does
not break the tests while a wrong line or column still does.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

ROOT = Path(__file__).resolve().parents[1]
PROJECT_FILES = ("convention.yaml", "services.yaml")
PROJECT_DIRS = ("annexes", "avenants", "schema")

_BLOCK_SCALAR = re.compile(r"[:-] ([>|][-+]?)\s*$")
_MESSAGE = re.compile(
    r"^(?P<location>\S+): (?P<severity>erreur|avertissement): (?P<message>.*?)(?: \[(?P<code>[a-z0-9-]+)\])?$"
)


@dataclass(frozen=True)
class Message:
    """One diagnostic as printed by ``ccas-docs check`` (format ``file:line:col: gravité: message [code]``)."""

    location: str
    severity: str
    message: str
    code: str
    hint: str

    @property
    def is_error(self) -> bool:
        return self.severity == "erreur"


@dataclass
class CheckRun:
    """What ``ccas-docs check`` did: exit code, output, and the parsed messages."""

    exit_code: int
    output: str
    stdout: str
    stderr: str
    messages: list[Message]
    exception: BaseException | None = None

    @property
    def errors(self) -> list[Message]:
        return [m for m in self.messages if m.is_error]

    @property
    def warnings(self) -> list[Message]:
        return [m for m in self.messages if not m.is_error]

    def codes(self, severity: str | None = None) -> list[str]:
        return [m.code for m in self.messages if severity is None or m.severity == severity]


def parse_messages(output: str) -> list[Message]:
    messages: list[Message] = []
    lines = output.splitlines()
    for i, line in enumerate(lines):
        match = _MESSAGE.match(line)
        if not match:
            continue
        hint = ""
        if i + 1 < len(lines) and lines[i + 1].startswith("    conseil : "):
            hint = lines[i + 1].removeprefix("    conseil : ")
        messages.append(Message(match["location"], match["severity"], match["message"], match["code"] or "", hint))
    return messages


def run_check(*args: str) -> CheckRun:
    """``ccas-docs check ARGS`` in-process (click's runner), failing on any Python exception."""
    from ccas_docs.cli.main import main  # here, so that a broken CLI fails these tests, not every test's conftest

    result: Result = CliRunner().invoke(main, ["check", *args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"Python exception instead of a message: {result.exception!r}") from result.exception
    return CheckRun(
        result.exit_code, result.output, result.stdout, result.stderr, parse_messages(result.stderr), result.exception
    )


class ProjectCopy:
    """A copy of the shipped project in a temporary folder, with helpers to break it."""

    def __init__(self, root: Path):
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        for name in PROJECT_FILES:
            shutil.copy2(ROOT / name, root / name)
        for name in PROJECT_DIRS:
            if (ROOT / name).is_dir():
                shutil.copytree(ROOT / name, root / name)

    def path(self, rel: str) -> Path:
        return self.root / rel

    def text(self, rel: str) -> str:
        return self.path(rel).read_text(encoding="utf-8")

    def write(self, rel: str, content: str | bytes) -> None:
        path = self.path(rel)
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")

    def edit(self, rel: str, old: str, new: str, count: int = 1) -> None:
        """Replace the first ``count`` occurrences of ``old``; fail loudly if the shipped text changed."""
        text = self.text(rel)
        assert text.count(old) >= count, f"{old!r} not found {count} time(s) in {rel}: update the test"
        self.write(rel, text.replace(old, new, count))

    def at(self, rel: str, needle: str, nth: int = 1, offset: int = 0) -> str:
        """``rel:line:col`` of the ``nth`` occurrence of ``needle`` in the file (col counts characters)."""
        text = self.text(rel)
        index = -1
        for _ in range(nth):
            index = text.find(needle, index + 1)
            assert index >= 0, f"{needle!r} (occurrence {nth}) not found in {rel}"
        index += offset
        line = text.count("\n", 0, index) + 1
        col = index - (text.rfind("\n", 0, index) + 1) + 1
        return f"{rel}:{line}:{col}"

    def value_at(self, rel: str, key_line: str, nth: int = 1) -> str:
        """Location of the value in a ``key: value`` line, the value being where the YAML scalar starts."""
        key = key_line.partition(": ")[0]
        return self.at(rel, key_line, nth, offset=len(key) + 2)

    def block_start(self, rel: str, needle: str, nth: int = 1) -> str:
        """Location of the ``>-`` (or ``|``) that opens the block scalar containing ``needle``."""
        text = self.text(rel)
        index = -1
        for _ in range(nth):
            index = text.find(needle, index + 1)
            assert index >= 0, f"{needle!r} (occurrence {nth}) not found in {rel}"
        lines = text[:index].splitlines()
        for n in range(len(lines) - 1, -1, -1):
            match = _BLOCK_SCALAR.search(lines[n])
            if match:
                return f"{rel}:{n + 1}:{match.start(1) + 1}"
        raise AssertionError(f"no block scalar before {needle!r} in {rel}")

    def check(self, *args: str) -> CheckRun:
        return run_check(str(self.root), *args)


@pytest.fixture
def project(tmp_path: Path) -> ProjectCopy:
    """A fresh copy of the shipped project that the test may break at will."""
    return ProjectCopy(tmp_path / "projet")


def assert_no_traceback(run: CheckRun) -> None:
    assert "Traceback" not in run.output
    assert run.exception is None or isinstance(run.exception, SystemExit)


def assert_single_error(run: CheckRun, location: str, code: str, *words: str) -> Message:
    """Exit code 1, no traceback, exactly one error at ``location`` whose message contains ``words``."""
    assert_no_traceback(run)
    assert run.exit_code == 1, run.output
    assert len(run.errors) == 1, "expected exactly one error:\n" + run.stderr
    (err,) = run.errors
    assert err.location == location, run.stderr
    assert err.code == code, run.stderr
    for word in words:
        assert word in err.message, f"{word!r} not in {err.message!r}"
    assert f"{err.location}: erreur: " in run.stderr
    assert "1 erreur(s)" in run.stderr
    return err
