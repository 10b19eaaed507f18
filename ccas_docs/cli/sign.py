"""``ccas-docs sign``: one PAdES signature in one field of a sealed version."""

from __future__ import annotations

import os
from pathlib import Path

import click

from ccas_docs.cli.common import CONTEXT, DataFile, ProjectDir, shown, user_errors

PASSWORD_ENV = "CCAS_DOCS_P12_PASSWORD"


def _password() -> bytes:
    """From the environment, or asked without echo; never an argument, never printed."""
    value = os.environ.get(PASSWORD_ENV)
    if value is None:
        value = click.prompt("Mot de passe du certificat", hide_input=True, default="", show_default=False, err=True)
    return value.encode("utf-8")


@click.command(context_settings=CONTEXT)
@click.argument("pdf", metavar="FICHIER.pdf", type=DataFile)
@click.option("--champ", required=True, help="Champ de signature à signer : maire ou ccas.")
@click.option("--p12", "p12", required=True, type=DataFile, help="Certificat du signataire (PKCS#12 : .p12, .pfx).")
@click.option("--projet", "project", default=".", type=ProjectDir, show_default=True, help="Dossier du projet.")
@click.option("--lieu", default="Porto-Vecchio", show_default=True, help="Lieu de signature inscrit dans la signature.")
@user_errors
def sign(pdf: Path, champ: str, p12: Path, project: Path, lieu: str) -> None:
    """Signer un champ d'une version scellée (signature PAdES, cachet visible).

    Le mot de passe du certificat est lu dans CCAS_DOCS_P12_PASSWORD ou demandé sans écho. Le
    fichier signé est un nouveau fichier (convention.signe-maire.pdf…) ; le fichier scellé est
    conservé. La dernière ligne affichée est le chemin du fichier signé.
    """
    from ccas_docs.jobs.sign import sign as run_sign

    result = run_sign(pdf, champ, p12, _password, project, lieu)
    click.echo(f"Champ « {result.field} » signé par {result.signer} ; inscrit à signatures/registre.csv.", err=True)
    click.echo(shown(result.path))
