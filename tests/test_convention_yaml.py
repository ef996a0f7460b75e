"""Reading a convention's YAML an entry at a time (`convention_yaml.read`) gives what composing
the whole document at once gives: the same `Convention`, the same `extends`, the same error."""

from __future__ import annotations

import weakref

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from normalizer.convention_yaml import NESTING, _Composer, read
from normalizer.errors import ConventionError

HEAD = "convention: desk\nlanguage: de\n"
ENTRY = "  - {canonical: Kiew, kind: place, native: Київ, source_lang: uk, aliases: [Kyiv]}\n"
KIEW, LWIW = "{canonical: Kiew, kind: place}", "{canonical: Lwiw, kind: place}"


def outcome(text: str, *, whole: bool) -> object:
    """What reading `text` gives, in a form two readings can be compared by."""
    try:
        convention, extends = read(text, "c.yaml", whole=whole)
    except ConventionError as exc:
        return str(exc)
    return convention, [(ref, node.start_mark.line, node.start_mark.column) for ref, node in extends]


CASES = {
    "valid": HEAD + "entries:\n" + ENTRY + "  - canonical: Andrij Jermak\n    kind: person\n    aliases: [Yermak]\n",
    "keys after the entries": "entries:\n" + ENTRY + HEAD + "protect: [Bonn]\nextends: de\n",
    "unknown key after a bad entry": HEAD + "entries:\n  - {canonical: kiew, kind: place}\nsurplus: 1\n",
    "bad entry then bad YAML": HEAD + "entries:\n  - {canonical: kiew, kind: place}\n  - [\n",
    "bad entry then an alias": HEAD + "entries:\n  - {canonical: kiew, kind: place}\n  - *a\n",
    "duplicate anchor in the entries": HEAD
    + "entries:\n  - &a {canonical: Kiew, kind: place}\n  - &a {canonical: Lwiw, kind: place}\n",
    "anchor in the entries and after them": HEAD
    + "entries:\n  - &a {canonical: Kiew, kind: place}\nprotect: &a [Bonn]\n",
    "a second document": HEAD + "entries:\n" + ENTRY + "---\nx: 1\n",
    "canonical twice": HEAD + f"entries:\n{ENTRY}  - {LWIW}\n{ENTRY}",
    "alias is another's canonical": HEAD
    + "entries:\n  - {canonical: Lwiw, kind: place, aliases: [Lemberg, Kiew]}\n"
    + ENTRY,
    "alias claimed twice": HEAD + "entries:\n" + ENTRY + "  - {canonical: Kyjiw, kind: place, aliases: [Kyiv]}\n",
    "entries twice": HEAD + "entries:\n" + ENTRY + "entries:\n  - {canonical: lwiw, kind: place}\n",
    "entries a mapping": HEAD + "entries: {canonical: Kiew, kind: place}\n",
    "entries a string": HEAD + "entries: Kiew\n",
    "an entry named entries": HEAD + "entries:\n  - {canonical: Kiew, kind: place, entries: [a]}\n",
    "not a mapping": "- entries:\n  - {canonical: Kiew, kind: place}\n",
    "empty": "",
    "tagged entries": HEAD + "entries: !!seq\n" + ENTRY,
    "an int key": HEAD + "1: x\nentries:\n" + ENTRY,
    # as deep as libyaml allows: PyYAML's composer recurses in Python, libyaml's in C
    "deep keys": "a: " + "{a: " * (NESTING - 2) + "1" + "}" * (NESTING - 2),
    "a deep entry": HEAD + "entries:\n  - " + "[" * (NESTING - 3) + "]" * (NESTING - 3),
    "too deep": HEAD + "entries:\n  - " + "[" * NESTING + "]" * NESTING,
}


@pytest.mark.parametrize("text", CASES.values(), ids=CASES.keys())
def test_streamed_reading_agrees_with_the_whole_document(text: str) -> None:
    assert outcome(text, whole=False) == outcome(text, whole=True)


def test_the_cases_cover_errors_and_conventions() -> None:
    outcomes = [outcome(text, whole=False) for text in CASES.values()]
    errors = [found for found in outcomes if isinstance(found, str)]
    assert 3 < len(errors) < len(outcomes)
    assert any("duplicate anchor" in e or "second occurrence" in e for e in errors)
    assert any(e.startswith("c.yaml:6:5: canonical") and e.endswith("(also at line 4)") for e in errors)
    assert any("is claimed by two entries" in e for e in errors)
    assert sum("exceeded maximum nesting depth" in e for e in errors) == 1


LINES = st.sampled_from(
    [
        "convention: desk\n",
        "language: de\n",
        "entries:\n",
        "protect: [Bonn]\n",
        "version: 1\n",
        ENTRY,
        "  - {canonical: Lwiw, kind: place, aliases: [Lemberg, Kiew]}\n",
        "  - {canonical: Kyiv, kind: place}\n",
        "  - canonical: Andrij Jermak\n",
        "    kind: person\n",
        "    aliases: [Kyiv]\n",
        "  - &a {canonical: Odesa, kind: place}\n",
        "  - *a\n",
        "  - {canonical: odesa, kind: city}\n",
        "  - [\n",
        "---\n",
        "entries: x\n",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(LINES, max_size=12))
def test_streamed_reading_agrees_on_any_arrangement(lines: list[str]) -> None:
    text = "".join(lines)
    assert outcome(text, whole=False) == outcome(text, whole=True)


def test_each_entry_is_handed_over_and_not_kept() -> None:
    text = HEAD + "entries:\n" + "".join(f"  - {{canonical: Ort{i}, kind: place}}\n" for i in range(5))
    alive: list[weakref.ref[yaml.Node]] = []

    def take(item: yaml.Node) -> None:
        assert all(ref() is None for ref in alive)  # the items before this one are gone
        alive.append(weakref.ref(item))

    root = _Composer(text, take).get_single_node()
    assert len(alive) == 5
    assert isinstance(root, yaml.MappingNode)
    entries = dict((k.value, v) for k, v in root.value)["entries"]
    assert entries.value == [None] * 5
