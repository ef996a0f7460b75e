"""Load and validate convention files (YAML) into `Convention` and `Entry` values.

Loading is `yaml.safe_load`-level: the file is composed into nodes with the safe loader, so
every error can name the file, line and column of the offending node. YAML aliases (`*ref`) are
refused, which rules out alias bombs, and file size is capped.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import yaml

from normalizer.errors import ConventionError, escape, quote
from normalizer.textfold import fold

Kind = Literal["person", "place", "org"]
KINDS: tuple[Kind, ...] = ("person", "place", "org")
SOURCE_LANGS = ("uk", "ru", "be")
MAX_BYTES = 8 * 1024 * 1024
MAX_EXTENDS_DEPTH = 8
# Installed from a wheel, the top-level conventions/ folder is the package `normalizer.shipped`;
# in a source checkout (editable install) it is the folder beside the package.
_INSTALLED = Path(__file__).parent / "shipped"
SHIPPED_DIR = _INSTALLED if _INSTALLED.is_dir() else Path(__file__).parent.parent / "conventions"

_LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")
# libyaml's safe loader when PyYAML was built with it (the wheels are), else the pure-Python one
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TOP_KEYS = {"convention", "version", "language", "description", "extends", "entries", "protect", "unsafe-fixes"}
_ENTRY_KEYS = {"canonical", "native", "native_other", "source_lang", "kind", "aliases", "examples", "fuzzy"}


@dataclass(frozen=True, slots=True)
class Example:
    """An input/expected pair that `conventions lint` checks."""

    text: str
    expected: str
    line: int
    source: str = ""  # the file that holds the example

    @property
    def where(self) -> str:
        return f"{self.source}:{self.line}"


@dataclass(frozen=True, slots=True)
class Entry:
    """One name with its house spelling and what is known about its variants."""

    canonical: str
    kind: Kind
    native: str | None = None
    source_lang: str | None = None
    aliases: tuple[str, ...] = ()
    examples: tuple[Example, ...] = ()
    fuzzy: bool = True
    origin: str = ""  # file:line where the entry was defined
    # the name's other native forms, in Russian: the Russian or former name of a Ukrainian or
    # Belarusian place (Николаев, Днепропетровск) or a Russian form no reading derives
    native_other: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Convention:
    """A validated convention: entries plus the protected words."""

    name: str
    language: str
    description: str = ""
    entries: tuple[Entry, ...] = ()
    protect: frozenset[str] = field(default_factory=frozenset)
    sources: tuple[str, ...] = ()
    unsafe_fixes: bool | None = None  # apply unsafe fixes by default (None: not said, no)


def shipped_names() -> list[str]:
    """Names of the conventions shipped with the package (`de`, `en`, ...)."""
    return sorted(p.stem for p in SHIPPED_DIR.glob("*.yaml"))


def resolve_name(name_or_path: str, base: Path | None = None) -> Path:
    """A shipped convention name or a path (relative to `base` when given) → file path.

    A bare name ('de') is a shipped convention when one has that name, even if a folder of the
    same name happens to be in the working directory; anything else is a path."""
    shipped = SHIPPED_DIR / f"{name_or_path}.yaml"
    bare = "/" not in name_or_path and "\\" not in name_or_path and not Path(name_or_path).suffix
    if bare and shipped.is_file():
        return shipped
    candidate = Path(name_or_path)
    if base is not None and not candidate.is_absolute():
        candidate = base / candidate
    if candidate.suffix in (".yaml", ".yml") or candidate.exists():
        return candidate
    known = ", ".join(shipped_names())
    raise ConventionError(name_or_path, f"no such convention file or shipped name (shipped: {known})")


def load_conventions(names: Sequence[str]) -> Convention:
    """Load one or more conventions; later ones win where they define the same name."""
    if not names:
        raise ConventionError("<none>", "no convention given")
    loaded = [load_file(resolve_name(n)) for n in names]
    return merge(loaded)


def load_file(path: Path, _chain: tuple[Path, ...] = ()) -> Convention:
    """Load one convention file (following `extends`) and validate it."""
    label = str(path)
    try:
        resolved = path.resolve()
    except (OSError, RuntimeError):  # a symlink loop
        raise ConventionError(label, "cannot resolve the path (a symbolic link loop?)") from None
    if resolved in _chain:
        raise ConventionError(label, "recursive 'extends': " + " -> ".join(escape(str(p)) for p in (*_chain, resolved)))
    if len(_chain) >= MAX_EXTENDS_DEPTH:
        raise ConventionError(label, f"'extends' nested deeper than {MAX_EXTENDS_DEPTH}")
    data = _read_bounded(path, label)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ConventionError(label, "not valid UTF-8", line) from None
    root = _compose(text, label)
    return _Reader(label, path, (*_chain, resolved)).convention(root)


def _read_bounded(path: Path, label: str) -> bytes:
    """The bytes of a regular file of at most MAX_BYTES. A FIFO, a device or a socket is refused
    before anything is read (opening without blocking), so that no convention path can hang a
    run or fill the memory ('/dev/zero', a named pipe)."""
    too_large = f"file is larger than {MAX_BYTES // (1024 * 1024)} MB"
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise ConventionError(label, "file not found") from None
    except OSError as exc:
        raise ConventionError(label, f"cannot read: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ConventionError(label, "not a regular file (a folder, pipe or device)")
        if info.st_size > MAX_BYTES:
            raise ConventionError(label, too_large)
        with os.fdopen(fd, "rb", closefd=False) as stream:
            data = stream.read(MAX_BYTES + 1)
    except OSError as exc:
        raise ConventionError(label, f"cannot read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    if len(data) > MAX_BYTES:
        raise ConventionError(label, too_large)
    return data


def _project_root(path: Path) -> Path:
    """The folder whose files a convention may extend: the nearest folder above `path` that holds
    a repository or a configuration (.git, .normalizer.yaml, pyproject.toml), else its own folder."""
    start = path.resolve().parent
    for folder in (start, *start.parents):
        if any((folder / marker).exists() for marker in (".git", ".normalizer.yaml", "pyproject.toml")):
            return folder
    return start


def _compose(text: str, label: str) -> yaml.Node | None:
    try:
        for event in yaml.parse(text, Loader=_LOADER):
            if isinstance(event, yaml.AliasEvent):
                mark = event.start_mark
                line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
                raise ConventionError(label, "YAML aliases (*name) are not allowed", line, col)
        return yaml.compose(text, Loader=_LOADER)
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


class _Reader:
    """Walks the composed node tree and builds values, raising located errors."""

    def __init__(self, label: str, path: Path, chain: tuple[Path, ...]):
        self.label = label
        self.path = path
        self.chain = chain

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

    def convention(self, root: yaml.Node | None) -> Convention:
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
        parents: list[Convention] = []
        if "extends" in top:
            node = top["extends"][1]
            items = (
                self.strings(node, "'extends'")
                if isinstance(node, yaml.SequenceNode)
                else [(self.text(node, "'extends'"), node)]
            )
            for ref, ref_node in items:
                try:
                    path = resolve_name(ref, self.path.parent)
                except ConventionError as exc:
                    raise self.fail(ref_node, f"'extends': {exc.message}") from None
                self.check_extends(path, ref_node)
                if not path.exists():
                    raise self.fail(ref_node, f"'extends': {escape(str(path))} not found")
                parents.append(load_file(path, self.chain))
        entries = self.entries(top["entries"][1]) if "entries" in top else []
        protect = (
            frozenset(p for p, _ in self.strings(top["protect"][1], "'protect'")) if "protect" in top else frozenset()
        )
        unsafe_fixes = None
        if "unsafe-fixes" in top:
            node = top["unsafe-fixes"][1]
            if not (isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:bool"):
                raise self.fail(node, "'unsafe-fixes' must be true or false")
            unsafe_fixes = node.value.lower() in ("true", "yes", "on")
        own = Convention(name, language, description, tuple(entries), protect, (self.label,), unsafe_fixes)
        return merge([*parents, own]) if parents else own

    def check_extends(self, path: Path, node: yaml.Node) -> None:
        """`extends` names a shipped convention, or a .yaml/.yml file inside the project of the
        convention that the run started from; anything else is refused unread."""
        if path.parent == SHIPPED_DIR:
            return
        root = _project_root(self.chain[0])
        allowed = f"only shipped conventions and .yaml/.yml files inside {escape(str(root))}"
        if path.suffix not in (".yaml", ".yml"):
            raise self.fail(node, f"'extends': {escape(str(path))} is not a .yaml/.yml file ({allowed})")
        try:
            inside = path.resolve().is_relative_to(root)
        except (OSError, RuntimeError):
            inside = False
        if not inside:
            raise self.fail(node, f"'extends': {escape(str(path))} is outside the project ({allowed})")

    def entries(self, node: yaml.Node) -> list[Entry]:
        if not isinstance(node, yaml.SequenceNode):
            raise self.fail(node, "'entries' must be a list")
        entries = [self.entry(item) for item in node.value]
        self.check_collisions(node, entries)
        return entries

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
            raise self.fail(fields["native"][0], "'native' needs 'source_lang' (uk, ru or be)")
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
        fuzzy = True
        if "fuzzy" in fields:
            fuzzy_node = fields["fuzzy"][1]
            if not (isinstance(fuzzy_node, yaml.ScalarNode) and fuzzy_node.tag == "tag:yaml.org,2002:bool"):
                raise self.fail(fuzzy_node, "'fuzzy' must be true or false")
            fuzzy = fuzzy_node.value.lower() in ("true", "yes", "on")
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
                    node.value[i],
                    f"canonical {quote(entry.canonical)} is defined twice "
                    f"(also at line {_line(node.value[canonical_of[key]])})",
                )
            canonical_of[key] = i
        alias_of: dict[str, int] = {}
        for i, entry in enumerate(entries):
            alias_nodes = _alias_nodes(node.value[i])
            for alias, alias_node in zip(entry.aliases, alias_nodes, strict=True):
                key = alias.casefold()
                owner = canonical_of.get(key)
                if owner is not None and owner != i:
                    raise self.fail(
                        alias_node,
                        f"alias {quote(alias)} equals the canonical of another entry "
                        f"({quote(entries[owner].canonical)})",
                    )
                claimed = alias_of.get(key)
                if claimed is not None and claimed != i:
                    raise self.fail(
                        alias_node,
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


def _keys(entry: Entry) -> list[str]:
    """What makes two entries the same name: the native spelling, and the folded canonical."""
    keys = [f"canonical:{fold(entry.canonical)}"]
    if entry.native:
        keys.append(f"native:{fold(entry.native)}")
    return keys


def merge(conventions: Sequence[Convention]) -> Convention:
    """Combine conventions in order: an entry for the same name (same native spelling, or same
    folded canonical) in a later convention replaces the earlier one."""
    merged: list[Entry | None] = []
    position: dict[str, int] = {}
    for convention in conventions:
        for entry in convention.entries:
            for key in _keys(entry):
                if key in position:
                    merged[position[key]] = None
            for key in _keys(entry):
                position[key] = len(merged)
            merged.append(entry)
    protect: frozenset[str] = frozenset().union(*(c.protect for c in conventions))
    last = conventions[-1]
    sources = tuple(s for c in conventions for s in c.sources)
    entries = tuple(e for e in merged if e is not None)
    said = [c.unsafe_fixes for c in conventions if c.unsafe_fixes is not None]
    return Convention(last.name, last.language, last.description, entries, protect, sources, said[-1] if said else None)
