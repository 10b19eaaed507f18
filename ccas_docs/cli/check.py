"""``ccas-docs check``: every error and warning of the convention, located ``file:line:col``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ccas_docs.cli.common import (
    CONTEXT,
    ProjectDir,
    print_diagnostics,
    user_errors,
)
from ccas_docs.common.diagnostics import UserError


@click.command(context_settings=CONTEXT)
@click.argument("directory", metavar="[DOSSIER]", default=".", type=ProjectDir)
@click.option("--strict", is_flag=True, help="Échouer (code 1) aussi sur les avertissements.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["texte", "json"]),
    default="texte",
    show_default=True,
    help="Format des messages : texte pour les personnes, json pour les outils.",
)
@user_errors
def check(directory: Path, strict: bool, fmt: str) -> None:
    """Vérifier la convention : validité des fichiers et cohérence du texte et de la facturation."""
    from ccas_docs.checks.versions import check_all
    from ccas_docs.model.project import load_project

    try:
        project = load_project(directory)
        diagnostics = check_all(project).sorted()
    except UserError as exc:
        diagnostics = exc.diagnostics
    errors = [d for d in diagnostics if d.is_error]
    warnings = [d for d in diagnostics if not d.is_error]
    if fmt == "json":
        click.echo(
            json.dumps(
                {
                    "erreurs": len(errors),
                    "avertissements": len(warnings),
                    "messages": [d.as_dict() for d in diagnostics],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        print_diagnostics(diagnostics)
        if errors:
            click.echo(f"{len(errors)} erreur(s), {len(warnings)} avertissement(s).", err=True)
        else:
            click.echo(f"Convention valide : {len(warnings)} avertissement(s).", err=True)
    if errors or (strict and warnings):
        sys.exit(1)
