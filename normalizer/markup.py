"""Markup awareness: the spans of a document that must never be edited.

This module owns three things: choosing the markup of a file by its suffix (`markup_for`), reading
the structure of Markdown (markdown-it-py) and HTML (the standard library's `html.parser`) into
protected character spans, and the suppression markers every mode honours (`normalizer: ignore`
on a line; `<!-- normalizer: off -->` … `<!-- normalizer: on -->`). `protected_zones` returns sorted,
non-overlapping spans of the original string; malformed input never raises, it only makes the
affected part protected.
"""

from __future__ import annotations

import html.entities
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from os.path import splitext
from typing import Literal

Markup = Literal["text", "markdown", "html"]
Zone = tuple[int, int]

_SUFFIXES: dict[str, Markup] = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}
_EOL = re.compile(r"\r\n?|\n")
# every marker: `normalizer: ignore`, `<!-- normalizer: off -->` / `on`, and (plain text) a bare
# `normalizer: off` / `on` line, which _BARE_SWITCH checks
_MARKER = re.compile(r"<!--[ \t]*normalizer:[ \t]*(off|on)[ \t]*-->|normalizer:[ \t]*(ignore|off|on)", re.IGNORECASE)
_BARE_SWITCH = re.compile(r"[ \t]*normalizer:[ \t]*(off|on)[ \t]*", re.IGNORECASE)
RAW_ELEMENTS = frozenset({"script", "style", "code", "pre", "textarea"})
_EDITABLE_ATTRIBUTES = frozenset({"alt", "title"})
_LEGACY_REFS = sorted((name for name in html.entities.html5 if not name.endswith(";")), key=len, reverse=True)
_CHARREF = re.compile(r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;|(?:" + "|".join(_LEGACY_REFS) + "))")
_STRAY_TAG = re.compile(r"<[A-Za-z/!?]")
TAG_NAME = re.compile(r"<(/?)([A-Za-z][^\s/>]*)")
_ATTRIBUTE = re.compile(r"""[\s/]*([^\s/>][^\s/>=]*)(?:\s*=\s*("[^"]*"?|'[^']*'?|[^\s>]*))?""")


def markup_for(path: str) -> Markup:
    """By suffix: .md .markdown → markdown; .html .htm → html; anything else → text."""
    return _SUFFIXES.get(splitext(path)[1].lower(), "text")


def protected_zones(text: str, markup: Markup) -> list[tuple[int, int]]:
    """Sorted, non-overlapping (start, end) character spans of `text` that must never be edited."""
    zones: list[Zone] = []
    code: list[Zone] = []
    if markup == "markdown":
        from normalizer.markdown_rs import markdown_zones  # imported only when needed

        zones, code = markdown_zones(text, Lines(text))
    elif markup == "html":
        zones = html_zones(text)
    zones.extend(_marker_zones(text, bare=markup == "text", code=_merge(code, len(text))))
    return _merge(zones, len(text))


class Lines:
    """Line starts and ends (before the line break) by the CommonMark line breaks \\r\\n, \\r, \\n."""

    def __init__(self, text: str):
        breaks = list(_EOL.finditer(text))
        self.starts = [0, *(m.end() for m in breaks)]
        self.ends = [*(m.start() for m in breaks), len(text)]
        self.text = text

    def __len__(self) -> int:
        return len(self.starts)

    def line(self, i: int) -> str:
        return self.text[self.starts[i] : self.ends[i]]

    def zone(self, first: int, last: int) -> Zone:
        """Lines first..last-1, without the final line break."""
        return self.starts[first], self.ends[max(first, min(last, len(self)) - 1)]


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


