"""Read one YAML file into plain Python data plus a map of source positions.

ruamel.yaml's round-trip loader keeps line and column of every key and item; we convert its
containers into plain dicts and lists (what pydantic validates) and record, for every path
``("articles", 3, "titre")``, where it was written. Aliases are refused: the convention needs
none, and refusing them makes a "billion laughs" document harmless.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ccas_docs.common.bounds import (
    CHARACTER_HINT,
    MAX_YAML_BYTES,
    describe_character,
    first_bad_character,
    position,
    read_bounded,
)
from ccas_docs.common.diagnostics import Location, fail
from ccas_docs.source.guard import check_events

PathKey = tuple[str | int, ...]
MAX_NODES = 200_000


@dataclass
class SourceFile:
    """A parsed YAML file: its data and where each part of it was written."""

    path: str  # as shown to the user, relative to the project directory
    data: Any
    positions: dict[PathKey, tuple[int, int]] = field(default_factory=dict)

    def locate(self, key: PathKey, value: bool = False) -> Location:
        """The location of ``key`` (of its value if ``value``), or of its nearest located ancestor."""
        key = tuple(key)
        if value and (*key, "=") in self.positions:
            line, col = self.positions[(*key, "=")]
            return Location(self.path, line, col)
        while key:
            if key in self.positions:
                line, col = self.positions[key]
                return Location(self.path, line, col)
            key = key[:-1]
        line, col = self.positions.get((), (1, 1))
        return Location(self.path, line, col)


def read_text(path: Path, shown: str) -> str:
    """Read a UTF-8 text file (BOM allowed) of at most ``MAX_YAML_BYTES``; a clear error for anything else.

    Every character must be one a document can hold: a control character is located here, before
    the YAML reader would report it in English.
    """
    raw = read_bounded(path, shown, MAX_YAML_BYTES, "un fichier YAML")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        # the column counts characters, as editors do, not bytes
        col = len(raw[raw.rfind(b"\n", 0, exc.start) + 1 : exc.start].decode("utf-8", "replace")) + 1
        raise fail(
            shown,
            f"le fichier n'est pas encodé en UTF-8 (octet 0x{raw[exc.start]:02x} illisible)",
            line,
            col,
            code="encodage",
            hint="enregistrer le fichier en « UTF-8 » depuis l'éditeur",
        ) from None
    bad = first_bad_character(text)
    if bad is not None:
        line, col = position(text, bad)
        raise fail(
            shown, f"{describe_character(text[bad])} dans le fichier", line, col, code="caractere", hint=CHARACTER_HINT
        )
    return text


def load_yaml(path: Path, shown: str) -> SourceFile:
    """Parse ``path``; every syntax problem becomes a located French error."""
    text = read_text(path, shown)
    if not text.strip() or all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()):
        raise fail(shown, "le fichier est vide", 1, 1, code="vide", hint="le fichier doit contenir un document YAML")
    check_events(text, shown)
    try:
        return _load(text, shown)
    except RecursionError:  # pragma: no cover - check_events bounds the nesting first
        raise fail(shown, "document trop imbriqué", 1, 1, code="imbrication") from None


def _load(text: str, shown: str) -> SourceFile:
    from ruamel.yaml import YAML
    from ruamel.yaml.constructor import DuplicateKeyError
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    fast = _fast_load(text, shown)
    if fast is not None:
        return fast
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    try:
        doc = yaml.load(text)
    except DuplicateKeyError as exc:
        mark = exc.problem_mark
        key = _duplicate_key_name(exc)
        raise fail(
            shown,
            f"clé « {key} » en double" if key else "clé en double",
            mark.line + 1 if mark else 0,
            mark.column + 1 if mark else 0,
            code="yaml",
            hint="chaque clé ne peut apparaître qu'une fois dans un même bloc : supprimer ou fusionner l'une des deux",
        ) from None
    except MarkedYAMLError as exc:
        message, line, col = _explain(exc, text)
        raise fail(shown, message, line, col, code="yaml") from None
    except YAMLError:  # pragma: no cover - ruamel always marks its errors in practice
        raise fail(shown, "YAML illisible", code="yaml") from None
    alias = _first_alias(yaml, text)
    if alias is not None:
        raise fail(
            shown,
            f"les alias YAML (« *{alias.anchor} ») ne sont pas acceptés : recopier la valeur",
            alias.start_mark.line + 1,
            alias.start_mark.column + 1,
            code="yaml-alias",
        )
    source = SourceFile(shown, None)
    source.data = _plain(doc, (), source, set(), [0])
    return source


class _Unusual(Exception):
    """The fast path met something it leaves to the round-trip loader's precise messages."""


