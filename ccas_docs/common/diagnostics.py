"""Diagnostics: one message about the user's input, located as ``file:line:col``.

Every user-facing problem, from a YAML syntax error to a drift between prose and billing rate,
is a :class:`Diagnostic`. :class:`UserError` carries one or more of them up to the CLI, which
prints them and exits with code 1.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    ERROR = "erreur"
    WARNING = "avertissement"


@dataclass(frozen=True, order=True)
class Location:
    """A position in a source file; ``line`` and ``col`` are 1-based (0 = unknown)."""

    path: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}:{self.col or 1}"
        return self.path


@dataclass(frozen=True)
class Diagnostic:
    severity: Severity
    message: str
    location: Location
    code: str = ""
    hint: str = ""

    def format(self) -> str:
        code = f" [{self.code}]" if self.code else ""
        text = f"{self.location}: {self.severity.value}: {self.message}{code}"
        if self.hint:
            text += f"\n    conseil : {self.hint}"
        return text

    def as_dict(self) -> dict[str, object]:
        return {
            "fichier": self.location.path,
            "ligne": self.location.line,
            "colonne": self.location.col,
            "gravite": self.severity.value,
            "code": self.code,
            "message": self.message,
            "conseil": self.hint,
        }

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


def error(location: Location, message: str, code: str = "", hint: str = "") -> Diagnostic:
    return Diagnostic(Severity.ERROR, message, location, code, hint)


def warning(location: Location, message: str, code: str = "", hint: str = "") -> Diagnostic:
    return Diagnostic(Severity.WARNING, message, location, code, hint)


class UserError(Exception):
    """The user's input is wrong: one or more error diagnostics, never a traceback."""

    def __init__(self, diagnostics: Diagnostic | Iterable[Diagnostic]):
        if isinstance(diagnostics, Diagnostic):
            diagnostics = [diagnostics]
        self.diagnostics: list[Diagnostic] = sorted(diagnostics, key=_sort_key)
        self.note = ""  # a sentence printed after the messages (what was, or was not, written)
        super().__init__("\n".join(d.format() for d in self.diagnostics))

    def __reduce__(self) -> tuple[type[UserError], tuple[list[Diagnostic]]]:
        # picklable, so that an error raised in a worker process reaches the CLI intact
        return (UserError, (self.diagnostics,))


def fail(path: str | Path, message: str, line: int = 0, col: int = 0, code: str = "", hint: str = "") -> UserError:
    """Shortcut: a :class:`UserError` with a single error at ``path:line:col``."""
    return UserError(error(Location(str(path), line, col), message, code, hint))


def _sort_key(d: Diagnostic) -> tuple[str, int, int]:
    return (d.location.path, d.location.line, d.location.col)


@dataclass
class Report:
    """Accumulates diagnostics so that every problem is reported at once."""

    diagnostics: list[Diagnostic] = field(default_factory=list)

    def add(self, diagnostic: Diagnostic) -> None:
        if diagnostic not in self.diagnostics:
            self.diagnostics.append(diagnostic)

    def extend(self, diagnostics: Iterable[Diagnostic]) -> None:
        for d in diagnostics:
            self.add(d)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if not d.is_error]

    def sorted(self) -> list[Diagnostic]:
        return sorted(self.diagnostics, key=_sort_key)

    def raise_if_errors(self) -> None:
        if self.errors:
            raise UserError(self.errors)


def closest(value: str, known: Iterable[str]) -> str | None:
    """The known value the user probably meant, for « vouliez-vous dire … ? ».

    Same letters in another case first (« drh » → « DRH »), then the closest spelling, then a known
    value that contains what was written (« moyens » → « moyens-mobilisables »).
    """
    candidates = list(known)
    for candidate in candidates:
        if candidate.casefold() == value.casefold():
            return candidate
    folded = {c.casefold(): c for c in candidates}
    close = difflib.get_close_matches(value.casefold(), list(folded), n=1, cutoff=0.6)
    if close:
        return folded[close[0]]
    if len(value) >= 3:
        return next((c for c in candidates if value.casefold() in c.casefold()), None)
    return None