class _Events(HTMLParser):
    """Records where each parser event starts; an event ends where the next one starts."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.events: list[tuple[str, int, str]] = []
        self._line_starts = [0, *(m.end() for m in re.finditer("\n", text))]

    def run(self, text: str) -> int:
        """Parses `text`; returns how far the parser got (the rest is protected). Input that
        ends inside a tag, comment or declaration is left unread rather than closed: closing
        it is quadratic in some Python versions, and it would be protected anyway."""
        try:
            self.feed(text)
            if not self.rawdata.startswith("<"):
                self.close()
        except Exception:  # a tokenizer error must not stop the run: protect what was not read
            pass
        return self._offset()

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def _add(self, kind: str, name: str = "") -> None:
        self.events.append((kind, self._offset(), name))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._add("start", tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._add("tag", tag)

    def handle_endtag(self, tag: str) -> None:
        self._add("end", tag)

    def handle_data(self, data: str) -> None:
        self._add("data")

    def handle_entityref(self, name: str) -> None:
        self._add("data")

    def handle_charref(self, name: str) -> None:
        self._add("data")

    def handle_comment(self, data: str) -> None:
        self._add("other")

    def handle_decl(self, decl: str) -> None:
        self._add("other")

    def handle_pi(self, data: str) -> None:
        self._add("other")

    def unknown_decl(self, data: str) -> None:
        self._add("other")


def html_zones(text: str) -> list[Zone]:
    """Tags (but the values of alt and title), comments, declarations, the content of raw
    elements, character references; whatever the parser left unparsed at the end."""
    parser = _Events(text)
    parsed = parser.run(text)
    zones: list[Zone] = [(parsed, len(text))]
    depth = dict.fromkeys(RAW_ELEMENTS, 0)
    events = parser.events
    for i, (kind, start, name) in enumerate(events):
        end = events[i + 1][1] if i + 1 < len(events) else parsed
        zones.extend(_event_zones(text, kind, start, end, raw=any(depth.values())))
        if name in depth and kind in ("start", "end"):
            depth[name] = depth[name] + 1 if kind == "start" else max(0, depth[name] - 1)
    return zones


def _event_zones(text: str, kind: str, start: int, end: int, *, raw: bool) -> list[Zone]:
    if kind in ("start", "tag"):
        return tag_zones(text[start:end], start)
    if kind != "data" or raw:
        return [(start, end)]
    zones = [m.span() for m in _CHARREF.finditer(text, start, end)]
    stray = _STRAY_TAG.search(text, start, min(end + 1, len(text)))
    while stray:  # a tag the parser gave up on: protect it up to the next '>' or to the end
        close = text.find(">", stray.start())
        close = len(text) if close < 0 else close + 1
        zones.append((stray.start(), close))
        stray = _STRAY_TAG.search(text, close, min(end + 1, len(text))) if close < end else None
    return zones


def tag_zones(tag: str, offset: int) -> list[Zone]:
    """A whole tag is protected except the characters of its alt and title values (character
    references inside them stay protected)."""
    editable: list[Zone] = []
    name = TAG_NAME.match(tag)
    position = name.end() if name and not name.group(1) else len(tag)
    while position < len(tag):
        attribute = _ATTRIBUTE.match(tag, position)
        if attribute is None or attribute.end() == position:
            break
        position = attribute.end()
        value = attribute.group(2)
        if value and attribute.group(1).lower() in _EDITABLE_ATTRIBUTES:
            quoted = value[0] in "\"'"
            first = attribute.start(2) + quoted
            last = attribute.end(2) - (quoted and len(value) > 1 and value[-1] == value[0])
            editable.extend(_without_charrefs(tag, first, last))
    return _complement(editable, offset, len(tag))


def _without_charrefs(text: str, start: int, end: int) -> list[Zone]:
    pieces: list[Zone] = []
    for ref in _CHARREF.finditer(text, start, end):
        pieces.append((start, ref.start()))
        start = ref.end()
    pieces.append((start, end))
    return pieces


def _complement(editable: list[Zone], offset: int, size: int) -> list[Zone]:
    """The parts of 0..size outside the sorted `editable` spans, shifted by `offset`."""
    zones: list[Zone] = []
    position = 0
    for start, end in editable:
        zones.append((offset + position, offset + start))
        position = max(position, end)
    zones.append((offset + position, offset + size))
    return zones
