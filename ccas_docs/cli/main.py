"""The ``ccas-docs`` command line: parses arguments, calls the library, prints. No logic here.

Heavy libraries (python-docx, WeasyPrint, openpyxl…) are imported inside the commands that
need them, so that ``ccas-docs --help`` and ``ccas-docs check`` start fast.
"""

from __future__ import annotations

import click

from ccas_docs.cli import french as clifr
from ccas_docs.cli.common import (
    CONTEXT,
)

clifr.install()


@click.group(context_settings=CONTEXT, subcommand_metavar=clifr.SUBCOMMAND_METAVAR)
@click.version_option(package_name="ccas-docs", message="ccas-docs %(version)s")
def main() -> None:
    """Convention de mutualisation Ville de Porto-Vecchio / CCAS : vérifier, générer, facturer.

    Chaque commande lit le projet (convention.yaml, services.yaml, annexes/) du dossier DOSSIER,
    par défaut le dossier courant.
    """


def _register() -> None:
    from ccas_docs.cli.avenant import avenant
    from ccas_docs.cli.build import build
    from ccas_docs.cli.check import check
    from ccas_docs.cli.importer import import_
    from ccas_docs.cli.invoice import invoice
    from ccas_docs.cli.redline import redline
    from ccas_docs.cli.schedule import schedule
    from ccas_docs.cli.schema import schema
    from ccas_docs.cli.seal import seal
    from ccas_docs.cli.sign import sign
    from ccas_docs.cli.verify import verify

    for command in (check, build, import_, invoice, schedule, schema, avenant, redline, seal, sign, verify):
        main.add_command(command)


_register()

if __name__ == "__main__":  # pragma: no cover
    main()
