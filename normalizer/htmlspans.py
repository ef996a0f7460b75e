"""HTML read into protected character spans (the standard library's `html.parser`), and the
lines of a document: what `markup` and `markdown` both use, in a module that imports neither."""

from __future__ import annotations

import html.entities
import re
from html.parser import HTMLParser

from normalizer.findings import LINE_BREAK

Zone = tuple[int, int]

RAW_ELEMENTS = frozenset({"script", "style", "code", "pre", "textarea"})
_EDITABLE_ATTRIBUTES = frozenset({"alt", "title"})
_LEGACY_REFS = sorted((name for name in html.entities.html5 if not name.endswith(";")), key=len, reverse=True)
_CHARREF = re.compile(r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;|(?:" + "|".join(_LEGACY_REFS) + "))")
_STRAY_TAG = re.compile(r"<[A-Za-z/!?]")
TAG_NAME = re.compile(r"<(/?)([A-Za-z][^\s/>]*)")
_ATTRIBUTE = re.compile(r"""[\s/]*([^\s/>][^\s/>=]*)(?:\s*=\s*("[^"]*"?|'[^']*'?|[^\s>]*))?""")


class Lines:
    """Line starts and ends (before the line break) by the CommonMark line breaks \\r\\n, \\r, \\n."""

    def __init__(self, text: str):
        breaks = list(LINE_BREAK.finditer(text))
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
