"""``ccas-docs verify``: which registered version a PDF is, and what its signatures prove."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ccas_docs.cli.common import CONTEXT, ProjectDir, user_errors


@click.command(context_settings=CONTEXT)
@click.argument("pdf", metavar="[FICHIER.pdf]", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--confiance",
    "trusted",
    multiple=True,
    type=click.Path(path_type=Path),  # a missing file: exit 1 and its name, as every input file
    help="Certificat (PEM ou DER) d'une autorité de confiance, en plus de signatures/confiance/ (répétable).",
)
@click.option("--rebuild", "version", metavar="VERSION", help="Reconstruire VERSION et la comparer au scellé.")
@click.option("--projet", "project", default=".", type=ProjectDir, show_default=True, help="Dossier du projet.")
@user_errors
def verify(pdf: Path | None, trusted: tuple[Path, ...], version: str | None, project: Path) -> None:
    """Vérifier un PDF : version enregistrée, signatures (signataire, date, intégrité, confiance).

    Code 0 seulement si le PDF est une version enregistrée et si chaque signature présente est
    intacte, couvre le document sans modification ultérieure et émane d'une autorité de confiance.
    Aucun accès au réseau. Avec --rebuild VERSION : reconstruit la version depuis ses sources
    et prouve qu'elle est identique à l'octet à la version scellée.
    """
    if version is not None:
        from ccas_docs.jobs.verify import rebuild

        if pdf is not None:
            raise click.UsageError("donner un FICHIER.pdf ou --rebuild VERSION, pas les deux")
        result = rebuild(project, version)
        origin = f" (sources du commit {result.from_commit[:12]})" if result.from_commit else ""
        click.echo(f"Version « {result.version} » reconstruite{origin} : identique à l'octet à la version scellée.")
        for name in result.files:
            click.echo(f"    {name} : identique")
        return
    if pdf is None:
        raise click.UsageError("donner le FICHIER.pdf à vérifier, ou --rebuild VERSION")
    from ccas_docs.jobs.verify import verify as run_verify

    result = run_verify(pdf, project, list(trusted))
    if result.version:
        click.echo(f"{result.file} : version « {result.version} » ({result.how})")
    else:
        click.echo(f"{result.file} : aucune version enregistrée")
    for report in result.signatures:
        for line in report.lines():
            click.echo(line)
    for state in result.unsigned:
        click.echo(f"champ « {state.name} » : pas encore signé (page {state.page})")
    if not result.signatures and result.version:
        click.echo("aucune signature")
    for problem in result.problems:
        click.echo(f"{result.file}: erreur: {problem}", err=True)
    if result.ok:
        click.echo("Résultat : VALIDE")
    else:
        click.echo("Résultat : NON VALIDE", err=True)
        sys.exit(1)
