"""``ccas-docs invoice``: argument parsing and printing only; the work is in :mod:`ccas_docs.jobs.invoice`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import click

from ccas_docs.cli.common import (
    CONTEXT,
    DataFile,
    ProjectDir,
    Year,
    pdf_engine_option,
    progress_line,
    timeout_option,
    user_errors,
)


class FrenchDate(click.ParamType):
    name = "JJ/MM/AAAA"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> dt.date:
        if isinstance(value, dt.date):
            return value
        text = str(value).strip()
        for pattern in () if not text.isascii() else ("%d/%m/%Y", "%Y-%m-%d"):
            try:
                return dt.datetime.strptime(text, pattern).date()
            except ValueError:
                continue
        self.fail(f"date « {text} » invalide : écrire JJ/MM/AAAA, par exemple « 15/01/2026 »", param, ctx)


@click.command(context_settings=CONTEXT)
@click.argument("directory", metavar="[DOSSIER]", default=".", type=ProjectDir)
@click.option("--year", "-y", "year", type=Year(), help="Année facturée N (exercice) ; inutile avec --annule.")
@click.option(
    "--projet",
    "draft",
    is_flag=True,
    help="Écrire un projet de facture dans output/factures/projet/<N>/ : mention « PROJET » sur chaque page, "
    "aucun numéro consommé, rien d'enregistré (possible tant que des valeurs sont « À COMPLÉTER »).",
)
@click.option(
    "--annule",
    "cancel",
    metavar="NUMÉRO",
    help="Annuler la facture émise NUMÉRO, quelle que soit l'erreur : un avoir de tout son montant, puis la "
    "facture rectifiée sous le numéro suivant, tous deux enregistrés (avec --motif).",
)
@click.option("--motif", default="", help="Motif de l'annulation (--annule), imprimé sur l'avoir et la facture.")
@click.option(
    "--charges",
    type=DataFile,
    help="Charges de personnel de l'année N-1, CSV ou XLSX (par défaut data/charges-personnel/<N-1>.csv).",
)
@click.option("--frais", type=DataFile, help="Frais réels de l'année N à rembourser (par défaut data/frais/<N>.csv).")
@click.option(
    "--sans-frais",
    "without_costs",
    is_flag=True,
    help="Facturer sans frais réels : aucun frais cette année (sinon le fichier des frais est exigé "
    "dès qu'une fiche en prévoit).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["documents", "json"]),
    default="documents",
    show_default=True,
    help="documents : DOCX, PDF Factur-X, XLSX et CSV dans output/factures/<N>/, enregistrés au registre ; "
    "json : le détail du calcul sur la sortie standard, sans rien écrire ni enregistrer.",
)
@click.option("--avoir", is_flag=True, help="Émettre un avoir : le nouveau calcul est inférieur au montant facturé.")
@click.option(
    "--complement",
    is_flag=True,
    help="Émettre une facture complémentaire : le nouveau calcul dépasse le montant facturé.",
)
@click.option(
    "--date",
    "issue_date",
    type=FrenchDate(),
    help="Date d'émission de l'avoir ou de la facture complémentaire (par défaut aujourd'hui, "
    "au plus tôt la date de la facture corrigée).",
)
@click.option(
    "--titre",
    metavar="N",
    help="Enregistrer au registre le numéro du titre de recettes émis dans le logiciel comptable pour la "
    "facture de l'exercice --year (ou le document --facture), avec --bordereau : les fichiers émis ne sont "
    "pas modifiés (ils portent des lignes à compléter à la main).",
)
@click.option("--bordereau", metavar="N", help="Numéro du bordereau du titre de recettes (avec --titre).")
@click.option("--facture", "document", metavar="NUMÉRO", help="Avec --titre : le document émis concerné.")
@pdf_engine_option
@timeout_option
def invoice(
    directory: Path,
    year: int,
    charges: Path | None,
    frais: Path | None,
    without_costs: bool,
    fmt: str,
    avoir: bool,
    complement: bool,
    issue_date: dt.date | None,
    pdf_engine: str,
    timeout: float,
    draft: bool = False,
    cancel: str | None = None,
    motif: str = "",
    titre: str | None = None,
    bordereau: str | None = None,
    document: str | None = None,
) -> None:
    """Émettre l'état de refacturation de l'année N (titre de recettes) et l'enregistrer au registre.

    Le montant est calculé sur les charges de personnel réalisées de l'année N-1 et les frais réels
    de l'année N. Une facture émise n'est jamais modifiée : relancer la commande régénère les mêmes
    fichiers ; si le calcul change, émettre un avoir (--avoir) ou une facture complémentaire
    (--complement) ; pour toute autre erreur, annuler et réémettre (--annule NUMÉRO --motif « … »).
    Tant que la convention a des valeurs « À COMPLÉTER », seul un projet (--projet) peut être écrit.
    """
    if titre is not None or bordereau is not None or document is not None:
        _titre_usage(titre, bordereau, document, year, (draft, avoir, complement, cancel, fmt != "documents"))
        user_errors(_titre)(directory, document, year, titre, bordereau, issue_date)
        return
    if frais is not None and without_costs:
        raise click.UsageError("choisir --frais ou --sans-frais, pas les deux")
    if sum((avoir, complement, cancel is not None, draft)) > 1:
        raise click.UsageError("choisir une seule de ces options : --projet, --avoir, --complement, --annule")
    if year is None and cancel is None:
        raise click.UsageError("indiquer l'année facturée : --year N (ou --annule NUMÉRO)")
    if cancel is not None and not motif.strip():
        raise click.UsageError("--annule demande le motif de l'annulation : --motif « … »")
    if motif and cancel is None:
        raise click.UsageError("--motif ne s'emploie qu'avec --annule")
    if fmt == "json" and (draft or cancel):
        raise click.UsageError("--format json n'écrit aucun document : ne pas le combiner avec --projet ou --annule")
    if fmt == "json" and (avoir or complement or issue_date):
        raise click.UsageError(
            "--format json n'émet aucun document : ne pas le combiner avec --avoir, --complement ou --date"
        )
    if issue_date is not None and not (avoir or complement or cancel):
        raise click.UsageError(
            "--date ne s'emploie qu'avec --avoir, --complement ou --annule : une facture est datée "
            "de la date d'émission fixée par la convention"
        )
    if fmt == "json":
        user_errors(_json)(directory, year, charges, frais, without_costs)
        return
    user_errors(_documents)(
        directory,
        year,
        charges,
        frais,
        avoir,
        complement,
        issue_date,
        pdf_engine,
        timeout,
        draft,
        cancel,
        motif,
        without_costs=without_costs,
    )


def _json(directory: Path, year: int, charges: Path | None, frais: Path | None, without_costs: bool) -> None:
    import json

    from ccas_docs.jobs.invoice import ledger_json

    data = ledger_json(directory, year, charges, frais, without_costs)
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _documents(
    directory: Path,
    year: int | None,
    charges: Path | None,
    frais: Path | None,
    avoir: bool,
    complement: bool,
    issue_date: dt.date | None,
    pdf_engine: str,
    timeout: float,
    draft: bool,
    cancel: str | None,
    motif: str,
    without_costs: bool = False,
) -> None:
    from ccas_docs.common import fr
    from ccas_docs.jobs.invoice import issue_invoice

    correction = "avoir" if avoir else "complement" if complement else None
    result = issue_invoice(
        directory,
        year,
        charges,
        frais,
        correction,
        pdf_engine,
        issue_date,
        timeout,
        draft=draft,
        cancel=cancel,
        motif=motif,
        without_costs=without_costs,
    )
    if result.warnings:
        n = len(result.warnings)
        todo = sum(1 for d in result.warnings if d.code == "a-completer")
        click.echo(
            f"Attention : la convention a {n} avertissement{'s' if n > 1 else ''}"
            + (f", dont {todo} valeur{'s' if todo > 1 else ''} « À COMPLÉTER »" if todo else "")
            + " ; « ccas-docs check » les détaille.",
            err=True,
        )
    if result.status == "corrigee":
        names = ", ".join(
            ("l'avoir" if c.type == "avoir" else "la facture complémentaire") + f" N° {c.numero}"
            for c in result.corrections
        )
        click.echo(
            f"La facture {year} a été corrigée par {names} : le montant net facturé, {fr.money(result.amount)}, "
            "est celui du calcul. Rien à émettre.",
            err=True,
        )
        return
    for n, item in enumerate(result.files, start=1):
        click.echo(progress_line(n, len(result.files), item.path, None if item.unchanged else item.seconds))
    header = result.header
    assert header is not None
    if result.status == "projet":
        click.echo(
            f"Projet de facture {result.year} : {fr.money(result.amount)}, sans numéro, non enregistré "
            "(mention « PROJET » sur chaque page).",
            err=True,
        )
        return
    if result.status == "annulee":
        (avoir_header, cancelled), (again, amount) = result.documents
        click.echo(
            f"Facture N° {avoir_header.corrects} annulée par l'avoir N° {avoir_header.number} du "
            f"{fr.date(avoir_header.issue_date)} ({fr.money(cancelled)}), remplacée par la facture "
            f"N° {again.number} : {fr.money(amount)} ; tous deux enregistrés au registre {result.register}.",
            err=True,
        )
        return
    what = {"facture": "Facture", "avoir": "Avoir", "complement": "Facture complémentaire"}[header.kind]
    if result.status == "emise":
        tail = f"enregistré{'' if header.kind == 'avoir' else 'e'} au registre {result.register}."
    else:
        tail = f"déjà émis{'' if header.kind == 'avoir' else 'e'} : fichiers identiques à ceux du registre."
    click.echo(
        f"{what} N° {header.number} du {fr.date(header.issue_date)} : {fr.money(result.amount)}, {tail}", err=True
    )


def _titre_usage(
    titre: str | None, bordereau: str | None, document: str | None, year: int | None, others: tuple[object, ...]
) -> None:
    from ccas_docs.registry.titres import NUMBER

    if titre is None or bordereau is None:
        raise click.UsageError("--titre et --bordereau s'emploient ensemble : --titre N --bordereau N")
    if any(others):
        raise click.UsageError(
            "--titre enregistre des numéros sans rien émettre : ne pas le combiner avec --projet, --avoir, "
            "--complement, --annule ou --format json"
        )
    if (document is None) == (year is None):
        raise click.UsageError("indiquer le document : --year N (sa facture) ou --facture NUMÉRO, l'un des deux")
    for option, value in (("--titre", titre), ("--bordereau", bordereau)):
        if not NUMBER.match(value):
            raise click.UsageError(
                f"{option} « {value} » invalide : le numéro donné par le logiciel comptable (chiffres, lettres, "
                "« - », « / »), par exemple « 1234 »"
            )


def _titre(
    directory: Path, document: str | None, year: int | None, titre: str, bordereau: str, day: dt.date | None
) -> None:
    from ccas_docs.common import fr
    from ccas_docs.jobs.invoice_titre import record_titre
    from ccas_docs.registry.titres import titre_objet

    result = record_titre(directory, document, year, titre, bordereau, day)
    entry = result.entry
    what = titre_objet(entry.titre, entry.bordereau)
    if result.already:
        click.echo(f"Document N° {entry.document} : {what}, déjà enregistré le {fr.date(entry.date)}.", err=True)
        return
    click.echo(
        f"Document N° {entry.document} : {what}, enregistré au registre {result.register} "
        "(les fichiers émis ne changent pas).",
        err=True,
    )
