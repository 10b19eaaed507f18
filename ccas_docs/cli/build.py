"""``ccas-docs build``: the convention and its annex fiches as DOCX, HTML and PDF in output/."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from ccas_docs.cli.common import (
    CONTEXT,
    ProjectDir,
    output_option,
    pdf_engine_option,
    progress_line,
    timeout_option,
    user_errors,
)
from ccas_docs.common.diagnostics import UserError


@click.command(context_settings=CONTEXT)
@click.argument("directory", metavar="[DOSSIER]", default=".", type=ProjectDir)
@output_option
@pdf_engine_option
@click.option("--force", is_flag=True, help="Tout régénérer, même ce qui est à jour.")
@timeout_option
@click.option(
    "--at",
    "at",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    metavar="AAAA-MM-JJ",
    help="Générer la version consolidée en vigueur à cette date (dans output/consolidee-AAAA-MM-JJ).",
)
@user_errors
def build(
    directory: Path, output: Path | None, pdf_engine: str, force: bool, timeout: float, at: dt.datetime | None
) -> None:
    """Générer la convention et chaque fiche annexe en DOCX, HTML et PDF dans output/.

    Sans --at, le texte initial ; avec --at, le texte en vigueur à cette date, avenants intégrés.
    """
    from ccas_docs.jobs.build import Built
    from ccas_docs.jobs.build import build as run_build

    state = {"total": 0, "n": 0}

    def start(total: int) -> None:
        state["total"] = total

    def report(item: Built) -> None:
        state["n"] += 1
        click.echo(progress_line(state["n"], state["total"], item.path, None if item.skipped else item.seconds))

    try:
        results = run_build(
            directory,
            output or directory / "output",
            pdf_engine,
            force,
            report,
            timeout,
            start,
            at.date() if at is not None else None,
        )
    except UserError as exc:
        if state["n"]:
            exc.note = "Génération interrompue : aucun document n'a été remplacé, les précédents sont intacts."
        raise
    rebuilt = sum(1 for r in results if not r.skipped)
    click.echo(f"{rebuilt} document(s) générés, {len(results) - rebuilt} déjà à jour.", err=True)
    click.echo(
        "Ce sont des projets (« PROJET » sur chaque page) ; la version à signer se scelle avec "
        "« ccas-docs seal », dans signatures/.",
        err=True,
    )
