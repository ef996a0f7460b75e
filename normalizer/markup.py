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
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from os.path import splitext
from typing import Literal

from markdown_it import MarkdownIt
from markdown_it import rules_inline as inline_rules
from markdown_it.helpers import parseLinkLabel
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

Markup = Literal["text", "markdown", "html"]
Zone = tuple[int, int]
Span = tuple[str, int, int]  # (kind, start, end) in the coordinates of one inline source
InlineRule = Callable[[StateInline, bool], bool]

_SUFFIXES: dict[str, Markup] = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}
_EOL = re.compile(r"\r\n?|\n")
_IGNORE = re.compile(r"normalizer:[ \t]*ignore", re.IGNORECASE)
_SWITCH = re.compile(r"<!--[ \t]*normalizer:[ \t]*(off|on)[ \t]*-->", re.IGNORECASE)
_BARE_SWITCH = re.compile(r"[ \t]*normalizer:[ \t]*(off|on)[ \t]*", re.IGNORECASE)
_RAW_ELEMENTS = frozenset({"script", "style", "code", "pre", "textarea"})
_EDITABLE_ATTRIBUTES = frozenset({"alt", "title"})
_LEGACY_REFS = sorted((name for name in html.entities.html5 if not name.endswith(";")), key=len, reverse=True)
_CHARREF = re.compile(r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;|(?:" + "|".join(_LEGACY_REFS) + "))")
_STRAY_TAG = re.compile(r"<[A-Za-z/!?]")
_TAG_NAME = re.compile(r"<(/?)([A-Za-z][^\s/>]*)")
_ATTRIBUTE = re.compile(r"""[\s/]*([^\s/>][^\s/>=]*)(?:\s*=\s*("[^"]*"?|'[^']*'?|[^\s>]*))?""")
_FRONT_MATTER_KEY = re.compile(r"""[ \t]*(?:-[ \t]+)*(?:"[^"]*"|'[^']*'|[^\s#"'][^:#]*?)[ \t]*:(?=[ \t]|$)""")
_LEAF_BLOCKS = frozenset(
    {"inline", "paragraph_open", "heading_open", "fence", "code_block", "html_block", "hr", "definition", "table_open"}
)


def markup_for(path: str) -> Markup:
    """By suffix: .md .markdown → markdown; .html .htm → html; anything else → text."""
    return _SUFFIXES.get(splitext(path)[1].lower(), "text")


def protected_zones(text: str, markup: Markup) -> list[tuple[int, int]]:
    """Sorted, non-overlapping (start, end) character spans of `text` that must never be edited."""
    lines = _Lines(text)
    zones: list[Zone] = []
    code: list[Zone] = []
    if markup == "markdown":
        zones, code = _markdown_zones(text, lines)
    elif markup == "html":
        zones = _html_zones(text)
    zones.extend(_marker_zones(text, lines, bare=markup == "text", code=_merge(code, len(text))))
    return _merge(zones, len(text))


class _Lines:
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


def _marker_zones(text: str, lines: _Lines, *, bare: bool, code: list[Zone]) -> list[Zone]:
    """Lines with `normalizer: ignore`, and off … on blocks (an off without on runs to the end).
    Markers inside code (`code`, Markdown only) are examples, not markers."""
    zones: list[Zone] = []
    switches: list[tuple[str, int, int]] = []
    for i in range(len(lines)):
        line, start = lines.line(i), lines.starts[i]
        if any(not _inside(start + m.start(), code) for m in _IGNORE.finditer(line)):
            zones.append((start, lines.ends[i]))
        bare_switch = _BARE_SWITCH.fullmatch(line) if bare else None
        if bare_switch:
            switches.append((bare_switch.group(1).lower(), start, lines.ends[i]))
        switches.extend(
            (m.group(1).lower(), start + m.start(), start + m.end())
            for m in _SWITCH.finditer(line)
            if not _inside(start + m.start(), code)
        )
    return zones + list(_switched_off(switches, len(text)))


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


def _html_zones(text: str) -> list[Zone]:
    """Tags (but the values of alt and title), comments, declarations, the content of raw
    elements, character references; whatever the parser left unparsed at the end."""
    parser = _Events(text)
    parsed = parser.run(text)
    zones: list[Zone] = [(parsed, len(text))]
    depth = dict.fromkeys(_RAW_ELEMENTS, 0)
    events = parser.events
    for i, (kind, start, name) in enumerate(events):
        end = events[i + 1][1] if i + 1 < len(events) else parsed
        zones.extend(_event_zones(text, kind, start, end, raw=any(depth.values())))
        if name in depth and kind in ("start", "end"):
            depth[name] = depth[name] + 1 if kind == "start" else max(0, depth[name] - 1)
    return zones


