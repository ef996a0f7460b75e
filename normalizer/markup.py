"""Markup awareness: the spans of a document that must never be edited.

This module owns three things: choosing the markup of a file by its suffix (`markup_for`), reading
the structure of Markdown (markdown-it-py) and HTML (the standard library's `html.parser`) into
protected character spans, and the suppression markers every mode honours (`normalizer: ignore`
on a line; `<!-- normalizer: off -->` … `<!-- normalizer: on -->`). `protected_zones` returns sorted,
non-overlapping spans of the original string; malformed input never raises, it only makes the
affected part protected.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from os.path import splitext
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from normalizer.htmlspans import Zone

Markup = Literal["text", "markdown", "html"]

_SUFFIXES: dict[str, Markup] = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}
# every marker: `normalizer: ignore`, `<!-- normalizer: off -->` / `on`, and (plain text) a bare
# `normalizer: off` / `on` line, which _BARE_SWITCH checks
_MARKER = re.compile(r"<!--[ \t]*normalizer:[ \t]*(off|on)[ \t]*-->|normalizer:[ \t]*(ignore|off|on)", re.IGNORECASE)
_BARE_SWITCH = re.compile(r"[ \t]*normalizer:[ \t]*(off|on)[ \t]*", re.IGNORECASE)
# front-matter keys whose values are prose by default (the `prose-keys` setting)
PROSE_KEYS = ("title", "subtitle", "description", "summary", "excerpt", "abstract", "lead", "teaser", "caption")


def markup_for(path: str) -> Markup:
    """By suffix: .md .markdown → markdown; .html .htm → html; anything else → text."""
    return _SUFFIXES.get(splitext(path)[1].lower(), "text")


_HTML_START = re.compile(r"\A\ufeff?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)[\s>]", re.IGNORECASE | re.DOTALL)


def sniff(text: str) -> Markup:
    """The markup of a text that has no file name (stdin): HTML when it begins as an HTML
    document does (`<!DOCTYPE html>`, `<html>`), else plain text."""
    return "html" if _HTML_START.match(text[:4096]) else "text"


def protected_zones(text: str, markup: Markup, prose_keys: Iterable[str] = PROSE_KEYS) -> list[tuple[int, int]]:
    """Sorted, non-overlapping (start, end) character spans of `text` that must never be edited.
    `prose_keys`: the keys of Markdown front matter whose values are prose; the values of the
    others (paths, URLs, slugs, dates) are protected."""
    zones: list[Zone] = []
    code: list[Zone] = []
    if markup == "markdown":
        from normalizer.htmlspans import Lines
        from normalizer.markdown_rs import markdown_zones  # imported only when needed (as htmlspans)

        zones, code = markdown_zones(text, Lines(text), frozenset(k.casefold() for k in prose_keys))
    elif markup == "html":
        from normalizer.htmlspans import html_zones

        zones = html_zones(text)
    zones.extend(_marker_zones(text, bare=markup == "text", code=_merge(code, len(text))))
    return _merge(zones, len(text))


def _merge(zones: list[Zone], size: int) -> list[Zone]:
    """Clipped to the text, empty ones dropped, overlapping and touching ones joined."""
    merged: list[list[int]] = []
    for start, end in sorted((max(0, s), min(size, e)) for s, e in zones):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]


def _inside(position: int, zones: list[Zone]) -> bool:
    """Whether `position` lies in one of the sorted, merged `zones` (binary search)."""
    low, high = 0, len(zones)
    while low < high:
        middle = (low + high) // 2
        if zones[middle][1] <= position:
            low = middle + 1
        else:
            high = middle
    return low < len(zones) and zones[low][0] <= position


# --- suppression markers -------------------------------------------------------------------


def _marker_zones(text: str, *, bare: bool, code: list[Zone]) -> list[Zone]:
    """Lines with `normalizer: ignore`, and off … on blocks (an off without on runs to the end).
    Markers inside code (`code`, Markdown only) are examples, not markers. Only the lines that
    hold a marker are looked at (a marker never spans a line break)."""
    zones: list[Zone] = []
    switches: list[tuple[str, int, int]] = []
    for marker in _MARKER.finditer(text):
        if _inside(marker.start(), code):
            continue
        start, end = _line_around(text, marker.start())
        kind = (marker.group(1) or marker.group(2)).lower()
        if kind == "ignore":
            zones.append((start, end))
        elif marker.group(0).startswith("<!--"):
            switches.append((kind, marker.start(), marker.end()))
        elif bare and _BARE_SWITCH.fullmatch(text, start, end):
            switches.append((kind, start, end))
    return zones + list(_switched_off(switches, len(text)))


def _line_around(text: str, position: int) -> Zone:
    """The line that holds `position`, without its line break (\r\n, \r or \n)."""
    start = max(text.rfind("\n", 0, position), text.rfind("\r", 0, position)) + 1
    ends = [found for found in (text.find("\n", position), text.find("\r", position)) if found >= 0]
    return start, min(ends, default=len(text))


def _switched_off(switches: list[tuple[str, int, int]], size: int) -> Iterator[Zone]:
    off: int | None = None
    for state, start, end in switches:
        if state == "off" and off is None:
            off = start
        elif state == "on" and off is not None:
            yield off, end
            off = None
    if off is not None:
        yield off, size


# --- HTML ----------------------------------------------------------------------------------
