"""``ccas-docs seal``: freeze the version to sign into signatures/<version>/, registered."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from ccas_docs.cli.common import CONTEXT, Day, ProjectDir, shown, user_errors


@click.command(context_settings=CONTEXT)
@click.argument("directory", metavar="[DOSSIER]", default=".", type=ProjectDir)
@click.option(
    "--avenant",
    "avenant",
    type=click.IntRange(min=1),
    metavar="NUMÉRO",
    help="Sceller l'avenant NUMÉRO lui-même (dans signatures/avenant-NNN/).",
)
@click.option(
    "--at",
    "at",
    type=Day(),
    metavar="DATE",
    help=(
        "Sceller la convention consolidée en vigueur à cette DATE, AAAA-MM-JJ ou JJ/MM/AAAA "
        "(dans signatures/consolidee-AAAA-MM-JJ/)."
    ),
)
@user_errors
def seal(directory: Path, avenant: int | None, at: dt.date | None) -> None:
    """Sceller la convention à signer dans signatures/convention-originale/.

    Avec --avenant NUMÉRO, l'avenant lui-même ; avec --at AAAA-MM-JJ, la convention consolidée en
    vigueur à cette date.

    Écrit le PDF/A-2b (un champ de signature vide par signataire), le DOCX et un manifeste
    (empreintes des fichiers et des sources), puis l'inscrit à signatures/registre.csv. Refusé
    tant que check signale une erreur ou qu'une valeur « À COMPLÉTER » reste à remplir.
    """
    from ccas_docs.jobs.seal import seal as run_seal
    from ccas_docs.jobs.seal import version_id

    result = run_seal(directory, version_id(avenant, at))
    if result.already:
        click.echo(
            f"Version « {result.version} » déjà scellée, sources inchangées : rien à faire ({shown(result.folder)}).",
            err=True,
        )
    else:
        for field in result.fields:
            click.echo(f"champ « {field.name} » : page {field.page} ({field.label})", err=True)
        click.echo(f"Version « {result.version} » scellée et enregistrée dans signatures/registre.csv.", err=True)
    for path in result.files:
        click.echo(shown(path))
