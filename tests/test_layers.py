"""The package's folders are the stages of the flow, and imports only go down it.

The order of the stages is written once, here. A module may import its own stage and any stage
below it; stages of the same rank (compose, writers, signing) never import one another, so a writer
never imports a composer. Only ``cli/`` imports click. No module is over 400 lines, and the modules
do not import one another in a cycle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "ccas_docs"

# Lowest first. Stages in one tuple share a rank and may not import one another.
STAGES: tuple[tuple[str, ...], ...] = (
    ("common",),
    ("source",),
    ("model",),
    ("versions",),
    ("checks",),
    ("billing",),
    ("registry",),
    ("document",),
    ("compose", "writers", "signing", "review"),
    ("jobs",),
    ("cli",),
)
RANK = {stage: rank for rank, group in enumerate(STAGES) for stage in group}
MAX_LINES = 400


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _imports(path: Path) -> list[tuple[int, str]]:
    """Every module ``path`` imports (absolute names), with its line."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = _module_name(path)
    if path.name != "__init__.py":
        package = package.rpartition(".")[0]
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            found.append((node.lineno, module))
            found += [(node.lineno, f"{module}.{alias.name}") for alias in node.names]
    return found


def _stage(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "ccas_docs" else None


def test_every_folder_of_the_package_is_a_known_stage() -> None:
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert folders <= set(RANK), f"dossiers hors des étapes déclarées : {sorted(folders - set(RANK))}"
    loose = sorted(p.name for p in PACKAGE.glob("*.py") if p.name not in {"__init__.py", "__main__.py"})
    assert loose == [], f"modules à la racine du paquet, hors de toute étape : {loose}"


def test_imports_only_go_down_the_flow() -> None:
    modules = _modules()
    upward: list[str] = []
    for name, path in modules.items():
        here = _stage(name)
        if here is None:
            continue
        for line, imported in _imports(path):
            there = _stage(imported)
            if there is None or there == here or imported not in modules and there not in RANK:
                continue
            if RANK[there] >= RANK[here]:
                upward.append(f"{path.relative_to(ROOT)}:{line}: {here} importe {imported} ({there})")
    assert upward == []


@pytest.mark.parametrize("library", ["click"])
def test_only_the_cli_imports_click(library: str) -> None:
    offenders = [
        f"{path.relative_to(ROOT)}:{line}"
        for name, path in _modules().items()
        if _stage(name) != "cli"
        for line, imported in _imports(path)
        if imported == library or imported.startswith(library + ".")
    ]
    assert offenders == []


def test_no_module_is_over_400_lines() -> None:
    paths = [*PACKAGE.rglob("*.py"), *(ROOT / "tools").rglob("*.py")]
    long = {
        str(p.relative_to(ROOT)): n for p in paths if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def test_no_import_cycle() -> None:
    modules = _modules()
    graph = {name: {m for _, m in _imports(path) if m in modules and m != name} for name, path in modules.items()}
    # a package's __init__ is imported by its own modules implicitly: ignore edges to a parent package
    for name, deps in graph.items():
        graph[name] = {d for d in deps if not name.startswith(d + ".")}
    state: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for dep in sorted(graph[node]):
            if state.get(dep) == 1:
                cycles.append(" → ".join([*stack[stack.index(dep) :], dep]))
            elif dep not in state:
                visit(dep)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    assert cycles == []