def _fast_load(text: str, shown: str) -> SourceFile | None:
    """Compose with libyaml (ruamel.yaml.clib) and convert the nodes, keeping their positions.

    About ten times faster than the round-trip loader. It only takes well-formed documents without
    aliases, duplicate keys or complex keys: for anything else it returns ``None`` and the
    round-trip loader, slower but with precise French messages, takes over.
    """
    try:
        from ruamel.yaml import YAML
        from ruamel.yaml.error import YAMLError

        yaml = YAML(typ="safe", pure=False)
        if "clib" not in type(yaml.Parser).__module__ and "CParser" not in yaml.Parser.__name__:
            return None
    except ImportError:  # pragma: no cover - ruamel.yaml.clib is a dependency
        return None
    try:
        node = yaml.compose(text)
        if type(node).__name__ != "MappingNode":
            return None  # not a mapping: the round-trip loader locates the problem
        source = SourceFile(shown, None)
        source.positions[()] = (node.start_mark.line + 1, node.start_mark.column + 1)
        source.data = _from_node(node, (), source, yaml.constructor, set())
    except (YAMLError, _Unusual, ValueError, TypeError):
        return None
    return source


def _from_node(node: Any, key: PathKey, source: SourceFile, constructor: Any, seen: set[int]) -> Any:
    from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

    if id(node) in seen or len(seen) > MAX_NODES:
        raise _Unusual  # an alias (the same node twice) or a huge document
    seen.add(id(node))
    if isinstance(node, MappingNode):
        out: dict[str, Any] = {}
        for knode, vnode in node.value:
            if not isinstance(knode, ScalarNode) or knode.tag == "tag:yaml.org,2002:merge":
                raise _Unusual
            k = str(constructor.construct_object(knode, deep=True))
            if k in out:
                raise _Unusual
            sub = (*key, k)
            source.positions[sub] = (knode.start_mark.line + 1, knode.start_mark.column + 1)
            if not (isinstance(vnode, ScalarNode) and vnode.tag.endswith(":null") and not vnode.value):
                source.positions[(*sub, "=")] = (vnode.start_mark.line + 1, vnode.start_mark.column + 1)
            out[k] = _from_node(vnode, sub, source, constructor, seen)
        return out
    if isinstance(node, SequenceNode):
        items = []
        for i, item in enumerate(node.value):
            sub = (*key, i)
            source.positions[sub] = (item.start_mark.line + 1, item.start_mark.column + 1)
            items.append(_from_node(item, sub, source, constructor, seen))
        return items
    if node.tag == "tag:yaml.org,2002:str":
        return node.value
    return constructor.construct_object(node, deep=True)


def _duplicate_key_name(exc: Exception) -> str:
    problem = getattr(exc, "problem", "") or ""
    if '"' in problem:
        return problem.split('"')[1]
    return ""


_ALIAS = re.compile(r"(?:^|[\s\[{,])\*[^\s,\[\]{}*]", re.M)  # « *nom », not « **gras** »
_BRACE_VALUE = re.compile(r"""^(\s*(?:-\s+)?(?:[^\s#'"{-][^:#]*:\s+)?)\{\{""")
BRACE_MESSAGE = "un texte qui commence par « {{ » doit être mis entre guillemets (sinon YAML y lit un bloc « { } »)"
_OPEN_QUOTE = re.compile(r"""^(\s*(?:-\s+)?(?:[^\s#'"-][^:#]*:\s+)?)(["'])(.*)$""")


def _first_alias(yaml: Any, text: str) -> Any:
    """The first alias event (« *nom ») of the document, if any: aliases are refused."""
    if not _ALIAS.search(text):  # cheap test: most files have no « * » in alias position
        return None
    from ruamel.yaml.events import AliasEvent

    return next((e for e in yaml.parse(text) if isinstance(e, AliasEvent)), None)


