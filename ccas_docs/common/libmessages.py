"""The libraries' English messages a user could meet, in French: Jinja's template errors, lxml's XML errors.

Messages about a user's template or file never quote a library's text: they are matched here
against the library's known wordings and rewritten, and anything unknown gets a plain French
description instead of the original.
"""

from __future__ import annotations

import re

_QUOTED = re.compile(r"'([^']*)'")

# jinja2's token names (lexer.py), as a user reads them
_TOKENS = {
    "end of print statement": "« }} »",
    "end of statement block": "« %} »",
    "end of template": "la fin du texte",
    "name": "un nom",
    "string": "un texte entre guillemets",
    "integer": "un nombre",
    "float": "un nombre",
    "operator": "un opérateur",
    "begin of print statement": "« {{ »",
    "begin of statement block": "« {% »",
}


def _token(name: str) -> str:
    return _TOKENS.get(name, f"« {name} »")


def jinja_syntax(message: str | None) -> str:
    """Jinja's ``TemplateSyntaxError.message``, in French (never the English original)."""
    text = message or ""
    quoted = _QUOTED.findall(text)
    if text.startswith("expected token ") and len(quoted) >= 2:
        return f"{_token(quoted[0])} attendu, {_token(quoted[1])} trouvé"
    if text.startswith("Encountered unknown tag") and quoted:
        closing = ""
        if quoted[0].startswith("end") and "innermost block that needs to be closed is" in text:
            closing = f" (le bloc « {quoted[-1]} » ouvert plus haut n'est pas fermé)"
        return f"instruction « {{% {quoted[0]} %}} » inconnue{closing}"
    if text.startswith("Unexpected end of template") or "unexpected end of template" in text:
        return "balise ou bloc ouvert et jamais fermé (« }} », « %} » ou « {% end… %} » manquant)"
    if text.startswith("No filter named") and quoted:
        return f"filtre « {quoted[0]} » inconnu"
    if text.startswith("No test named") and quoted:
        return f"test « {quoted[0]} » inconnu"
    if text == "Missing end of comment tag":
        return "commentaire « {# » ouvert et jamais fermé par « #} »"
    if text.startswith("unexpected char") and quoted:
        return f"caractère « {quoted[0]} » inattendu"
    if text.startswith("unexpected") and quoted:
        return f"« {quoted[0]} » inattendu"
    if text.startswith("unexpected"):
        return "élément inattendu dans la balise"
    return "syntaxe de balise invalide"


def jinja_undefined(message: str | None) -> str:
    """Jinja's ``UndefinedError.message`` (« 'x' is undefined »…), in French."""
    text = message or ""
    quoted = _QUOTED.findall(text)
    if text.endswith("is undefined") and quoted:
        return f"variable « {quoted[0]} » inconnue"
    if "has no attribute" in text and quoted:
        return f"attribut « {quoted[-1]} » inconnu"
    if "has no element" in text:
        return "élément inexistant"
    return "variable inconnue"


def xml_error(exc: Exception) -> str:
    """Where an XML document stops being well-formed (lxml's ``XMLSyntaxError``), in French."""
    line = getattr(exc, "lineno", None) or (getattr(exc, "position", None) or (None, None))[0]
    column = (getattr(exc, "position", None) or (None, None))[1]
    if line and column:
        return f"XML mal formé (ligne {line}, colonne {column})"
    if line:
        return f"XML mal formé (ligne {line})"
    return "XML mal formé"


__all__ = ["jinja_syntax", "jinja_undefined", "xml_error"]
