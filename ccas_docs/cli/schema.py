"""``ccas-docs schema``: the JSON Schemas that give editors completion and validation of the YAML."""

from __future__ import annotations

from pathlib import Path

import click

from ccas_docs.cli.common import (
    CONTEXT,
    user_errors,
)


@click.command(context_settings=CONTEXT)
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
