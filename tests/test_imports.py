"""The modules of the package import each other without a circle (function-level imports
count too): each stage can be read, tested and replaced on its own."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "normalizer"


def module_name(path: Path) -> str:
    """'batch', 'cli' (a package), 'cli.check'; the package itself is '__init__'."""
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    if parts[-1] == "__init__" and len(parts) > 1:
        parts = parts[:-1]
    return ".".join(parts)


def imports() -> dict[str, set[str]]:
    paths = sorted(PACKAGE.rglob("*.py"))
    modules = {module_name(path) for path in paths}

    def known(dotted: str) -> str | None:
        """The module of the package that `normalizer.<dotted>` names (its longest known prefix)."""
        parts = dotted.split(".")
        return next((m for n in range(len(parts), 0, -1) if (m := ".".join(parts[:n])) in modules), None)

    graph: dict[str, set[str]] = {}
    for path in paths:
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("normalizer"):
                inside = node.module.removeprefix("normalizer").removeprefix(".")
                for alias in node.names:
                    target = known(f"{inside}.{alias.name}".lstrip(".")) or known(inside)
                    found.update([target] if target else [])
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.startswith("normalizer.") and (target := known(alias.name.split(".", 1)[1])):
                        found.add(target)
        graph[module_name(path)] = found - {module_name(path)}
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Each import circle once, as a path that comes back to its start."""
    found: list[list[str]] = []
    seen: set[frozenset[str]] = set()

    def walk(start: str, node: str, path: list[str]) -> None:
        for nxt in sorted(graph.get(node, ())):
            if nxt == start and frozenset(path) not in seen:
                seen.add(frozenset(path))
                found.append([*path, start])
            elif nxt not in path and nxt > start:
                walk(start, nxt, [*path, nxt])

    for start in sorted(graph):
        walk(start, start, [start])
    return found


def test_no_import_circle() -> None:
    assert circles(imports()) == []


def test_the_check_finds_a_circle() -> None:
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c", "a"]]
