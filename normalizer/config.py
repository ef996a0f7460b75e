"""The settings of a file (`Config`) and reading one configuration file: `[tool.normalizer]` in
pyproject.toml or `.normalizer.yaml`, each value checked (a wrong one names the file and line).
Which file governs which path is `normalizer.configs`.

    # .normalizer.yaml                     # pyproject.toml
    conventions: [de, house.yaml]          [tool.normalizer]
    language: de                           conventions = ["de", "house.yaml"]
    include: ["*.md", "*.txt"]             exclude = ["archive/**"]
    exclude: ["archive/**"]                threshold = 90
    extend-exclude: ["drafts/**"]
    force-exclude: true                    # excludes hold for files named on the command line
    threshold: 90
    fuzzy: true
    ignore: [Kyjiw]                        # spellings accepted as they are
    encoding: latin-1                      # of the files (default utf-8)
    max-file-size: 64M                     # larger files are skipped (bytes, or K/M/G; 0: no limit)
    prose-keys: [title, description]       # front-matter keys whose values are prose
    unsafe-fixes: false                    # fix applies fuzzy/phonetic one-word findings too
    consistency: article                   # report unlisted names spelled several ways (article, folder, off)
    per-path:                              # settings for some files, on top of the rest
      - paths: ["en/**"]
        language: en

Convention paths and `per-path` globs are relative to the file that names them.
"""

from __future__ import annotations

import fnmatch
import re
from pathlib import Path
from typing import Any, NamedTuple

from normalizer.errors import ConfigError, quote
from normalizer.files import DEFAULT_MAX_FILE_SIZE, UTF8, check_encoding, parse_size
from normalizer.markup import PROSE_KEYS
from normalizer.tuning import THRESHOLD_RANGE

_PER_PATH_KEYS = {
    "paths",
    "conventions",
    "language",
    "threshold",
    "fuzzy",
    "ignore",
    "prose-keys",
    "unsafe-fixes",
    "consistency",
}
_KEYS = {
    "conventions",
    "language",
    "include",
    "exclude",
    "extend-exclude",
    "force-exclude",
    "threshold",
    "fuzzy",
    "ignore",
    "encoding",
    "max-file-size",
    "prose-keys",
    "per-path",
    "unsafe-fixes",
    "consistency",
}
CONSISTENCY = ("article", "folder")  # where unlisted names must be spelled one way ('' for off)


class PerPath(NamedTuple):
    """Settings for the files matching `paths` (globs relative to `base`); None: not set."""

    paths: tuple[str, ...]
    base: str
    conventions: tuple[str, ...] = ()
    language: str | None = None
    threshold: float | None = None
    fuzzy: bool | None = None
    ignore: frozenset[str] = frozenset()
    prose_keys: tuple[str, ...] | None = None
    unsafe_fixes: bool | None = None
    consistency: str | None = None

    def matches(self, path: Path) -> bool:
        try:
            relative = path.absolute().relative_to(self.base).as_posix()
        except ValueError:
            return False
        return any(fnmatch.fnmatchcase(relative, glob) for glob in self.paths)


class Config(NamedTuple):
    """The resolved settings of one file (or of a run, where every file has the same)."""

    conventions: tuple[str, ...] = ()
    language: str | None = None
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    extend_exclude: tuple[str, ...] = ()
    force_exclude: bool = False
    threshold: float | None = None
    fuzzy: bool = True
    ignore: frozenset[str] = frozenset()
    encoding: str = UTF8  # of the files, as files.check_encoding returns it
    max_file_size: int = DEFAULT_MAX_FILE_SIZE  # bytes; larger files are skipped (0: no limit)
    prose_keys: tuple[str, ...] = PROSE_KEYS
    unsafe_fixes: bool | None = None  # apply unsafe fixes too (None: as the convention says, else no)
    consistency: str = ""  # 'article', 'folder' or '' (see CONSISTENCY)
    consistency_fix: bool = False  # fix: write an unlisted name the suggested way within each article
    per_path: tuple[PerPath, ...] = ()
    source: str = ""  # the config file, or '' when none was found
    language_from: str = ""  # who set `language`: '--lang', a config file, or '' (nobody)

    def override(self, **flags: Any) -> Config:
        """These settings with every flag that was given (not None, not empty) on top."""
        given = {k: v for k, v in flags.items() if v not in (None, (), [], frozenset())}
        if "language" in given:
            given.setdefault("language_from", "--lang")
        return self._replace(**given)

    def for_file(self, path: Path) -> Config:
        """These settings with the `per-path` tables that match `path` on top, in order."""
        config = self
        for table in self.per_path:
            if table.matches(path):
                config = config.override(
                    conventions=table.conventions,
                    language=table.language,
                    language_from=f"{self.source} (per-path {', '.join(table.paths)})" if table.language else None,
                    threshold=table.threshold,
                    fuzzy=table.fuzzy,
                    ignore=table.ignore,
                    prose_keys=table.prose_keys,
                    unsafe_fixes=table.unsafe_fixes,
                    consistency=table.consistency,
                )
        return config


