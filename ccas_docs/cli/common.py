"""What every ``ccas-docs`` command shares: click settings, error printing, progress lines."""

from __future__ import annotations

import os
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


output_option = click.option(
    "--output",
    "-o",
    "output",
    type=click.Path(file_okay=False, path_type=Path),
    help="Dossier des documents générés (par défaut DOSSIER/output).",
)


class Seconds(click.FloatRange):
    """A number of seconds written with the digits 0 to 9 (Python's ``float`` takes « ١٢٠ »)."""

    name = "secondes"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and not value.isascii():
            self.fail(
                f"« {value} » invalide : écrire un nombre avec les chiffres 0 à 9, par exemple « 120 »", param, ctx
            )
        return super().convert(value, param, ctx)


timeout_option = click.option(
    "--timeout",
    type=Seconds(min=1),
    default=120,
    show_default=True,
    help="Délai maximal accordé à LibreOffice, en secondes.",
)


def print_diagnostics(diagnostics: list[Diagnostic]) -> None:
    for d in diagnostics:
        click.echo(d.format(), err=True)


INTERRUPTED = 130  # the shell's code for a command stopped by Ctrl-C (128 + SIGINT)
INTERNAL_ERROR = 3
DEBUG_VARIABLE = "CCAS_DOCS_DEBUG"


def user_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn a :class:`UserError` into its messages on stderr and exit code 1; Ctrl-C into exit code 130.

    Last resort only: any other exception is a bug of the tool, not of the user's files. It is
    reported in one French line, its traceback written to a log file (or shown with
    ``CCAS_DOCS_DEBUG=1``), exit code 3. Each known cause is handled where it happens.
    """

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
        except KeyboardInterrupt:
            click.echo(
                "Interrompu (Ctrl-C) : aucun fichier n'a été remplacé à moitié, les précédents sont intacts.", err=True
            )
            sys.exit(INTERRUPTED)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise  # click's own usage errors and exits: printed by click, in French, code 2
        except Exception as exc:
            if os.environ.get(DEBUG_VARIABLE):
                raise
            click.echo(
                f"erreur interne de ccas-docs ({type(exc).__name__}) : ce n'est pas une erreur de vos fichiers ; "
                f"{_log_traceback()}",
                err=True,
            )
            sys.exit(INTERNAL_ERROR)

    return wrapper


def _log_traceback() -> str:
    """Write the current traceback to a log file; say where (or how to see it)."""
    import tempfile
    import traceback

    try:
        fd, name = tempfile.mkstemp(prefix="ccas-docs-erreur-", suffix=".log")
        with os.fdopen(fd, "w", encoding="utf-8") as log:
            log.write(traceback.format_exc())
    except OSError:
        return f"relancer avec {DEBUG_VARIABLE}=1 pour le détail"
    return f"détail dans {name} (ou relancer avec {DEBUG_VARIABLE}=1)"


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