def _event_zones(text: str, kind: str, start: int, end: int, *, raw: bool) -> list[Zone]:
    if kind in ("start", "tag"):
        return _tag_zones(text[start:end], start)
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


def _tag_zones(tag: str, offset: int) -> list[Zone]:
    """A whole tag is protected except the characters of its alt and title values (character
    references inside them stay protected)."""
    editable: list[Zone] = []
    name = _TAG_NAME.match(tag)
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


# --- Markdown ------------------------------------------------------------------------------


class _Recorder:
    """Collects (kind, start, end) of the inline constructs markdown-it's rules accept. A stack
    level per link or image: an image's alt text is parsed as a string of its own."""

    def __init__(self) -> None:
        self.stack: list[list[Span]] = [[]]

    def add(self, kind: str, start: int, end: int) -> None:
        self.stack[-1].append((kind, start, end))

    def take(self) -> list[Span]:
        spans, self.stack = self.stack[0], [[]]
        return spans


def _recording(recorder: _Recorder, kind: str, rule: InlineRule) -> InlineRule:
    def wrapped(state: StateInline, silent: bool) -> bool:
        start = state.pos
        ok = rule(state, silent)
        if ok and not silent:
            recorder.add(kind, start, state.pos)
        return ok

    return wrapped


def _recording_link(recorder: _Recorder, rule: InlineRule, *, image: bool) -> InlineRule:
    def wrapped(state: StateInline, silent: bool) -> bool:
        if silent:
            return rule(state, silent)
        start = state.pos
        recorder.stack.append([])
        ok = rule(state, silent)
        nested = recorder.stack.pop()
        if ok:
            shift = start + 2 if image else 0  # alt text: parsed from src[start + 2 : label end]
            recorder.stack[-1].extend((kind, s + shift, e + shift) for kind, s, e in nested)
            label_end = parseLinkLabel(state, start + 1 if image else start, not image)
            recorder.add("link", *_link_zone(state.src, start, label_end, state.pos))
        return ok

    return wrapped


def _link_zone(src: str, start: int, label_end: int, end: int) -> Zone:
    """From the closing bracket: the destination and title, or the reference label. In a
    shortcut or collapsed reference ([Name], [Name][]) the text is the label: all of it."""
    if label_end < 0 or src[label_end + 1 : end] in ("", "[]"):
        return start, end
    return label_end, end


def _parser(recorder: _Recorder) -> MarkdownIt:
    """CommonMark with tables; block parsing only (we run the inline parser per token)."""
    md = MarkdownIt("commonmark", {"inline_definitions": True}).enable("table")
    md.disable(["inline", "text_join"])
    ruler = md.inline.ruler
    ruler.at("backticks", _recording(recorder, "code", inline_rules.backtick))
    ruler.at("autolink", _recording(recorder, "autolink", inline_rules.autolink))
    ruler.at("html_inline", _recording(recorder, "html", inline_rules.html_inline))
    ruler.at("entity", _recording(recorder, "entity", inline_rules.entity))
    ruler.at("link", _recording_link(recorder, inline_rules.link, image=False))
    ruler.at("image", _recording_link(recorder, inline_rules.image, image=True))
    return md


class _Markdown:
    """One Markdown document: its lines, the block tokens, and the zones found so far."""

    def __init__(self, text: str, lines: _Lines):
        self.text, self.lines = text, lines
        front, self.zones = _front_matter(lines)
        source = "\n" * front + "\n".join(lines.line(i) for i in range(front, len(lines)))
        self.source_lines = source.replace("\0", "\ufffd").split("\n")
        self.covered = [i < front for i in range(len(lines))]
        self.code: list[Zone] = []
        self.cells: dict[int, int] = {}  # line → column after the last table cell aligned
        self.recorder = _Recorder()
        self.md = _parser(self.recorder)
        self.env: dict[str, object] = {}
        self.tokens = self.md.parse(source, self.env)

    def run(self) -> tuple[list[Zone], list[Zone]]:
        previous: Token | None = None
        for token in self.tokens:
            if token.map is not None:
                self._block(token, previous)
            previous = token
        for i, covered in enumerate(self.covered):  # lines no block claimed (nesting limit …)
            if not covered and self.lines.line(i).strip():
                self.zones.append(self.lines.zone(i, i + 1))
        return self.zones, self.code

    def _block(self, token: Token, previous: Token | None) -> None:
        first, last = token.map or (0, 0)
        if token.type in _LEAF_BLOCKS:
            for i in range(first, min(last, len(self.covered))):
                self.covered[i] = True
        whole = self.lines.zone(first, last)
        if token.type in ("fence", "code_block"):
            self.zones.append(whole)
            self.code.append(whole)
        elif token.type == "definition":
            self.zones.append(whole)
        elif token.type == "html_block":
            start, end = whole
            self.zones.extend((s + start, e + start) for s, e in _html_zones(self.text[start:end]))
        elif token.type == "inline":
            cell = previous is not None and previous.type in ("th_open", "td_open")
            self._inline(token.content, first, cell)

    def _inline(self, content: str, first: int, cell: bool) -> None:
        self.md.inline.parse(content, self.md, self.env, [])
        spans = self.recorder.take()
        spans.extend(_raw_element_spans(content, spans))
        positions = self._align(content, first, cell)
        if positions is None:  # cannot place the content in the source: protect its lines
            self.zones.append(self.lines.zone(first, first + content.count("\n") + 1))
            return
        for kind, start, end in spans:
            pieces = _tag_zones(content[start:end], start) if kind == "html" else [(start, end)]
            for s, e in pieces:
                if e > s:
                    self.zones.append((positions[s], positions[e - 1] + 1))
                    if kind in ("code", "raw"):
                        self.code.append(self.zones[-1])

    def _align(self, content: str, first: int, cell: bool) -> list[int] | None:
        """The offset in the original text of each character of `content` (an inline token's
        text: its source lines without container markers and indentation)."""
        positions: list[int] = []
        pieces = content.split("\n")
        for i, piece in enumerate(pieces):
            line = first + i
            if line >= len(self.source_lines):
                return None
            cursor = self.cells.get(line, 0) if cell else 0
            columns = _align_line(piece, self.source_lines[line], cursor, suffix=not cell)
            if columns is None:
                return None
            if cell:
                self.cells[line] = columns[-1]
            start = self.lines.starts[line]
            positions.extend(start + column for column in columns[:-1])
            positions.append(self.lines.ends[line])  # the line break (an unused sentinel after the last piece)
        return positions


