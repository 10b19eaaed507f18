"""``ccas-docs schedule``: argument parsing and printing only; the work is in :mod:`ccas_docs.invoicing`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ccas_docs.cli.common import CONTEXT, ProjectDir, progress_line, user_errors


def text_table(table: Any) -> list[str]:
    """A document tree :class:`~ccas_docs.compose.tree.Table` as aligned plain-text lines."""

    def text(c: Any) -> str:
        return " ".join(getattr(part, "text", "") for part in c.content)

    header = [text(c) for c in table.header]
    rows = [[text(c) for c in row] for row in table.rows]
    widths = [max(len(r[i]) for r in [header, *rows] if i < len(r)) for i in range(len(header))]
    align = list(table.align) + ["left"] * (len(header) - len(table.align))

    def line(cells: list[str]) -> str:
        out = []
        for i, value in enumerate(cells):
            out.append(value.rjust(widths[i]) if align[i] == "right" else value.ljust(widths[i]))
        return "  ".join(out).rstrip()

    return [line(header), "  ".join("-" * w for w in widths), *(line(r) for r in rows)]


@click.command(context_settings=CONTEXT)
@click.argument("directory", metavar="[DOSSIER]", default=".", type=ProjectDir)
def schedule(directory: Path) -> None:
    """Échéancier de facturation : chaque année de la convention, sa date, ses taux et son montant.

    Écrit output/echeancier.xlsx et output/echeancier.pdf et affiche le tableau. Un montant calculé
    sur des charges de personnel prévisionnelles est marqué « estimation ».
    """
    user_errors(_schedule)(directory)


def _schedule(directory: Path) -> None:
    from ccas_docs.jobs.schedule import write_schedule

    result = write_schedule(directory)
    for title, table in result.tables:
        click.echo(title)
        for line in text_table(table):
            click.echo("  " + line)
        click.echo("")
    for n, item in enumerate(result.files, start=1):
        click.echo(progress_line(n, len(result.files), item.path, None if item.unchanged else item.seconds), err=True)
