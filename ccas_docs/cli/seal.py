"""``ccas-docs seal``: freeze the version to sign into signatures/<version>/, registered."""

from __future__ import annotations

from pathlib import Path

import click

from ccas_docs.cli.common import CONTEXT, ProjectDir, shown, user_errors


@click.command(context_settings=CONTEXT)
@click.argument("directory", metavar="[DOSSIER]", default=".", type=ProjectDir)
@user_errors
def seal(directory: Path) -> None:
    """Sceller la convention à signer dans signatures/convention-originale/.

    Écrit le PDF/A-2b (un champ de signature vide par signataire), le DOCX et un manifeste
    (empreintes des fichiers et des sources), puis l'inscrit à signatures/registre.csv. Refusé
    tant que check signale une erreur ou qu'une valeur « À COMPLÉTER » reste à remplir.
    """
    from ccas_docs.jobs.seal import seal as run_seal

    result = run_seal(directory)
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
