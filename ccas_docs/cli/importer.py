"""``ccas-docs import RELU.docx``: the reviewer's tracked changes into the YAML (or a draft avenant)."""

from __future__ import annotations

from pathlib import Path

import click

from ccas_docs.cli.common import CONTEXT, DataFile, ProjectDir, print_diagnostics, shown, user_errors


@click.command("import", context_settings=CONTEXT)
@click.argument("reviewed", metavar="RELU.docx", type=DataFile)
@click.argument("directory", metavar="[DOSSIER]", default=".", type=ProjectDir)
@click.option("--essai", is_flag=True, help="Afficher la liste des modifications sans rien écrire.")
@user_errors
def import_(reviewed: Path, directory: Path, essai: bool) -> None:
    """Reporter dans les fichiers YAML les modifications suivies et lister les commentaires d'un DOCX relu.

    Tant qu'aucune version n'est scellée, les modifications sont appliquées aux fichiers YAML ;
    ensuite, elles forment un projet d'avenant avenants/NNN-projet.yaml, à vérifier et compléter.
    Un texte généré (clause de coût, numéros, renvois, tableau financier, parties) n'est jamais
    modifié : le message dit quel fait le produit et où il s'écrit.
    """
    from ccas_docs.jobs.importer import import_review, refusal_diagnostics, report_lines

    result = import_review(directory, reviewed, essai=essai, shown=shown(reviewed))
    click.echo("\n".join(report_lines(result)))
    print_diagnostics(refusal_diagnostics(result))
    if essai:
        click.echo("Essai : rien n'a été écrit.", err=True)
    elif result.sealed:
        if result.edits:
            click.echo(f"Projet d'avenant écrit : {result.draft} (à vérifier et compléter).", err=True)
    else:
        files = ", ".join(result.written) or "aucun"
        click.echo(f"Fichiers YAML modifiés : {files}. Rapport : {result.report}.", err=True)
