"""``ccas-docs redline``: the convention with an avenant's changes as Word revisions (suivi des modifications)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from ccas_docs.cli.common import CONTEXT, ProjectDir, output_option, shown, user_errors

Day = click.DateTime(formats=["%Y-%m-%d"])


@click.command(context_settings=CONTEXT)
@click.argument("directory", metavar="[DOSSIER]", default=".", type=ProjectDir)
@click.option("--avenant", "numero", type=click.IntRange(min=1), help="Numéro de l'avenant (ex. 1).")
@click.option("--from", "start", type=Day, metavar="AAAA-MM-JJ", help="Version en vigueur à cette date…")
@click.option("--to", "end", type=Day, metavar="AAAA-MM-JJ", help="…comparée à la version en vigueur à celle-ci.")
@output_option
@user_errors
def redline(
    directory: Path, numero: int | None, start: dt.datetime | None, end: dt.datetime | None, output: Path | None
) -> None:
    """Écrire la convention avec les modifications d'un avenant en suivi des modifications Word.

    Chaque différence est une révision native (insertion, suppression) que Word et LibreOffice
    savent accepter ou refuser, signée « Avenant n° N » à la date d'effet de l'avenant.
    """
    from ccas_docs.jobs.redline import redline as run_redline

    if (numero is None) == (start is None and end is None) or (numero is None and (start is None or end is None)):
        raise click.UsageError("indiquer soit --avenant N, soit --from AAAA-MM-JJ et --to AAAA-MM-JJ")
    result = run_redline(
        directory,
        output or directory / "output",
        avenant=numero,
        start=start.date() if start else None,
        end=end.date() if end else None,
    )
    click.echo(shown(result.path))
    click.echo(
        f"{result.before.label} → {result.after.label} : {result.summary} ; {result.revisions} révision(s) Word.",
        err=True,
    )
