"""Reading a convention file's YAML: composed into nodes with the safe loader, so that every
error names the file, line and column of the offending node; YAML aliases (`*ref`) are refused,
which rules out alias bombs. `Reader` walks the nodes and builds the values of
`convention_model`.

The items of the file's `entries` list are composed one at a time, each turned into an `Entry`
and dropped (`_Composer`): the nodes of a whole list of 100,000 entries, two marks each, would
take several hundred MB. The document is composed once in full for its errors and the other keys
(the items left out), then the list again for its entries, so that the errors come in the same
order as from composing the whole document."""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.resolver import Resolver

from normalizer.convention_model import KINDS, Convention, Entry, Example
from normalizer.errors import ConventionError, escape, quote
from normalizer.scan import PHRASE_MAX
from normalizer.textfold import fold
from normalizer.translit import source_languages

SOURCE_LANGS = source_languages()  # the languages of native names the shipped tables romanise
_LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")
# libyaml's safe loader when PyYAML was built with it (the wheels are), else the pure-Python one
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TOP_KEYS = {"convention", "version", "language", "description", "extends", "entries", "protect", "unsafe-fixes"}
_ENTRY_KEYS = {"canonical", "native", "native_other", "source_lang", "kind", "aliases", "examples", "fuzzy", "fixed"}

Item = Callable[[yaml.Node], None]  # what is done with each item of the `entries` list
NESTING = 1000  # libyaml refuses a document nested deeper


def read(text: str, label: str, *, whole: bool = False) -> tuple[Convention, list[tuple[str, yaml.Node]]]:
    """The convention `text` defines, and the conventions it extends (see `Reader.convention`).
    `whole`: compose the whole document at once, as PyYAML does (the reading the streamed one
    must agree with)."""
    with _located(text, label):
        for event in yaml.parse(text, Loader=_LOADER):
            if isinstance(event, yaml.AliasEvent):
                mark = event.start_mark
                line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
                raise ConventionError(label, "YAML aliases (*name) are not allowed", line, col)
        root = yaml.compose(text, Loader=_LOADER) if whole else _Composer(text, lambda item: None).document()
    return Reader(label, None if whole else text).convention(root)


@contextmanager
def _located(text: str, label: str) -> Iterator[None]:
    """PyYAML's errors as a `ConventionError` with the file, line and column."""
    try:
        yield
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = escape(exc.problem or exc.context or "invalid YAML")
        if mark is None:
            raise ConventionError(label, f"invalid YAML: {problem}") from None
        raise ConventionError(label, f"invalid YAML: {problem}", mark.line + 1, mark.column + 1) from None
    except yaml.YAMLError as exc:
        position = getattr(exc, "position", None)
        if isinstance(position, int):  # a character YAML does not accept (a reader error)
            line = text.count("\n", 0, position) + 1
            col = position - (text.rfind("\n", 0, position) + 1) + 1
            reason = escape(str(getattr(exc, "reason", "unacceptable character")))
            raise ConventionError(label, f"invalid YAML: {reason}", line, col) from None
        first = escape(str(exc).splitlines()[0]) if str(exc) else "invalid YAML"
        raise ConventionError(label, f"invalid YAML: {first}") from None


class _Composer(Composer, Resolver):
    """PyYAML's composer (the same nodes, tags and anchors as `yaml.compose`) on the events of
    `_LOADER`, except that each item of the root's `entries` list goes to `item` as soon as it is
    composed and is not kept (None stands in its place in the list)."""

    def __init__(self, text: str, item: Item):
        Composer.__init__(self)
        Resolver.__init__(self)
        self._events = _LOADER(text)
        self._item = item
        self._at: list[object] = []  # the index (a key node, a number) of each node on the way down

    def check_event(self, *choices: type[yaml.Event]) -> bool:
        return bool(self._events.check_event(*choices))

    def peek_event(self) -> Any:
        return self._events.peek_event()

    def get_event(self) -> Any:
        return self._events.get_event()

    def document(self) -> yaml.Node | None:
        """The document's root node. PyYAML's composer takes three Python calls a level: the
        deepest document libyaml accepts needs more than Python's default limit."""
        limit = sys.getrecursionlimit()
        sys.setrecursionlimit(limit + 4 * NESTING)
        try:
            return self.get_single_node()
        finally:
            sys.setrecursionlimit(limit)

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        self._at.append(index)
        try:
            node = super().compose_node(parent, index)
        finally:
            self._at.pop()
        if len(self._at) == 2 and isinstance(parent, yaml.SequenceNode) and _is_entries_key(self._at[1]):
            assert node is not None
            self._item(node)
            return None
        return node