def _markdown_zones(text: str, lines: _Lines) -> tuple[list[Zone], list[Zone]]:
    """Protected zones and, among them, the code (where suppression markers are only examples)."""
    return _Markdown(text, lines).run()


def _align_line(piece: str, line: str, cursor: int, *, suffix: bool) -> list[int] | None:
    """Columns in `line` of each character of `piece`, plus the column after it. A paragraph
    line is a suffix of its source line; a table cell is found from `cursor` on; failing both
    (an escaped pipe), the characters are matched in order."""
    key = piece.strip()
    lead = len(piece) - len(piece.lstrip())
    body = line.rstrip()
    at = -1
    if suffix and key and body.endswith(key) and len(body) - len(key) >= cursor:
        at = len(body) - len(key)
    if at < 0:
        at = line.find(key, cursor)
    columns = list(range(at, at + len(key))) if at >= 0 else _subsequence(key, line, cursor)
    if columns is None:
        return None
    before = columns[0] if columns else at
    after = columns[-1] + 1 if columns else at
    return [before] * lead + columns + [after] * (len(piece) - lead - len(key) + 1)


def _subsequence(key: str, line: str, cursor: int) -> list[int] | None:
    columns: list[int] = []
    for char in key:
        cursor = line.find(char, cursor)
        if cursor < 0:
            return None
        columns.append(cursor)
        cursor += 1
    return columns


def _raw_element_spans(content: str, spans: list[Span]) -> list[Span]:
    """Inline <code>, <pre>, <script> … elements: from the opening tag through the closing one
    (or to the end of the inline text when it is not closed)."""
    found: list[Span] = []
    opened: tuple[int, str] | None = None
    for _kind, start, end in sorted(span for span in spans if span[0] == "html"):
        tag = _TAG_NAME.match(content, start)
        if tag is None:
            continue
        closing, name = tag.group(1) == "/", tag.group(2).lower()
        if opened is None and not closing and name in _RAW_ELEMENTS and not content[start:end].endswith("/>"):
            opened = (start, name)
        elif opened is not None and closing and name == opened[1]:
            found.append(("raw", opened[0], end))
            opened = None
    if opened is not None:
        found.append(("raw", opened[0], len(content)))
    return found


def _front_matter(lines: _Lines) -> tuple[int, list[Zone]]:
    """A YAML block at the very top between `---` lines: the number of its lines, and its
    delimiters, keys and comments (the values stay editable)."""
    if len(lines) < 2 or lines.line(0).rstrip() != "---":
        return 0, []
    for i in range(1, len(lines)):
        if lines.line(i).rstrip() in ("---", "..."):
            zones = [lines.zone(0, 1), lines.zone(i, i + 1)]
            zones.extend(zone for j in range(1, i) for zone in _front_matter_key(lines, j))
            return i + 1, zones
    return 0, []


def _front_matter_key(lines: _Lines, i: int) -> list[Zone]:
    line, start = lines.line(i), lines.starts[i]
    if line.lstrip().startswith("#"):
        return [(start, lines.ends[i])]
    key = _FRONT_MATTER_KEY.match(line)
    return [(start, start + key.end())] if key else []
