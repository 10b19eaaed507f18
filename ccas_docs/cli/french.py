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
    "{value} is not in the range {range}.": "« {value} » hors bornes : {range}.",
    "{name} {filename!r} does not exist.": "« {filename} » introuvable.",
    "{name} {filename!r} is a file.": "« {filename} » est un fichier, pas un dossier.",
    "{name} {filename!r} is a directory.": "« {filename} » est un dossier, pas un fichier.",
    "{name} {filename!r} is not readable.": "« {filename} » illisible : permission refusée.",
    "{name} {filename!r} is not writable.": "« {filename} » non accessible en écriture.",
    "{name} {filename!r} is not executable.": "« {filename} » n'est pas exécutable.",
    "{name} '{filename}' is unreadable: {message}": "« {filename} » illisible : {message}",
    "{value!r} is not a valid integer.": "« {value} » n'est pas un nombre entier valide.",
    "{value!r} is not a valid float.": "« {value} » n'est pas un nombre valide.",
    "{value!r} is not a valid boolean.": "« {value} » n'est pas un booléen valide.",
    "{value!r} is not a valid UUID.": "« {value} » n'est pas un UUID valide.",
    "{value!r} does not match the format {format}.": "« {value} » ne correspond pas au format {format}.",
    "{value!r} does not match the formats {formats}.": "« {value} » ne correspond à aucun des formats {formats}.",
    "Option {name!r} does not take a value.": "L'option « {name} » ne prend pas de valeur.",
    "Error: Got unexpected extra argument ({args})": "Erreur : argument en trop ({args})",
    "Argument {name!r} takes {nargs} values.": "L'argument « {name} » attend {nargs} valeurs.",
    "Value must be an iterable.": "La valeur doit être une liste.",
    "Takes {nargs} values but 1 was given.": "{nargs} valeurs attendues, une seule donnée.",
    "Takes {nargs} values but {len} were given.": "{nargs} valeurs attendues, {len} données.",
    "Abort!": "Interrompu.",
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
    "Got unexpected extra argument ({args})": "Argument en trop : « {args} ».",
    "Got unexpected extra arguments ({args})": "Arguments en trop : « {args} ».",
    "{value!r} is not {choice}.": "« {value} » invalide : seule valeur possible {choice}.",
    "{value!r} is not one of {choices}.": "« {value} » n'est pas l'une des valeurs {choices}.",
    "Option {name!r} requires an argument.": "L'option « {name} » attend une valeur.",
    "Option {name!r} requires {nargs} arguments.": "L'option « {name} » attend {nargs} valeurs.",
}


def _gettext(message: str) -> str:
    return CATALOGUE.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    chosen = singular if n == 1 else plural
    return PLURALS.get(chosen, CATALOGUE.get(chosen, chosen))


def _quoted(items: object) -> str:
    return " / ".join(f"« {x} »" for x in items)  # type: ignore[attr-defined]


def _error_hint(self: click.core.Parameter, ctx: click.Context | None) -> str:
    return _quoted(self.opts or [self.human_readable_name])


def _argument_hint(self: click.core.Argument, ctx: click.Context | None) -> str:
    return f"« {self.make_metavar(ctx) if ctx is not None else self.human_readable_name} »"


def _join_param_hints(param_hint: object) -> str | None:
    if param_hint is not None and not isinstance(param_hint, str):
        return _quoted(param_hint)
    return param_hint  # type: ignore[return-value]


def _format_possibilities(possibilities: list[str]) -> str:
    shown = ", ".join(f"« {p} »" for p in sorted(possibilities))
    if len(possibilities) == 1:
        return f"Vouliez-vous dire {shown} ?"
    return f"(vouliez-vous dire l'une de : {shown} ?)"


def _invalid_choice(self: click.types.Choice, value: object, ctx: click.Context | None) -> str:
    choices = ", ".join(f"« {c} »" for c in self._normalized_mapping(ctx=ctx).values())
    return f"« {value} » n'est pas l'une des valeurs {choices}."


def _describe_range(self: click.types._NumberRangeBase) -> str:
    """« au moins 1 », « entre … » for the range's help text and error (click writes « x>=1 »)."""
    low = (f"plus de {self.min}" if self.min_open else f"au moins {self.min}") if self.min is not None else ""
    high = (f"moins de {self.max}" if self.max_open else f"au plus {self.max}") if self.max is not None else ""
    return " et ".join(x for x in (low, high) if x).replace(".0 ", " ").replace(".", ",")


TYPE_NAMES = {
    click.types.StringParamType: "texte",
    click.types.IntParamType: "entier",
    click.types.FloatParamType: "nombre",
    click.types.BoolParamType: "booléen",
    click.types.IntRange: "entier",
    click.types.FloatRange: "nombre",
    click.types.UUIDParameterType: "uuid",
}
SUBCOMMAND_METAVAR = "COMMANDE [ARGUMENTS]..."


def install() -> None:
    for kind, name in TYPE_NAMES.items():  # the metavars of --help (« TEXT » → « TEXTE »)
        kind.name = name
    click.core.Parameter.get_error_hint = _error_hint  # type: ignore[method-assign]
    click.core.Argument.get_error_hint = _argument_hint  # type: ignore[method-assign]
    click.exceptions._join_param_hints = _join_param_hints  # type: ignore[attr-defined]
    click.exceptions._format_possibilities = _format_possibilities  # type: ignore[attr-defined]
    click.types.Choice.get_invalid_choice_message = _invalid_choice  # type: ignore[method-assign]
    click.types._NumberRangeBase._describe_range = _describe_range  # type: ignore[method-assign]
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