def _is_entries_key(node: object) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:str" and node.value == "entries"


class Reader:
    """Walks the composed node tree and builds values, raising located errors. With `source`, the
    YAML text the tree is `_Composer`'s of, the items of its `entries` list are composed again
    from it when walked."""

    def __init__(self, label: str, source: str | None = None):
        self.label = label
        self.source = source

    def fail(self, node: yaml.Node | None, message: str) -> ConventionError:
        if node is None:
            return ConventionError(self.label, message)
        mark = node.start_mark
        return ConventionError(self.label, message, mark.line + 1, mark.column + 1)

    def mapping(self, node: yaml.Node, what: str, allowed: set[str]) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        if not isinstance(node, yaml.MappingNode):
            raise self.fail(node, f"{what} must be a mapping")
        out: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key_node, value_node in node.value:
            key = self.scalar(key_node, "a key")
            if key not in allowed:
                raise self.fail(key_node, f"unknown key {quote(key)} in {what} (allowed: {', '.join(sorted(allowed))})")
            if key in out:
                raise self.fail(key_node, f"duplicate key {quote(key)} in {what}")
            out[key] = (key_node, value_node)
        return out

    def scalar(self, node: yaml.Node, what: str) -> str:
        if not isinstance(node, yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:str":
            kind = (
                "a list"
                if isinstance(node, yaml.SequenceNode)
                else "a mapping"
                if isinstance(node, yaml.MappingNode)
                else "not a string"
            )
            if isinstance(node, yaml.ScalarNode) and node.tag != "tag:yaml.org,2002:str":
                tag = escape(node.tag.rsplit(":", 1)[-1])
                kind = f"{'an' if tag[:1] in 'aeiou' else 'a'} {tag}"
            raise self.fail(node, f"{what} must be a string, not {kind}")
        return str(node.value)

    def text(self, node: yaml.Node, what: str) -> str:
        value = self.scalar(node, what).strip()
        if not value:
            raise self.fail(node, f"{what} must not be empty")
        if any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") and c != "\u200d" for c in value):
            # a line break or an escape sequence would be written into every fixed text
            raise self.fail(node, f"{what} contains a control character: {quote(value)}")
        return value

    def name(self, node: yaml.Node, what: str) -> str:
        """A spelling of a name: no space at either end, and a capital at the start (or, after
        a particle, at the start of a later part: 'von der Leyen', 'al-Assad')."""
        value = self.text(node, what)
        if self.scalar(node, what) != value:
            raise self.fail(node, f"{what} {quote(self.scalar(node, what))} has white space at its start or end")
        parts = re.split(r"[\s\-\u2011'’]+", value)
        if not parts[0][:1].isupper() and not any(part[:1].isupper() for part in parts[1:]):
            raise self.fail(node, f"{what} {quote(value)} must start with a capital letter")
        return value

    def check_script(self, node: yaml.Node, value: str, what: str) -> None:
        """A native spelling is written in Cyrillic (the script of every source language)."""
        foreign = [c for c in value if c.isalpha() and not unicodedata.name(c, "").startswith("CYRILLIC")]
        if foreign:
            raise self.fail(
                node, f"{what} {quote(value)} must be written in Cyrillic (found {quote(''.join(foreign[:5]))})"
            )

    def strings(self, node: yaml.Node, what: str) -> list[tuple[str, yaml.Node]]:
        if not isinstance(node, yaml.SequenceNode):
            raise self.fail(node, f"{what} must be a list of strings")
        return [(self.text(item, f"each item of {what}"), item) for item in node.value]

    def convention(self, root: yaml.Node | None) -> tuple[Convention, list[tuple[str, yaml.Node]]]:
        """The convention the file defines, and the conventions it extends (as written, with
        their nodes), which the caller loads."""
        if root is None:
            raise self.fail(None, "empty file: expected a mapping with 'convention', 'language' and 'entries'")
        if isinstance(root, yaml.MappingNode) and not any(
            isinstance(k, yaml.ScalarNode) and k.value == "convention" for k, _ in root.value
        ):
            # quote nothing of a file that is not a convention (it may be any file: /etc/shadow)
            raise self.fail(root, "missing required key 'convention'")
        top = self.mapping(root, "the convention", _TOP_KEYS)
        for required in ("convention", "language"):
            if required not in top:
                raise self.fail(root, f"missing required key '{required}'")
        if "entries" not in top and "extends" not in top:
            raise self.fail(root, "missing required key 'entries'")
        if "version" in top:
            _key_node, node = top["version"]
            if not (isinstance(node, yaml.ScalarNode) and node.value == "1"):
                raise self.fail(node, "unsupported version (this tool reads version 1)")
        name = self.text(top["convention"][1], "'convention'")
        language = self.text(top["language"][1], "'language'")
        if not _LANGUAGE_TAG.fullmatch(language):
            message = f"'language' must be a language code such as de or en, not {quote(language)}"
            raise self.fail(top["language"][1], message)
        description = self.scalar(top["description"][1], "'description'") if "description" in top else ""
        extends: list[tuple[str, yaml.Node]] = []
        if "extends" in top:
            node = top["extends"][1]
            extends = (
                self.strings(node, "'extends'")
                if isinstance(node, yaml.SequenceNode)
                else [(self.text(node, "'extends'"), node)]
            )
        entries = self.entries(top["entries"][1]) if "entries" in top else []
        protect = (
            frozenset(p for p, _ in self.strings(top["protect"][1], "'protect'")) if "protect" in top else frozenset()
        )
        unsafe_fixes = None
        if "unsafe-fixes" in top:
            unsafe_fixes = self.boolean(top["unsafe-fixes"][1], "'unsafe-fixes'")
        own = Convention(name, language, description, tuple(entries), protect, (self.label,), unsafe_fixes)
        return own, extends

    def boolean(self, node: yaml.Node, what: str) -> bool:
        if not (isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:bool"):
            raise self.fail(node, f"{what} must be true or false")
        return node.value.lower() in ("true", "yes", "on")

    def entries(self, node: yaml.Node) -> list[Entry]:
        if not isinstance(node, yaml.SequenceNode):
            raise self.fail(node, "'entries' must be a list")
        entries: list[Entry] = []
        self.each_item(node, lambda item: entries.append(self.entry(item)))
        self.check_collisions(node, entries)
        return entries

    def each_item(self, node: yaml.SequenceNode, do: Item) -> None:
        """Do `do` with each item of the `entries` list `node`, in order."""
        if self.source is None:
            for item in node.value:
                do(item)
        else:
            _Composer(self.source, do).document()

    def item(self, node: yaml.SequenceNode, number: int) -> yaml.Node:
        """The item `number` of the `entries` list `node` (for an error message)."""
        seen: list[yaml.Node | None] = []
        self.each_item(node, lambda item: seen.append(item if len(seen) == number else None))
        found = seen[number]
        assert found is not None
        return found

    def entry(self, node: yaml.Node) -> Entry:
        fields = self.mapping(node, "an entry", _ENTRY_KEYS)
        for required in ("canonical", "kind"):
            if required not in fields:
                raise self.fail(node, f"entry is missing required key '{required}'")
        canonical = self.name(fields["canonical"][1], "'canonical'")
        kind_node = fields["kind"][1]
        kind = self.text(kind_node, "'kind'")
        if kind not in KINDS:
            raise self.fail(kind_node, f"'kind' must be one of {', '.join(KINDS)}, not {quote(kind)}")
        native = self.text(fields["native"][1], "'native'") if "native" in fields else None
        source_lang = None
        if "source_lang" in fields:
            lang_node = fields["source_lang"][1]
            source_lang = self.text(lang_node, "'source_lang'")
            if source_lang not in SOURCE_LANGS:
                raise self.fail(
                    lang_node, f"'source_lang' must be one of {', '.join(SOURCE_LANGS)}, not {quote(source_lang)}"
                )
        if native is not None and source_lang is None:
            raise self.fail(fields["native"][0], f"'native' needs 'source_lang' ({', '.join(SOURCE_LANGS)})")
        if native is not None:
            self.check_script(fields["native"][1], native, "'native'")
        native_other: list[str] = []
        if "native_other" in fields:
            if native is None:
                raise self.fail(fields["native_other"][0], "'native_other' needs 'native'")
            for other, other_node in self.strings(fields["native_other"][1], "'native_other'"):
                self.check_script(other_node, other, "'native_other'")
                native_other.append(other)
        aliases: list[str] = []
        if "aliases" in fields:
            for alias, alias_node in self.strings(fields["aliases"][1], "'aliases'"):
                self.name(alias_node, "an alias")
                if fold(alias) == fold(canonical) and alias == canonical:
                    raise self.fail(alias_node, f"alias {quote(alias)} repeats the canonical spelling")
                aliases.append(alias)
        fuzzy = self.boolean(fields["fuzzy"][1], "'fuzzy'") if "fuzzy" in fields else True
        fixed: list[str] = []
        for phrase, phrase_node in self.strings(fields["fixed"][1], "'fixed'") if "fixed" in fields else ():
            if len(phrase) > PHRASE_MAX:
                raise self.fail(phrase_node, f"a fixed phrase is longer than {PHRASE_MAX} characters")
            fixed.append(phrase)
        examples = tuple(self.examples(fields["examples"][1])) if "examples" in fields else ()
        line = node.start_mark.line + 1
        return Entry(
            canonical=canonical,
            kind=kind,
            native=native,
            source_lang=source_lang,
            aliases=tuple(aliases),
            examples=examples,
            fuzzy=fuzzy,
            origin=f"{self.label}:{line}",
            native_other=tuple(native_other),
            fixed=tuple(fixed),
        )

    def examples(self, node: yaml.Node) -> Iterable[Example]:
        if not isinstance(node, yaml.SequenceNode):
            raise self.fail(node, "'examples' must be a list of {in: ..., out: ...} pairs")
        for item in node.value:
            pair = self.mapping(item, "an example", {"in", "out"})
            if "in" not in pair or "out" not in pair:
                raise self.fail(item, "an example needs both 'in' and 'out'")
            yield Example(
                self.scalar(pair["in"][1], "'in'"),
                self.scalar(pair["out"][1], "'out'"),
                item.start_mark.line + 1,
                self.label,
            )

    def check_collisions(self, node: yaml.SequenceNode, entries: list[Entry]) -> None:
        canonical_of: dict[str, int] = {}
        for i, entry in enumerate(entries):
            key = entry.canonical.casefold()
            if key in canonical_of:
                raise self.fail(
                    self.item(node, i),
                    f"canonical {quote(entry.canonical)} is defined twice "
                    f"(also at line {_line(self.item(node, canonical_of[key]))})",
                )
            canonical_of[key] = i
        alias_of: dict[str, int] = {}
        for i, entry in enumerate(entries):
            for number, alias in enumerate(entry.aliases):
                key = alias.casefold()
                owner = canonical_of.get(key)
                if owner is not None and owner != i:
                    raise self.fail(
                        _alias_nodes(self.item(node, i))[number],
                        f"alias {quote(alias)} equals the canonical of another entry "
                        f"({quote(entries[owner].canonical)})",
                    )
                claimed = alias_of.get(key)
                if claimed is not None and claimed != i:
                    raise self.fail(
                        _alias_nodes(self.item(node, i))[number],
                        f"alias {quote(alias)} is claimed by two entries "
                        f"({quote(entries[claimed].canonical)} and {quote(entry.canonical)})",
                    )
                alias_of[key] = i


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _alias_nodes(entry_node: yaml.Node) -> list[yaml.Node]:
    assert isinstance(entry_node, yaml.MappingNode)
    for key_node, value_node in entry_node.value:
        if key_node.value == "aliases" and isinstance(value_node, yaml.SequenceNode):
            return list(value_node.value)
    return []