def _explain(exc: Any, text: str) -> tuple[str, int, int]:
    """A French message and the 1-based line and column where the user should look."""
    mark = exc.problem_mark or exc.context_mark
    problem = (exc.problem or "").lower()
    context = (exc.context or "").lower()
    lines = text.splitlines()
    line = lines[mark.line] if mark and mark.line < len(lines) else ""
    where = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    opened = exc.context_mark
    if "\t" in line[: (mark.column + 1 if mark else 0)] or "tab" in problem or "'\\t'" in problem:
        if "\t" in line[: len(line) - len(line.lstrip())]:
            return "tabulation dans l'indentation : YAML n'accepte que des espaces", *where
        return "tabulation dans la ligne : YAML n'accepte que des espaces", *where
    if "quoted scalar" in context or "quoted scalar" in problem:
        return "guillemet ouvert et jamais fermé", *_at(opened or mark)
    brace = _BRACE_VALUE.match(line)
    if brace:
        return BRACE_MESSAGE, where[0], len(brace.group(1)) + 1
    quote = _unclosed_quote(lines, mark.line if mark else len(lines) - 1)
    if quote:
        return "guillemet ouvert et jamais fermé", *quote
    if "flow sequence" in context and opened:
        return "crochet « [ » ouvert et jamais fermé", *_at(opened)
    if "flow mapping" in context and opened:
        return "accolade « { » ouverte et jamais fermée", *_at(opened)
    if "mapping values are not allowed" in problem:
        return "deux-points « : » inattendu : mettre la valeur entre guillemets si elle contient « : »", *where
    if "could not find expected ':'" in problem:
        return "« : » attendu après la clé (ou une ligne mal indentée)", *where
    if "did not find expected key" in problem or "expected <block end>" in problem:
        return "indentation incohérente : aligner cette ligne avec les clés de son bloc", *where
    if "found undefined alias" in problem or "alias" in problem:
        return "alias YAML inconnu", *where
    return f"syntaxe YAML invalide ({exc.problem or exc.context})", *where


def _at(mark: Any) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


def _unclosed_quote(lines: list[str], upto: int) -> tuple[int, int] | None:
    """Where a quote opened and never closed on its line, if closing it makes the document valid.

    A quote left open swallows the following lines, so YAML reports the error much further down;
    the nearest such line before the error is the real culprit when closing it repairs the file.
    """
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    for n in range(min(upto, len(lines) - 1), -1, -1):
        match = _OPEN_QUOTE.match(lines[n])
        if not match:
            continue
        quote, rest = match.group(2), match.group(3)
        closed = quote in rest.replace("''", "") if quote == "'" else re.search(r'(?<!\\)"', rest)
        if closed:
            continue
        repaired = [*lines[:n], lines[n] + quote, *lines[n + 1 :]]
        try:
            YAML(typ="rt").load("\n".join(repaired))
        except YAMLError:
            return None
        return n + 1, len(match.group(1)) + 1
    return None


def _plain(node: Any, key: PathKey, source: SourceFile, seen: set[int], count: list[int]) -> Any:
    """Convert ruamel containers to dict/list, recording positions; refuse aliases."""
    from ruamel.yaml.comments import CommentedKeyMap, CommentedKeySeq, CommentedMap, CommentedSeq

    count[0] += 1
    if count[0] > MAX_NODES:
        loc = source.locate(key)
        raise fail(source.path, "document trop volumineux (plus de 200 000 éléments)", loc.line, loc.col, code="yaml")
    if isinstance(node, CommentedMap | CommentedSeq):
        if id(node) in seen:
            loc = source.locate(key)
            raise fail(
                source.path,
                "les alias YAML (« *nom ») ne sont pas acceptés : recopier la valeur",
                loc.line,
                loc.col,
                code="yaml-alias",
            )
        seen.add(id(node))
        if not key:
            source.positions[()] = (node.lc.line + 1, node.lc.col + 1)
    if isinstance(node, CommentedMap):
        out: dict[str, Any] = {}
        for k, v in node.items():
            if isinstance(k, CommentedKeyMap | CommentedKeySeq):  # « titre: {{ x }} » read as a mapping
                loc = source.locate(key, value=True)
                raise fail(source.path, BRACE_MESSAGE, loc.line, loc.col, code="yaml")
            sub = (*key, str(k))
            try:
                line, col = node.lc.key(k)
                source.positions[sub] = (line + 1, col + 1)
                if v is not None:  # an empty value has no position of its own: ruamel gives the next token's
                    vline, vcol = node.lc.value(k)
                    source.positions[(*sub, "=")] = (vline + 1, vcol + 1)
            except (KeyError, TypeError, AttributeError):
                pass
            out[str(k)] = _plain(v, sub, source, seen, count)
        return out
    if isinstance(node, CommentedSeq):
        items: list[Any] = []
        for i, v in enumerate(node):
            sub = (*key, i)
            try:
                line, col = node.lc.item(i)
                source.positions[sub] = (line + 1, col + 1)
            except (KeyError, TypeError, AttributeError):
                pass
            items.append(_plain(v, sub, source, seen, count))
        return items
    return _scalar(node)


def _scalar(node: Any) -> Any:
    from ruamel.yaml.scalarbool import ScalarBoolean
    from ruamel.yaml.scalarfloat import ScalarFloat
    from ruamel.yaml.scalarint import ScalarInt

    if isinstance(node, ScalarBoolean):
        return bool(node)
    if isinstance(node, ScalarFloat):
        return float(node)
    if isinstance(node, ScalarInt):
        return int(node)
    if isinstance(node, str):
        return str(node)
    return node