def load(path: Path) -> Config:
    label = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(label, f"cannot read the configuration: {exc}") from None
    raw = _toml_section(text, label) if path.name == "pyproject.toml" else _yaml(text, label)
    check = _Checker(label, text)
    unknown = sorted(set(raw) - _KEYS, key=str)
    if unknown:
        names = ", ".join(quote(key) for key in unknown)
        raise check.error(str(unknown[0]), f"unknown configuration key(s): {names} (known: {', '.join(sorted(_KEYS))})")
    base = path.parent
    language = check.language(raw)
    return Config(
        conventions=check.conventions(raw, base),
        language=language,
        include=tuple(check.strings(raw, "include")),
        exclude=tuple(check.strings(raw, "exclude")),
        extend_exclude=tuple(check.strings(raw, "extend-exclude")),
        force_exclude=check.boolean(raw, "force-exclude", False),
        threshold=check.threshold(raw),
        fuzzy=check.boolean(raw, "fuzzy", True),
        ignore=frozenset(check.strings(raw, "ignore")),
        encoding=check.encoding(raw),
        max_file_size=check.max_file_size(raw),
        prose_keys=tuple(check.strings(raw, "prose-keys")) if "prose-keys" in raw else PROSE_KEYS,
        unsafe_fixes=check.boolean(raw, "unsafe-fixes", False) if "unsafe-fixes" in raw else None,
        consistency=check.consistency(raw),
        per_path=check.per_path(raw, base),
        source=label,
        language_from=label if language else "",
    )


def shipped_languages() -> list[str]:
    """The prose languages that have a shipped convention (the names of the shipped files)."""
    from normalizer.conventions import shipped_names

    return shipped_names()


