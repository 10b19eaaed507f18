"""``ccas-docs avenant N``: the avenant itself, worded from its changes, as DOCX, HTML and PDF/A."""

from __future__ import annotations

from pathlib import Path

import click

from ccas_docs.cli.common import (
    CONTEXT,
    ProjectDir,
    output_option,
    pdf_engine_option,
    shown,
    timeout_option,
    user_errors,
)


@click.command(context_settings=CONTEXT)
@click.argument("numero", metavar="NUMÉRO", type=click.IntRange(min=1))
@click.argument("directory", metavar="[DOSSIER]", default=".", type=ProjectDir)
@output_option
@pdf_engine_option
@timeout_option
@user_errors
def avenant(numero: int, directory: Path, output: Path | None, pdf_engine: str, timeout: float) -> None:
    """Écrire l'avenant NUMÉRO en DOCX, HTML et PDF/A dans output/avenants/.

    Titre, parties, visas des deux délibérations, un article par modification rédigé selon le
    Guide de légistique (numéros de la version amendée), date d'effet et page des signatures.
    """
    from ccas_docs.jobs.avenant import avenant as run_avenant

    result = run_avenant(directory, output or directory / "output", numero, pdf_engine, timeout)
    for path in result.paths:
        click.echo(shown(path))
    click.echo(f"{result.label} : {len(result.paths)} document(s) générés.", err=True)
