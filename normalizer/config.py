"""Find and merge settings: `[tool.normalizer]` in pyproject.toml or `.normalizer.yaml`,
searched upward from the files (like ruff and black), then the command-line flags on top.

    # .normalizer.yaml                     # pyproject.toml
    conventions: [de, house.yaml]          [tool.normalizer]
    language: de                           conventions = ["de", "house.yaml"]
    include: ["*.md", "*.txt"]             exclude = ["archive/**"]
    exclude: ["archive/**"]                threshold = 90
    extend-exclude: ["drafts/**"]
    threshold: 90
    fuzzy: true
    ignore: [Kyjiw]                        # spellings accepted as they are
    encoding: latin-1                      # of the files (default utf-8)
    max-file-size: 64M                     # larger files are skipped (bytes, or K/M/G; 0: no limit)
    consistency: article                   # report unlisted names spelled several ways (article, folder, off)

Convention paths in a config file are relative to that file.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from normalizer.errors import ConventionError, quote
from normalizer.files import DEFAULT_MAX_FILE_SIZE, UTF8, check_encoding, parse_size

CONFIG_NAMES = (".normalizer.yaml", ".normalizer.yml", "pyproject.toml")
_KEYS = {
    "conventions",
    "language",
    "include",
    "exclude",
    "extend-exclude",
    "threshold",
    "fuzzy",
    "ignore",
    "encoding",
    "max-file-size",
    "consistency",
}
CONSISTENCY = ("article", "folder")  # where unlisted names must be spelled one way ('' for off)


@dataclass(frozen=True, slots=True)
class Config:
    """The resolved settings of one run."""

    conventions: tuple[str, ...] = ()
    language: str | None = None
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    extend_exclude: tuple[str, ...] = ()
    threshold: float | None = None
    fuzzy: bool = True
    ignore: frozenset[str] = field(default_factory=frozenset)
    encoding: str = UTF8  # of the files, as files.check_encoding returns it
    max_file_size: int = DEFAULT_MAX_FILE_SIZE  # bytes; larger files are skipped (0: no limit)
    consistency: str = ""  # 'article', 'folder' or '' (see CONSISTENCY)
    consistency_fix: bool = False  # fix: write an unlisted name the suggested way within each article
    source: str = ""  # the config file, or '' when none was found

    def override(self, **flags: Any) -> Config:
        """These settings with every flag that was given (not None, not empty) on top."""
        given = {k: v for k, v in flags.items() if v not in (None, (), [], frozenset())}
        return replace(self, **given)


def find(start: Path) -> Path | None:
    """The nearest config file in `start` (a file's folder) or above it."""
    folder = start if start.is_dir() else start.parent
    for candidate in (folder.resolve(), *folder.resolve().parents):
        for name in CONFIG_NAMES:
            path = candidate / name
            if path.is_file() and (name != "pyproject.toml" or _has_tool_section(path)):
                return path
    return None


def load(path: Path) -> Config:
    label = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConventionError(label, f"cannot read the configuration: {exc}") from None
    raw = _toml_section(text, label) if path.name == "pyproject.toml" else _yaml(text, label)
    unknown = set(raw) - _KEYS
    if unknown:
        names = ", ".join(sorted(quote(key) for key in unknown))
        raise ConventionError(label, f"unknown configuration key(s): {names}")
    base = path.parent
    conventions = tuple(_convention_ref(c, base) for c in _strings(raw, "conventions", label))
    threshold = raw.get("threshold")
    if threshold is not None and not isinstance(threshold, (int, float)):
        raise ConventionError(label, "'threshold' must be a number")
    fuzzy = raw.get("fuzzy", True)
    if not isinstance(fuzzy, bool):
        raise ConventionError(label, "'fuzzy' must be true or false")
    language = raw.get("language")
    if language is not None and not isinstance(language, str):
        raise ConventionError(label, "'language' must be a string")
    return Config(
        conventions=conventions,
        language=language,
        include=tuple(_strings(raw, "include", label)),
        exclude=tuple(_strings(raw, "exclude", label)),
        extend_exclude=tuple(_strings(raw, "extend-exclude", label)),
        threshold=float(threshold) if threshold is not None else None,
        fuzzy=fuzzy,
        ignore=frozenset(_strings(raw, "ignore", label)),
        encoding=_encoding(raw, label),
        max_file_size=_max_file_size(raw, label),
        consistency=_consistency(raw, label),
        source=label,
    )


def discover(paths: list[Path]) -> Config:
    """The configuration that applies to `paths` (the first one's, searched upward)."""
    start = paths[0].absolute() if paths else Path.cwd()
    while not start.exists() and start != start.parent:
        start = start.parent
    found = find(start)
    return load(found) if found else Config()


def _convention_ref(ref: str, base: Path) -> str:
    """A shipped name stays a name; a path becomes relative to the config file."""
    if "/" in ref or ref.endswith((".yaml", ".yml")):
        return str((base / ref).resolve())
    return ref


def _encoding(raw: dict[str, Any], label: str) -> str:
    value = raw.get("encoding", UTF8)
    if not isinstance(value, str):
        raise ConventionError(label, "'encoding' must be a string")
    try:
        return check_encoding(value)
    except ValueError as exc:
        raise ConventionError(label, f"'encoding': {exc}") from None


def _max_file_size(raw: dict[str, Any], label: str) -> int:
    value = raw.get("max-file-size", DEFAULT_MAX_FILE_SIZE)
    if not isinstance(value, (int, str)):
        raise ConventionError(label, "'max-file-size' must be a number of bytes (or with K, M, G: 64M)")
    try:
        return parse_size(value)
    except ValueError as exc:
        raise ConventionError(label, f"'max-file-size': {exc}") from None


def _consistency(raw: dict[str, Any], label: str) -> str:
    value = raw.get("consistency", False)
    if value is False or value == "off":  # YAML 1.1 reads a bare off as false
        return ""
    if value is True:
        return "article"
    if value not in CONSISTENCY:
        raise ConventionError(label, "'consistency' must be article, folder or off")
    return str(value)


def _strings(raw: dict[str, Any], key: str, label: str) -> list[str]:
    value = raw.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConventionError(label, f"'{key}' must be a list of strings")
    return list(value)


def _yaml(text: str, label: str) -> dict[str, Any]:
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = (mark.line + 1, mark.column + 1) if mark is not None else (None, None)
        raise ConventionError(label, "invalid YAML in the configuration", *where) from None
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise ConventionError(label, "the configuration must be a mapping")
    return raw


def _load_toml(text: str) -> dict[str, Any]:
    import tomllib

    data: dict[str, Any] = tomllib.loads(text)
    return data


def _toml_section(text: str, label: str) -> dict[str, Any]:
    try:
        data = _load_toml(text)
    except ValueError as exc:
        raise ConventionError(label, f"invalid TOML: {exc}") from None
    section = data.get("tool", {}).get("normalizer", {})
    if not isinstance(section, dict):
        raise ConventionError(label, "[tool.normalizer] must be a table")
    return section


def _has_tool_section(path: Path) -> bool:
    try:
        return "normalizer" in _load_toml(path.read_text(encoding="utf-8")).get("tool", {})
    except (OSError, UnicodeDecodeError, ValueError):
        return False
