"""Apply a review's edits to the YAML files themselves, with ruamel.yaml's round trip.

Comments, key order, quotes and block styles are kept (the shipped files load and dump back
byte for byte); a changed ``>-`` scalar stays folded, refolded at the width of its old lines.
Scalars are set first, then items are inserted and deleted, last index first in each list, so
that an index is never shifted before it is used. Every file is written atomically, and only
once every edit of every file has been applied in memory.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from ccas_docs.common.atomic import write_text
from ccas_docs.jobs.import_changes import Edit

DEFAULT_WIDTH = 88


def _yaml():
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _get(data: Any, path: tuple) -> Any:
    for part in path:
        data = data[part]
    return data


def item_path(path: tuple, element: str = "") -> tuple[tuple, int] | None:
    """The list holding what ``path`` (a scalar's path) belongs to, and its index in it."""
    if not path:
        return None
    last = path[-1]
    if last in ("paragraphe", "intertitre") or (last == "texte" and element != "paragraphe"):
        path = path[:-1]
    elif last == "titre" and len(path) >= 2 and isinstance(path[-2], int):
        return (*path[:-1], "contenu"), -1  # before the first block of the article or section
    elif not isinstance(last, int):
        return None
    if element == "paragraphe" and ("liste" in path or "liste_numerotee" in path):
        cut = max(i for i, p in enumerate(path) if p in ("liste", "liste_numerotee"))
        path = path[:cut]
    if not path or not isinstance(path[-1], int):
        return None
    return path[:-1], path[-1]


def folded(text: str, width: int):
    """A ``>-`` scalar of ``text`` folded at spaces so that no line exceeds ``width`` characters."""
    from ruamel.yaml.scalarstring import FoldedScalarString

    value = FoldedScalarString(text)
    positions, line_start = [], 0
    last_space = -1
    for i, ch in enumerate(text):
        if ch == " " and i + 1 < len(text) and text[i + 1] != " " and i > 0 and text[i - 1] != " ":
            if i - line_start > width and last_space > line_start:
                positions.append(last_space)
                line_start = last_space + 1
            last_space = i
    if len(text) - line_start > width and last_space > line_start:
        positions.append(last_space)
    value.fold_pos = positions
    return value


def _styled(old: Any, new: str, width: int) -> Any:
    from ruamel.yaml.scalarstring import FoldedScalarString

    if isinstance(old, FoldedScalarString) or len(new) > width:
        return folded(new, width)
    if type(old) is not str and isinstance(old, str):
        return type(old)(new)  # the same quotes
    return new


def _width(old: Any) -> int:
    fold = getattr(old, "fold_pos", None)
    if not fold:
        return DEFAULT_WIDTH
    starts = [0, *(p + 1 for p in fold)]
    ends = [*fold, len(old)]
    return max(DEFAULT_WIDTH // 2, max(e - s for s, e in zip(starts, ends, strict=True)))


def _new_item(container: list, element: str, text: str, width: int) -> Any:
    from ruamel.yaml.comments import CommentedMap

    value = folded(text, width) if len(text) > width else text
    if element == "paragraphe":
        block = CommentedMap()
        block["paragraphe"] = value
        return block
    if container and isinstance(container[0], dict) and "texte" in container[0]:
        item = CommentedMap()
        item["texte"] = value
        return item
    return value


def apply_edits(root: Path, edits: list[Edit], write: bool = True) -> dict[str, str]:
    """Apply ``edits``; return ``{file: new text}`` (written only if ``write``)."""
    yaml = _yaml()
    docs: dict[str, Any] = {}
    for edit in edits:
        name = edit.origin.file
        if name not in docs:
            docs[name] = yaml.load((root / name).read_text(encoding="utf-8"))
    structural: dict[tuple[str, tuple], list[tuple[int, int, Edit]]] = {}
    for edit in edits:
        data = docs[edit.origin.file]
        if edit.kind == "modifier":
            parent = _get(data, edit.origin.path[:-1])
            key = edit.origin.path[-1]
            old = parent[key]
            parent[key] = _styled(old, edit.source_new, _width(old))
            continue
        found = item_path(edit.origin.path, edit.element)
        if found is None:
            continue
        container, index = found
        order = 1 if edit.kind == "inserer" else 0
        structural.setdefault((edit.origin.file, container), []).append((index, order, edit))
    for (name, container), items in structural.items():
        seq = _get(docs[name], container)
        inserted_after: dict[int, int] = {}
        for index, _order, edit in sorted(items, key=lambda x: (-x[0], -x[1])):
            if edit.kind == "inserer":
                count = inserted_after.get(index, 0)
                position = index + 1 + count
                seq.insert(position, _new_item(seq, edit.element, edit.new, DEFAULT_WIDTH))
                inserted_after[index] = count + 1
            else:
                del seq[index]
    out: dict[str, str] = {}
    for name, data in docs.items():
        buffer = io.StringIO()
        yaml.dump(data, buffer)
        out[name] = buffer.getvalue()
    if write:
        for name, text in out.items():
            write_text(root / name, text)
    return out
