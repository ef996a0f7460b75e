"""The protected spans of Markdown, read with markdown-it-py: code, link and image targets,
raw HTML, definitions and front-matter keys (see `normalizer.markup`, which imports this module
only for Markdown files)."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it import rules_inline as inline_rules
from markdown_it.helpers import parseLinkLabel
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from normalizer.htmlspans import Lines, Zone, html_zones, tag_zones
from normalizer.markdown_parts import Span, front_matter, link_zones, raw_element_spans

InlineRule = Callable[[StateInline, bool], bool]

_LEAF_BLOCKS = frozenset(
    {"inline", "paragraph_open", "heading_open", "fence", "code_block", "html_block", "hr", "definition", "table_open"}
)
# the characters that begin the inline constructs recorded below: code, autolinks and raw HTML,
# entities, links and images
_INLINE_MARKS = re.compile(r"[`<&\[]")


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
            for zone in link_zones(state.src, start, label_end, state.pos):
                recorder.add("link", *zone)
        return ok

    return wrapped


@lru_cache(maxsize=1)
def _shared_parser() -> tuple[_Recorder, MarkdownIt]:
    """One parser per process (building one costs more than parsing an article); each
    document starts with an empty recorder."""
    recorder = _Recorder()
    return recorder, _parser(recorder)


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

    def __init__(self, text: str, lines: Lines, prose_keys: frozenset[str]):
        self.text, self.lines = text, lines
        front, self.zones = front_matter(lines, prose_keys)
        source = "\n" * front + "\n".join(lines.line(i) for i in range(front, len(lines)))
        self.source_lines = source.replace("\0", "\ufffd").split("\n")
        self.covered = [i < front for i in range(len(lines))]
        self.code: list[Zone] = []
        self.cells: dict[int, int] = {}  # line → column after the last table cell aligned
        self.recorder, self.md = _shared_parser()
        self.recorder.take()  # left over if the last document failed midway
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
            self.zones.extend((s + start, e + start) for s, e in html_zones(self.text[start:end]))
        elif token.type == "inline":
            cell = previous is not None and previous.type in ("th_open", "td_open")
            self._inline(token.content, first, cell)

    def _inline(self, content: str, first: int, cell: bool) -> None:
        spans: list[Span] = []
        if _INLINE_MARKS.search(content):  # else no recorded rule can apply: no need to parse it
            self.md.inline.parse(content, self.md, self.env, [])
            spans = self.recorder.take()
        spans.extend(raw_element_spans(content, spans))
        if not spans and not cell:  # nothing to protect (a table cell still moves its line's cursor)
            return
        positions = self._align(content, first, cell)
        if positions is None:  # cannot place the content in the source: protect its lines
            self.zones.append(self.lines.zone(first, first + content.count("\n") + 1))
            return
        for kind, start, end in spans:
            pieces = tag_zones(content[start:end], start) if kind == "html" else [(start, end)]
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
            positions.extend(map(start.__add__, columns[:-1]))
            positions.append(self.lines.ends[line])  # the line break (an unused sentinel after the last piece)
        return positions


def markdown_zones(text: str, lines: Lines, prose_keys: frozenset[str]) -> tuple[list[Zone], list[Zone]]:
    """Protected zones and, among them, the code (where suppression markers are only examples).
    `prose_keys`: the front-matter keys whose values are prose (case-folded)."""
    return _Markdown(text, lines, prose_keys).run()


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
