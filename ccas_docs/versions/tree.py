"""YAML data that remembers where each part was written, across files.

Consolidation edits the data of the convention and its fiches with parts taken from avenants. Each
node keeps its own location, so that a paragraph an avenant wrote is reported at the avenant's
line, while the rest of the fiche is still reported where it was written. :class:`VersionSource`
is the :class:`SourceFile` of a consolidated file: ordinary plain data, located node by node.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ccas_docs.common.diagnostics import Location
from ccas_docs.source.yamlsource import PathKey, SourceFile


@dataclass
class Node:
    """A YAML value (``dict[str, Node]``, ``list[Node]`` or a scalar) and where it was written."""

    value: Any
    at: Location  # the key, or the list item
    value_at: Location | None = None  # the value itself, when it has a position of its own

    def copy(self) -> Node:
        if isinstance(self.value, dict):
            return Node({k: v.copy() for k, v in self.value.items()}, self.at, self.value_at)
        if isinstance(self.value, list):
            return Node([v.copy() for v in self.value], self.at, self.value_at)
        return Node(self.value, self.at, self.value_at)

    def plain(self) -> Any:
        if isinstance(self.value, dict):
            return {k: v.plain() for k, v in self.value.items()}
        if isinstance(self.value, list):
            return [v.plain() for v in self.value]
        return self.value

    def get(self, key: PathKey) -> Node | None:
        node: Node | None = self
        for part in key:
            if node is None:
                return None
            if isinstance(part, int) and isinstance(node.value, list) and 0 <= part < len(node.value):
                node = node.value[part]
            elif isinstance(part, str) and isinstance(node.value, dict):
                node = node.value.get(part)
            else:
                return None
        return node

    def text(self, name: str) -> str | None:
        """The string value of key ``name`` of this mapping, if any."""
        if isinstance(self.value, dict):
            child = self.value.get(name)
            if child is not None and isinstance(child.value, str):
                return child.value
        return None


@dataclass
class VersionSource(SourceFile):
    """A consolidated file: plain data plus the location of every node, possibly in other files."""

    locations: dict[PathKey, Location] = field(default_factory=dict)

    def locate(self, key: PathKey, value: bool = False) -> Location:
        key = tuple(key)
        if value and (*key, "=") in self.locations:
            return self.locations[(*key, "=")]
        while key:
            if key in self.locations:
                return self.locations[key]
            key = key[:-1]
        return self.locations.get((), Location(self.path, 1, 1))


def exact(source: SourceFile, key: PathKey) -> Location | None:
    """Where ``key`` itself is written (no fallback to an ancestor), or ``None``."""
    if isinstance(source, VersionSource):
        return source.locations.get(key)
    pos = source.positions.get(key)
    return Location(source.path, *pos) if pos else None


def from_source(source: SourceFile, key: PathKey = ()) -> Node:
    """The data of ``source`` at ``key`` as located nodes."""
    data: Any = source.data
    for part in key:
        data = data[part]
    return _node(data, source, tuple(key), source.locate(key))


def _node(data: Any, source: SourceFile, key: PathKey, inherited: Location) -> Node:
    at = exact(source, key) or inherited
    value_at = exact(source, (*key, "="))
    if isinstance(data, dict):
        value: Any = {k: _node(v, source, (*key, k), at) for k, v in data.items()}
    elif isinstance(data, list):
        value = [_node(v, source, (*key, i), at) for i, v in enumerate(data)]
    else:
        value = data
    return Node(value, at, value_at)


def leaf(value: Any, at: Location) -> Node:
    """A new scalar (or plain container) node, all of it located at ``at``."""
    if isinstance(value, dict):
        return Node({k: leaf(v, at) for k, v in value.items()}, at, at)
    if isinstance(value, list):
        return Node([leaf(v, at) for v in value], at, at)
    return Node(value, at, at)


def to_source(node: Node, path: str) -> VersionSource:
    """The :class:`VersionSource` of a consolidated file (shown as ``path``)."""
    locations: dict[PathKey, Location] = {}

    def walk(n: Node, key: PathKey) -> Any:
        locations[key] = n.at
        if n.value_at is not None:
            locations[(*key, "=")] = n.value_at
        if isinstance(n.value, dict):
            return {k: walk(v, (*key, k)) for k, v in n.value.items()}
        if isinstance(n.value, list):
            return [walk(v, (*key, i)) for i, v in enumerate(n.value)]
        return n.value

    data = walk(node, ())
    return VersionSource(path, data, {}, locations)
