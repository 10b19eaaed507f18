"""What every ``ccas-docs`` command shares: click settings, error printing, progress lines."""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

import click

from ccas_docs.cli import french
from ccas_docs.common.diagnostics import Diagnostic, UserError
from ccas_docs.writers import PDF_ENGINES

french.install()  # before the parameter types below are built: click names them in English at construction

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
ProjectDir = click.Path(file_okay=False, path_type=Path)
DataFile = click.Path(dir_okay=False, path_type=Path)


class Year(click.ParamType):
    """A year written with the digits 0 to 9 (click's int takes « ٢٠٢٥ », as Python's ``int`` does)."""

    name = "AAAA"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int):
            return value
        text = str(value).strip()
        if not (text.isascii() and text.isdigit() and len(text) == 4):
            self.fail(f"année « {text} » invalide : écrire quatre chiffres de 0 à 9, par exemple « 2025 »", param, ctx)
        return int(text)


pdf_engine_option = click.option(
    "--pdf-engine",
    type=click.Choice(PDF_ENGINES),
    default="weasyprint",
    show_default=True,
    help="Moteur PDF : weasyprint (HTML) ou libreoffice (mise en page Word exacte).",
)
timeout_option = click.option(
    "--timeout",
    type=click.FloatRange(min=1),
    default=120,
    show_default=True,
    help="Délai maximal accordé à LibreOffice, en secondes.",
)


def print_diagnostics(diagnostics: list[Diagnostic]) -> None:
    for d in diagnostics:
        click.echo(d.format(), err=True)


def user_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn a :class:`UserError` into its messages on stderr and exit code 1."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except UserError as exc:
            print_diagnostics(exc.diagnostics)
            n = len(exc.diagnostics)
            click.echo(f"{n} erreur{'s' if n > 1 else ''}.", err=True)
            if exc.note:
                click.echo(exc.note, err=True)
            sys.exit(1)

    return wrapper


def shown(path: Path) -> str:
    """A path as the user typed it: relative to the current folder when it is inside."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def progress_line(n: int, total: int, path: Path, seconds: float | None) -> str:
    """« [ 3/24] output/convention.pdf  1,20 s », or « à jour » when nothing was rewritten."""
    status = "à jour" if seconds is None else f"{seconds:.2f} s".replace(".", ",")
    return f"[{n:>{len(str(total))}}/{total}] {shown(path)}  {status}"
