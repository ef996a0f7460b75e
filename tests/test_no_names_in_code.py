"""No name of a person or place in the code: the string constants of `normalizer/` (docstrings
aside, and the examples of the code registry, which document a rule) contain no capitalised word
that is a spelling in a shipped convention. Knowledge of names belongs in conventions and data."""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import normalizer
from normalizer.conventions import load_conventions, shipped_names

PACKAGE = Path(normalizer.__file__).parent


@cache
def spellings() -> frozenset[str]:
    """The capitalised words of every canonical spelling and alias of the shipped conventions."""
    found = set()
    for name in shipped_names():
        for entry in load_conventions([name]).entries:
            for spelling in (entry.canonical, *entry.aliases):
                found.update(w for w in spelling.replace("-", " ").split() if w[:1].isupper())
    return frozenset(found)


def _skipped(tree: ast.AST) -> set[int]:
    """The constants that document rather than decide: docstrings, and the example of each
    `Code(...)` of the registry (its fourth argument, or `example=`)."""
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                out.add(id(first.value))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Code":
            examples = [*node.args[3:4], *(k.value for k in node.keywords if k.arg == "example")]
            out.update(id(e) for e in examples)
    return out


def names_in(source: str) -> list[tuple[int, str]]:
    """(line, word) of each capitalised word of a string constant that is a convention's spelling."""
    tree = ast.parse(source)
    skipped = _skipped(tree)
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skipped:
            words = node.value.replace("-", " ").split()
            out.extend((node.lineno, w) for w in words if w in spellings())
    return out


def test_the_code_names_no_one() -> None:
    found = [
        f"{p.relative_to(PACKAGE)}:{line}: {word}"
        for p in sorted(PACKAGE.rglob("*.py"))
        for line, word in names_in(p.read_text(encoding="utf-8"))
    ]
    assert not found, "names in code (move them to data): " + ", ".join(found)


def test_a_name_in_a_constant_is_found_and_a_docstring_or_example_is_not() -> None:
    name = sorted(spellings())[0]
    assert names_in(f"ALLOWED = ('{name}',)\n") == [(1, name)]
    assert names_in(f"def f() -> None:\n    '''Like {name}.'''\n") == []
    assert names_in(f"X = Code('R999', 'x', 'A rule.', '{name}')\n") == []
    assert names_in(f"X = f'{{y}} {name}'\n") == [(1, name)]
