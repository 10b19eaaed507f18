"""Prose with parameters: ``{{ taux }}``, ``{{ article('duree') }}``, ``{{ annexe('rh') }}``.

Rendered with a sandboxed, strict Jinja2 environment: an unknown name, an attribute access or a
call to anything but the helpers below is an error located at the prose, never an empty string.
Texts without ``{{``/``{%`` are returned as they are (no template compiled). A comment
``{# … #}`` is a note for the authors: it is removed with the spaces around it (one space is
left between two words), so that it never shows, not even as a double space, in a document.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from ccas_docs.common import fr
from ccas_docs.common.bounds import MAX_EXPRESSION_CHARS, MAX_EXPRESSION_NESTING
from ccas_docs.common.diagnostics import Location, UserError, closest, error
from ccas_docs.model.numbering import Numbering, Target
from ccas_docs.model.types import Block, ListItem
from ccas_docs.source.yamlsource import PathKey

HELPERS = ("article", "annexe", "numero")


class ReferenceNotFound(Exception):
    def __init__(self, kind: str, ref: str, known: list[str]):
        self.kind, self.ref, self.known = kind, ref, known
        super().__init__(ref)


@dataclass
class Scope:
    """The names prose may use: parameters (already formatted text) and reference helpers."""

    params: Mapping[str, str]
    numbering: Numbering

    def helpers(self) -> dict[str, Callable[..., str]]:
        def target(kind: str, table: dict[str, Target], ref: object) -> Target:
            if not isinstance(ref, str) or ref not in table:
                raise ReferenceNotFound(kind, str(ref), sorted(table))
            return table[ref]

        def article(ref: str) -> str:
            return f"l'article {fr.article_number(target('article', self.numbering.articles, ref).number)}"

        def annexe(ref: str) -> str:
            return f"l'annexe {target('annexe', self.numbering.annexes, ref).number}"

        def numero(ref: str) -> str:
            table = {**self.numbering.annexes, **self.numbering.articles}
            return target("article ou annexe", table, ref).number

        return {"article": article, "annexe": annexe, "numero": numero}


_env: Any = None


def _environment() -> Any:
    global _env
    if _env is None:
        from jinja2 import StrictUndefined
        from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

        class ProseEnvironment(ImmutableSandboxedEnvironment):
            """No attribute access, no arithmetic, and calls only to the reference helpers."""

            intercepted_binops = frozenset(["+", "-", "*", "/", "//", "%", "**"])
            intercepted_unops = frozenset(["+", "-"])

            def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
                return False

            def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
                raise SecurityError("operator")  # {{ 'a' * 10**9 }} would exhaust memory

            def call_unop(self, context: Any, operator: str, arg: Any) -> Any:
                raise SecurityError("operator")

            def call(self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
                if getattr(__obj, "__name__", None) not in HELPERS or __obj not in __context.get("__helpers__", ()):
                    raise SecurityError("call")
                return __obj(*args, **kwargs)

        # keep_trailing_newline: a text ends as written, whichever path renders it (see _render_simple)
        _env = ProseEnvironment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True)
        _env.filters = {"majuscule": lambda s: str(s)[:1].upper() + str(s)[1:]}
        _env.tests = {}
        _env.globals = {}
    return _env


def needs_render(text: str) -> bool:
    return "{{" in text or "{%" in text or "{#" in text


_COMMENT = re.compile(r"([ \t\n]*)\{#.*?#\}([ \t\n]*)", re.S)


def strip_comments(text: str) -> str:
    """``text`` without its ``{# … #}`` comments; an unclosed ``{#`` is left for Jinja to report."""

    def space(match: re.Match[str]) -> str:
        at_edge = match.start() == 0 or match.end() == len(text)
        around = match.group(1) + match.group(2)
        return "" if at_edge or not around else "\n" if "\n" in around else " "

    return _COMMENT.sub(space, text)


_SIMPLE = re.compile(
    r"\{\{\s*(?:(?P<name>[a-z_]+)\s*(?P<filter>\|\s*majuscule\s*)?"
    r"|(?P<helper>article|annexe|numero)\(\s*'(?P<ref>[a-z0-9-]+)'\s*\))\s*\}\}"
)


def _render_simple(text: str, scope: Scope, evaluate: bool = True) -> str | None:
    """The common forms (``{{ nom }}``, ``{{ nom|majuscule }}``, ``{{ article('id') }}``) without Jinja.

    Returns ``None`` as soon as anything else, or an unknown name or id, appears: the sandboxed
    Jinja environment then renders the text, or reports the error with its precise message.
    Importing and compiling Jinja templates is what makes ``check`` slow; most prose needs neither.
    With ``evaluate`` false, names are only looked up, not computed (a date, a number in words).
    """
    pieces: list[str] = []
    end = 0
    helpers: dict[str, Callable[..., str]] | None = None
    for match in _SIMPLE.finditer(text):
        pieces.append(text[end : match.start()])
        end = match.end()
        name = match.group("name")
        if name is not None:
            if name not in scope.params:
                return None
            value = str(scope.params[name]) if evaluate else name
            pieces.append(value[:1].upper() + value[1:] if match.group("filter") else value)
        else:
            helpers = helpers or scope.helpers()
            try:
                pieces.append(helpers[match.group("helper")](match.group("ref")))
            except ReferenceNotFound:
                return None
    rest = text[end:]
    if needs_render(rest) or any(needs_render(p) for p in pieces[::2]):
        return None
    return "".join(pieces) + rest


def render(text: str, scope: Scope, where: Location, evaluate: bool = True) -> str:
    """Render ``text``; any problem is a :class:`UserError` at ``where``.

    ``evaluate=False`` validates only (``check``): the result of a simple text is then not the
    rendered text, which saves formatting parameters nobody reads.
    """
    if not needs_render(text):
        return text
    if "{#" in text:
        text = strip_comments(text)
        if not needs_render(text):
            return text
    simple = _render_simple(text, scope, evaluate)
    if simple is not None:
        return simple
    from jinja2 import TemplateSyntaxError, UndefinedError
    from jinja2.sandbox import SecurityError

    helpers = scope.helpers()
    names = sorted([*scope.params, *HELPERS])
    too_complex = _too_complex(text)
    if too_complex:
        raise UserError(
            error(
                where,
                f"expression interdite dans le texte : {too_complex}",
                code="parametre-interdit",
                hint="un paramètre s'écrit {{ nom }} ; une référence {{ article('id') }}",
            )
        )
    try:
        env = _environment()
        tree = env.parse(text)
        _only_known_names(tree, names)
        template = env.from_string(tree)
        return template.render({**scope.params, **helpers, "__helpers__": tuple(helpers.values())})
    except TemplateSyntaxError as exc:
        raise UserError(
            error(
                where,
                f"paramètre mal écrit : {_syntax_message(exc.message or '')}",
                code="parametre",
                hint="un paramètre s'écrit {{ nom }} ; une référence {{ article('id') }}",
            )
        ) from None
    except SecurityError:
        raise UserError(
            error(
                where,
                "expression interdite dans le texte : seuls les paramètres et les fonctions "
                + ", ".join(f"{h}()" for h in HELPERS)
                + " sont permis",
                code="parametre-interdit",
                hint="paramètres disponibles : " + ", ".join(names),
            )
        ) from None
    except UndefinedError as exc:
        name = _undefined_name(str(exc))
        # only _only_known_names raises it: an attribute or an item is refused before (SecurityError)
        close = closest(name, names)
        message = f"paramètre « {name} » inconnu" + (f" : vouliez-vous dire « {close} » ?" if close else "")
        raise UserError(
            error(where, message, code="parametre-inconnu", hint="paramètres disponibles : " + ", ".join(names))
        ) from None
    except ReferenceNotFound as exc:
        close = closest(exc.ref, exc.known)
        message = (
            f"référence à {'un' if exc.kind == 'article' else 'une'} {exc.kind} « {exc.ref} » inconnu"
            + ("" if exc.kind == "article" else "e")
            if exc.kind != "article ou annexe"
            else f"référence « {exc.ref} » inconnue"
        )
        if close:
            message += f" : vouliez-vous dire « {close} » ?"
        raise UserError(
            error(where, message, code="reference-inconnue", hint="identifiants connus : " + ", ".join(exc.known))
        ) from None
    except RecursionError:  # pragma: no cover - _too_complex bounds the expressions first
        raise UserError(
            error(where, "expression interdite dans le texte : trop complexe", code="parametre-interdit")
        ) from None
    except TypeError:
        raise UserError(
            error(
                where,
                "appel de fonction invalide : "
                + ", ".join(f"{h}()" for h in HELPERS)
                + " prennent un seul identifiant entre guillemets",
                code="parametre",
                hint="par exemple {{ article('duree') }} ou {{ annexe('rh') }}",
            )
        ) from None


_OPENING = re.compile(r"\{[{%#]")


def _too_complex(text: str) -> str:
    """Why an expression of ``text`` is past the documented bounds (before jinja2 parses it), or ""."""
    for match in _OPENING.finditer(text):
        end = text.find(match.group(0)[1] + "}" if match.group(0) != "{{" else "}}", match.end())
        body = text[match.end() : end if end >= 0 else len(text)]
        if end >= 0 and len(body) > MAX_EXPRESSION_CHARS:  # one never closed is jinja2's to name
            return f"expression de plus de {MAX_EXPRESSION_CHARS} caractères"
        depth = 0
        for char in body:
            depth += 1 if char in "([{" else -1 if char in ")]}" else 0
            if depth > MAX_EXPRESSION_NESTING:
                return f"plus de {MAX_EXPRESSION_NESTING} parenthèses imbriquées"
    return ""


def _allowed(node: Any) -> bool:
    """A parameter, ``parametre|filtre`` or a helper called with literal arguments: nothing else."""
    from jinja2 import nodes

    if isinstance(node, nodes.Name):
        return True
    if isinstance(node, nodes.Filter):
        plain = not (node.args or node.kwargs or node.dyn_args or node.dyn_kwargs)
        return (
            plain and node.node is not None and isinstance(node.node, nodes.Name | nodes.Call) and _allowed(node.node)
        )
    if isinstance(node, nodes.Call):
        return (
            isinstance(node.node, nodes.Name)
            and node.node.name in HELPERS
            and not (node.dyn_args or node.dyn_kwargs)
            and all(isinstance(a, nodes.Const) for a in node.args)
            and all(isinstance(k.value, nodes.Const) for k in node.kwargs)
        )
    return False


def _only_known_names(tree: Any, names: list[str]) -> None:
    """Refuse statements ({% … %}) and any name but the scope's, before anything runs.

    jinja2 resolves a few names itself (``self``, the context's internals): they would print
    their ``repr`` into a contract instead of failing like any other unknown name.
    """
    from jinja2 import UndefinedError, nodes
    from jinja2.sandbox import SecurityError

    if any(not isinstance(node, nodes.Output) for node in tree.body):
        raise SecurityError("statement")
    for node in tree.find_all(nodes.Name):
        if node.name not in names:
            raise UndefinedError(f"'{node.name}' is undefined")
    for output in tree.body:
        for child in output.nodes:
            if not isinstance(child, nodes.TemplateData) and not _allowed(child):
                raise SecurityError("expression")  # a literal, a test, a comparison… would print as is


def _syntax_message(message: str) -> str:
    """jinja2's English message, in French for the cases a user meets."""
    if message.startswith("No filter named '"):
        name = message.split("'")[1]
        close = closest(name, sorted(_environment().filters))
        return f"filtre « {name} » inconnu" + (f" : vouliez-vous dire « {close} » ?" if close else "")
    if message == "Missing end of comment tag":
        return "commentaire « {# » ouvert et jamais fermé par « #} »"
    if "unexpected end of template" in message:
        return "« {{ » ouvert et jamais fermé par « }} »"
    if message.startswith("Expected an expression"):
        return "« {{ }} » vide : écrire un paramètre entre les accolades, par exemple {{ taux }}"
    if message.startswith("expected token 'end of print statement', got '"):
        return f"« }}}} » attendu avant « {message.split(chr(39))[3]} »"
    # « {% if %} » without « endif » (« Jinja was looking for the following tags »), « {% ville »,
    # « {% if x … » never closed
    if "tag" in message or "statement block" in message:
        return "instruction « {% … %} » non permise : seuls les paramètres {{ … }} le sont"
    if message.startswith("unexpected char "):  # an opening quote never closed: « unexpected char "'" at 3 »
        quoted = message.split(" ")[2]  # the quote between two others: "'" or '"'
        return f"guillemet « {quoted[1:-1] if len(quoted) == 3 else quoted} » ouvert et jamais fermé"
    if message.startswith("unexpected '"):  # « unexpected '}', expected ')' », « unexpected ')' »
        parts = message.split("'")
        expected = f" : « {parts[3]} » attendu" if len(parts) > 3 and "expected" in parts[2] else ""
        return f"« {parts[1]} » inattendu{expected}"
    # what jinja2 says in English otherwise (a stray dot, a filter without name…) is no help to a user
    return "écriture non reconnue entre les accolades"


def _undefined_name(message: str) -> str:
    # jinja2: "'tauxx' is undefined"
    if message.startswith("'") and "' is undefined" in message:
        return message[1 : message.index("' is undefined")]
    return message


def iter_prose(blocks: list[Block], key: PathKey) -> Iterator[tuple[str, PathKey]]:
    """Every user-written string inside ``blocks``, with the path of its value in the source."""
    for b, block in enumerate(blocks):
        here = (*key, b)
        if block.paragraphe is not None:
            yield block.paragraphe, (*here, "paragraphe")
        if block.intertitre is not None:
            yield block.intertitre, (*here, "intertitre")
        for name in ("liste", "liste_numerotee"):
            items = getattr(block, name)
            if items is not None:
                yield from _iter_items(items, (*here, name))
        if block.responsabilites is not None:
            table = block.responsabilites
            yield table.domaine, (*here, "responsabilites", "domaine")
            for r, row in enumerate(table.lignes):
                yield row.locaux, (*here, "responsabilites", "lignes", r, "locaux")
                for c, case in enumerate(row.cas):
                    yield case.usage, (*here, "responsabilites", "lignes", r, "cas", c, "usage")
        for c, case in enumerate(block.processus or []):
            yield from iter_prose(case.contenu, (*here, "processus", c, "contenu"))


def _iter_items(items: list[ListItem], key: PathKey) -> Iterator[tuple[str, PathKey]]:
    for i, item in enumerate(items):
        # a bullet written as a plain string has its value at the item's own position
        yield item.texte, (*key, i, "texte") if item.id or item.items else (*key, i)
        yield from _iter_items(item.items, (*key, i, "items"))
