"""French for click's own strings (usage lines, option help, usage errors).

click marks its messages with gettext's ``_``/``ngettext``; we give its modules a small French
catalogue so that everything a user reads from ``ccas-docs`` is in French.
"""

from __future__ import annotations

import click.core
import click.decorators
import click.exceptions
import click.formatting
import click.types

CATALOGUE = {
    "Usage:": "Utilisation :",
    "Options": "Options",
    "Commands": "Commandes",
    "Show this message and exit.": "Afficher cette aide et quitter.",
    "Show the version and exit.": "Afficher la version et quitter.",
    "Error: {message}": "Erreur : {message}",
    "Try '{command} {option}' for help.": "Essayer « {command} {option} » pour l'aide.",
    "No such option {name!r}.": "Option « {name} » inconnue.",
    "No such option: {name}": "Option « {name} » inconnue.",
    "No such command {name!r}.": "Commande « {name} » inconnue.",
    "Missing command.": "Commande manquante.",
    "Missing argument": "Argument manquant",
    "Missing option": "Option manquante",
    "Missing parameter": "Paramètre manquant",
    "Invalid value for {param_hint}: {message}": "Valeur invalide pour {param_hint} : {message}",
    "Invalid value: {message}": "Valeur invalide : {message}",
    "{value!r} is not one of {choices}.": "« {value} » n'est pas l'une des valeurs {choices}.",
    "{value!r} is not a valid {number_type}.": "« {value} » n'est pas un nombre valide.",
    "{value} is not in the range {range}.": "{value} est hors de l'intervalle {range}.",
    "{name} {filename!r} does not exist.": "{name} « {filename} » introuvable.",
    "{name} {filename!r} is a file.": "{name} « {filename} » est un fichier.",
    "{name} {filename!r} is a directory.": "{name} « {filename} » est un dossier.",
    "directory": "Dossier",
    "file": "Fichier",
    "path": "Chemin",
    "default: {default}": "par défaut : {default}",
    "required": "obligatoire",
    "Aborted!": "Interrompu.",
}
PLURALS = {
    "Did you mean {possibility}?": "Vouliez-vous dire {possibility} ?",
    "(Did you mean one of: {possibilities}?)": "(vouliez-vous dire l'une de : {possibilities} ?)",
    "Got unexpected extra argument ({args})": "Argument en trop ({args})",
    "Got unexpected extra arguments ({args})": "Arguments en trop ({args})",
    "Option {name!r} requires an argument.": "L'option « {name} » attend une valeur.",
    "Option {name!r} requires {nargs} arguments.": "L'option « {name} » attend {nargs} valeurs.",
}


def _gettext(message: str) -> str:
    return CATALOGUE.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    chosen = singular if n == 1 else plural
    return PLURALS.get(chosen, CATALOGUE.get(chosen, chosen))


def install() -> None:
    for module in (click.core, click.decorators, click.exceptions, click.formatting, click.types):
        if hasattr(module, "_"):
            module._ = _gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = _ngettext  # type: ignore[attr-defined]
    try:
        import click.parser as parser  # click < 8.2

        parser._ = _gettext  # type: ignore[attr-defined]
        parser.ngettext = _ngettext  # type: ignore[attr-defined]
    except ImportError:  # pragma: no cover
        pass