class _Checker:
    """Reads the values of one configuration file; a wrong one is a `ConfigError` naming the
    file and the line of its key."""

    def __init__(self, label: str, text: str):
        self.label = label
        self.text = text

    def error(self, key: str, message: str) -> ConfigError:
        pattern = re.compile(rf"^[ \t]*(?:-[ \t]+)?[\"']?{re.escape(key)}[\"']?[ \t]*[:=]", re.MULTILINE)
        found = pattern.search(self.text)
        line = self.text.count("\n", 0, found.start()) + 1 if found else None
        return ConfigError(self.label, message, line)

    def strings(self, raw: dict[str, Any], key: str) -> list[str]:
        value = raw.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.error(key, f"'{key}' must be a list of strings")
        return list(value)

    def boolean(self, raw: dict[str, Any], key: str, default: bool) -> bool:
        value = raw.get(key, default)
        if not isinstance(value, bool):
            raise self.error(key, f"'{key}' must be true or false, not {quote(value)}")
        return value

    def threshold(self, raw: dict[str, Any]) -> float | None:
        value = raw.get("threshold")
        if value is None:
            return None
        low, high = THRESHOLD_RANGE
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
            raise self.error("threshold", f"'threshold' must be a number from {low:g} to {high:g}, not {quote(value)}")
        return float(value)

    def language(self, raw: dict[str, Any]) -> str | None:
        value = raw.get("language")
        if value is None:
            return None
        known = shipped_languages()
        if not isinstance(value, str) or value not in known:
            raise self.error(
                "language", f"'language': {quote(value)} has no shipped convention (choose {', '.join(known)})"
            )
        return value

    def conventions(self, raw: dict[str, Any], base: Path) -> tuple[str, ...]:
        from normalizer.conventions import shipped_names

        refs = []
        for ref in self.strings(raw, "conventions"):
            resolved = _convention_ref(ref, base)
            if not _is_path(ref) and ref not in shipped_names():
                raise self.error(
                    "conventions",
                    f"'conventions': {quote(ref)} is neither a shipped convention ({', '.join(shipped_names())})"
                    " nor a path (a YAML file name, relative to this file)",
                )
            if _is_path(ref) and not Path(resolved).is_file():
                raise self.error("conventions", f"'conventions': {quote(ref)}: no such file")
            refs.append(resolved)
        return tuple(refs)

    def encoding(self, raw: dict[str, Any]) -> str:
        value = raw.get("encoding", UTF8)
        if not isinstance(value, str):
            raise self.error("encoding", "'encoding' must be a string")
        try:
            return check_encoding(value)
        except ValueError as exc:
            raise self.error("encoding", f"'encoding': {exc}") from None

    def max_file_size(self, raw: dict[str, Any]) -> int:
        value = raw.get("max-file-size", DEFAULT_MAX_FILE_SIZE)
        if isinstance(value, bool) or not isinstance(value, (int, str)):
            raise self.error("max-file-size", "'max-file-size' must be a number of bytes (or with K, M, G: 64M)")
        try:
            return parse_size(value)
        except ValueError as exc:
            raise self.error("max-file-size", f"'max-file-size': {exc}") from None

    def consistency(self, raw: dict[str, Any]) -> str:
        value = raw.get("consistency", False)
        if value is False or value == "off":  # YAML 1.1 reads a bare off as false
            return ""
        if value is True:
            return "article"
        if value not in CONSISTENCY:
            raise self.error("consistency", f"'consistency' must be article, folder or off, not {quote(value)}")
        return str(value)

    def per_path(self, raw: dict[str, Any], base: Path) -> tuple[PerPath, ...]:
        tables = raw.get("per-path", [])
        if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
            raise self.error("per-path", "'per-path' must be a list of tables, each with 'paths'")
        out = []
        for table in tables:
            unknown = sorted(set(table) - _PER_PATH_KEYS)
            if unknown or "paths" not in table:
                what = f"unknown key(s) {', '.join(map(quote, unknown))}" if unknown else "no 'paths'"
                raise self.error(
                    "per-path", f"'per-path': a table with {what} (keys: {', '.join(sorted(_PER_PATH_KEYS))})"
                )
            out.append(
                PerPath(
                    paths=tuple(self.strings(table, "paths")),
                    base=str(base.resolve()),
                    conventions=self.conventions(table, base),
                    language=self.language(table),
                    threshold=self.threshold(table),
                    fuzzy=self.boolean(table, "fuzzy", True) if "fuzzy" in table else None,
                    ignore=frozenset(self.strings(table, "ignore")),
                    prose_keys=tuple(self.strings(table, "prose-keys")) if "prose-keys" in table else None,
                    unsafe_fixes=self.boolean(table, "unsafe-fixes", False) if "unsafe-fixes" in table else None,
                    consistency=self.consistency(table) if "consistency" in table else None,
                )
            )
        return tuple(out)


def _is_path(ref: str) -> bool:
    return "/" in ref or ref.endswith((".yaml", ".yml"))


def _convention_ref(ref: str, base: Path) -> str:
    """A shipped name stays a name; a path becomes relative to the config file."""
    return str((base / ref).resolve()) if _is_path(ref) else ref


def _yaml(text: str, label: str) -> dict[str, Any]:
    import yaml  # imported here: most runs read no .normalizer.yaml

    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = (mark.line + 1, mark.column + 1) if mark is not None else (None, None)
        raise ConfigError(label, "invalid YAML in the configuration", *where) from None
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise ConfigError(label, "the configuration must be a mapping")
    return raw


def load_toml(text: str) -> dict[str, Any]:
    import tomllib

    data: dict[str, Any] = tomllib.loads(text)
    return data


def _toml_section(text: str, label: str) -> dict[str, Any]:
    try:
        data = load_toml(text)
    except ValueError as exc:
        raise ConfigError(label, f"invalid TOML: {exc}") from None
    section = data.get("tool", {}).get("normalizer", {})
    if not isinstance(section, dict):
        raise ConfigError(label, "[tool.normalizer] must be a table")
    return section
