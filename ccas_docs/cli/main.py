"""The ``ccas-docs`` command line: parses arguments, calls the library, prints. No logic here.

Heavy libraries (python-docx, WeasyPrint, openpyxl…) are imported inside the commands that
need them, so that ``ccas-docs --help`` and ``ccas-docs check`` start fast.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ccas_docs.cli import french as clifr
from ccas_docs.cli.common import (
    CONTEXT,
    ProjectDir,
    pdf_engine_option,
    print_diagnostics,
    progress_line,
    timeout_option,
    user_errors,
)
from ccas_docs.common.diagnostics import UserError

clifr.install()


@click.group(context_settings=CONTEXT)
@click.version_option(package_name="ccas-docs", message="ccas-docs %(version)s")
def main() -> None:
    """Convention de mutualisation Ville de Porto-Vecchio / CCAS : vérifier, générer, facturer.

    Chaque commande lit le projet (convention.yaml, services.yaml, annexes/) du dossier DOSSIER,
    par défaut le dossier courant.
    """


@main.command(context_settings=CONTEXT)
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


@main.command(context_settings=CONTEXT)
@click.argument("directory", metavar="[DOSSIER]", default=".", type=ProjectDir)
@click.option(
    "--output",
    "-o",
    "output",
    type=click.Path(file_okay=False, path_type=Path),
    help="Dossier des documents générés (par défaut DOSSIER/output).",
)
@pdf_engine_option
@click.option("--force", is_flag=True, help="Tout régénérer, même ce qui est à jour.")
@timeout_option
@user_errors
def build(directory: Path, output: Path | None, pdf_engine: str, force: bool, timeout: float) -> None:
    """Générer la convention et chaque fiche annexe en DOCX, HTML et PDF dans output/."""
    from ccas_docs.jobs.build import Built
    from ccas_docs.jobs.build import build as run_build

    state = {"total": 0, "n": 0}

    def start(total: int) -> None:
        state["total"] = total

    def report(item: Built) -> None:
        state["n"] += 1
        click.echo(progress_line(state["n"], state["total"], item.path, None if item.skipped else item.seconds))

    try:
        results = run_build(directory, output or directory / "output", pdf_engine, force, report, timeout, start)
    except UserError as exc:
        if state["n"]:
            exc.note = "Génération interrompue : aucun document n'a été remplacé, les précédents sont intacts."
        raise
    rebuilt = sum(1 for r in results if not r.skipped)
    click.echo(f"{rebuilt} document(s) générés, {len(results) - rebuilt} déjà à jour.", err=True)


@main.command(context_settings=CONTEXT)
@click.option(
    "--output",
    "-o",
    "output",
    default="schema",
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Dossier où écrire les schémas.",
)
@user_errors
def schema(output: Path) -> None:
    """Écrire les schémas JSON qui donnent aux éditeurs la complétion et la validation du YAML."""
    from ccas_docs.model.jsonschema import write_schemas
    from ccas_docs.versions.avenant import Avenant

    for path in write_schemas(output, {"avenant.schema.json": Avenant}):
        click.echo(str(path))


from ccas_docs.cli.invoice import invoice  # noqa: E402
from ccas_docs.cli.schedule import schedule  # noqa: E402

main.add_command(invoice)
main.add_command(schedule)


if __name__ == "__main__":  # pragma: no cover
    main()
