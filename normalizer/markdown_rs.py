"""The protected spans of Markdown, read with markdown-it.rs (the `markdown-it-pyrs` wheel): its
syntax tree carries the source position of every node, so nothing is parsed in Python and no
token's text has to be aligned with its source lines. It protects what `normalizer.markdown`
(the reference, on markdown-it-py) protects: code, link and image targets, raw HTML, entities,
definitions, front-matter keys and the entries of front-matter keys that hold no prose, while the
text of a link's title stays editable; the tests compare the two on generated documents.

A document that markdown-it.rs reads otherwise is left to the reference (see `_UNLIKE`), and so
is one with '[' and a code span that may be left open: markdown-it.rs 0.6 panics on a code span
left open after a '[' in the same paragraph ('[a `b': its cache of backtick runs is read out of
bounds when the link label scan and then the text visit the same run), writing the panic to
standard error, and pairs backticks otherwise than markdown-it-py around such spans; and one with a
link whose destination or title goes on in a line of a block quote (the reference reads that line
without the quote's '>'). A Python for which the wheel is not installed reads every document with
the reference.
"""

from __future__ import annotations

import contextlib
import re
from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate
from typing import Any

from normalizer.htmlspans import Lines, Zone, html_zones, tag_zones
from normalizer.markdown_parts import front_matter, link_zones, raw_element_spans

# the nodes that hold the text of their lines (the leaf block tokens of markdown-it-py)
_LEAF_BLOCKS = frozenset(
    {"paragraph", "heading", "lheading", "fence", "code_block", "html_block", "hr", "definition", "table"}
)
# the nodes of block structure; all others are inline
_BLOCKS = _LEAF_BLOCKS | {"root", "blockquote", "bullet_list", "ordered_list", "list_item"}
_NESTING = 20  # markdown-it-py leaves blocks nested deeper unparsed: their lines are protected
_BACKTICKS = re.compile("`+")
# What markdown-it.rs reads otherwise than markdown-it-py (found by comparing the two): tabs (it
# reports positions in the text with tabs expanded), the line separators U+2028 and U+2029, and
# comments and declarations ('<!-->', '<!-- a -- b -->', '<!doctype'), which it reads by an older
# CommonMark, and a backslash at the end of a line ('[r]: /u\\' is a definition to markdown-it-py).
_UNLIKE = ("\t", "\u2028", "\u2029", "<!", "\\\n")
# and control characters (NUL aside: both read it as U+FFFD), which the two read differently
# in HTML ('<img alt="A" title=0\x1f>')
_CONTROL = re.compile("[\x01-\x08\x0b-\x0c\x0e-\x1f\x7f]")
_INSIDE_TARGETS = ("`", "\n", '"', "'", "(")  # see _spans_close_in_lines
# What a document needs for any zone, or for a line that no block claims: code spans, fences
# (` ~) and indented code (four spaces, at a line's start or after a list marker; a tab is for
# the reference), links, images and definitions ([), HTML and autolinks (<), entities (&), a
# line of a list marker alone (an empty item, `_LIST_LINE`), and containers nested past
# _NESTING (block quotes, or a line that opens two lists at once; lists nested by indenting
# reach four spaces at the third level). A document without any of them is prose only: it
# needs no parser. (Looked for one by one: `in` is much faster than a search for a class.)
_MAY_PROTECT = ("[", "<", "`", ">", "&", "~", "\\", "    ", "\t", "\u2028", "\u2029")
_LIST_LINE = re.compile(r"^ {0,3}(?:[-+*]|\d{1,9}[.)])(?: *$| +(?:[-+*]|\d{1,9}[.)])(?: |$))", re.MULTILINE)


@lru_cache(maxsize=1)
def _parser() -> Any:
    """markdown-it.rs with CommonMark and tables, or None where the wheel is not installed."""
    try:
        import markdown_it_pyrs
    except ImportError:  # pragma: no cover - a Python for which the package has no wheel
        return None
    return markdown_it_pyrs.MarkdownIt("commonmark").enable("table")


def _tree(source: str) -> Any:
    """The syntax tree of `source`, or None when it is for the reference to read (see above)."""
    parser = _parser()
    unlike = any(mark in source for mark in _UNLIKE) or source.endswith("\\") or _CONTROL.search(source) is not None
    if parser is None or unlike or ("`" in source and "[" in source and not _spans_close_in_lines(source)):
        return None
    try:
        return parser.tree(source)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException:  # a Rust panic (pyo3's PanicException derives from BaseException)
        return None


def _spans_close_in_lines(source: str) -> bool:
    """Whether every run of backticks is closed by the next run of its length on its own line,
    none being taken by another construct first: then the two parsers pair them alike and no
    scan for a closing run fails (which is what makes markdown-it.rs panic). A link target or
    an angle-bracket construct that could hold a backtick or go on past its line, an escaped
    backtick, a backtick in a table row, a code span over several lines or a fence line: no."""
    if "\\`" in source:
        return False
    for opening, closing in (("](", ")"), ("<", ">")):
        at = source.find(opening)
        while at >= 0:
            end = source.find(closing, at + len(opening))
            if end < 0 or any(mark in source[at + len(opening) : end] for mark in _INSIDE_TARGETS):
                return False
            at = source.find(opening, end)
    for line in source.split("\n"):
        if "`" not in line:
            continue
        if "|" in line:
            return False
        runs = [len(run) for run in _BACKTICKS.findall(line)]
        opener = 0
        while opener < len(runs):
            if runs[opener] not in runs[opener + 1 :]:
                return False
            opener = runs.index(runs[opener], opener + 1) + 1
    return True


class _Source:
    """The parsed source: offsets of markdown-it.rs (UTF-8 bytes) → offsets in the original text
    (characters, line breaks as written). Line i of the source is line i of the text."""

    def __init__(self, source: str, lines: Lines):
        self.data = source.encode()
        self.encoded = self.data.split(b"\n")
        self.starts = [0, *accumulate(len(line) + 1 for line in self.encoded)]
        self.ascii = len(self.data) == len(source)
        self.lines = lines

    def line(self, offset: int) -> int:
        return bisect_right(self.starts, offset) - 1

    def position(self, offset: int) -> int:
        line = self.line(offset)
        if line >= len(self.encoded):
            return len(self.lines.text)
        column = offset - self.starts[line]
        if not self.ascii:
            column = len(self.encoded[line][:column].decode(errors="ignore"))
        return min(self.lines.starts[line] + column, self.lines.ends[line])


def markdown_zones(text: str, lines: Lines, prose_keys: frozenset[str]) -> tuple[list[Zone], list[Zone]]:
    """Protected zones and, among them, the code (where suppression markers are only examples).
    `prose_keys`: the front-matter keys whose values are prose (case-folded)."""
    front, zones = front_matter(lines, prose_keys)
    source = "\n" * front + "\n".join(lines.line(i) for i in range(front, len(lines)))
    source = source.replace("\0", "\ufffd")
    if not any(mark in source for mark in _MAY_PROTECT) and not _LIST_LINE.search(source):
        return zones, []
    tree = _tree(source)
    if tree is not None:
        with contextlib.suppress(_ForTheReferenceError):
            return _walk(tree, _Source(source, lines), front, zones)
    from normalizer import markdown  # the reference, on markdown-it-py: imported only for it

    return markdown.markdown_zones(text, lines, prose_keys)


def _walk(tree: Any, where: _Source, front: int, zones: list[Zone]) -> tuple[list[Zone], list[Zone]]:
    """The zones of the tree after those of the front matter (`front` lines, `zones`)."""
    lines = where.lines
    code: list[Zone] = []
    covered = [i < front for i in range(len(lines))]
    stack = [(tree, 0)]
    while stack:
        node, depth = stack.pop()
        if node.name not in _LEAF_BLOCKS:
            stack.extend((child, depth + 1) for child in reversed(node.children) if child.name in _BLOCKS)
            for run, start, end in _tight_paragraphs(node, where.data) if depth < _NESTING else ():
                _leaf(start, end, run, where, covered, zones, code)
        elif depth <= _NESTING:
            _leaf(node.srcmap[0], node.srcmap[1], node, where, covered, zones, code)
    for i, is_covered in enumerate(covered):  # lines no block claimed (nesting limit …)
        if not is_covered and lines.line(i).strip():
            zones.append(lines.zone(i, i + 1))
    return zones, code


def _tight_paragraphs(node: Any, data: bytes) -> list[tuple[list[Any], int, int]]:
    """The runs of inline nodes right inside a container (the paragraphs of a tight list item),
    each with where its text begins and ends: before the next block, or the container's end
    (the position markdown-it.rs gives a text node after a line break may lie past it)."""
    runs: list[tuple[list[Any], int, int]] = []
    inline = False
    for child in node.children:
        if child.name in _BLOCKS:
            if inline and child.srcmap:
                runs[-1] = (runs[-1][0], runs[-1][1], _trimmed(data, runs[-1][1], child.srcmap[0]))
            inline = False
        elif child.srcmap:
            if not inline:
                runs.append(([], child.srcmap[0], _trimmed(data, child.srcmap[0], node.srcmap[1])))
            runs[-1][0].append(child)
            inline = True
    return runs


def _trimmed(data: bytes, start: int, end: int) -> int:
    """`end` moved back over blanks and line breaks (not before `start`)."""
    return start + len(data[start:end].rstrip())


def _leaf(
    start: int, end: int, node: Any, where: _Source, covered: list[bool], zones: list[Zone], code: list[Zone]
) -> None:
    """The zones of a leaf block (or of a tight paragraph: a list of inline nodes)."""
    lines, text = where.lines, where.lines.text
    first, last = where.line(start), where.line(max(start, end - 1)) + 1
    for i in range(first, min(last, len(covered))):
        covered[i] = True
    whole = lines.zone(first, last)
    name = "paragraph" if isinstance(node, list) else node.name
    if name in ("fence", "code_block"):
        zones.append(whole)
        code.append(whole)
    elif name == "definition":
        zones.append(whole)
    elif name == "html_block":
        zones.extend((s + whole[0], e + whole[0]) for s, e in html_zones(text[whole[0] : whole[1]]))
    elif name == "table":  # each cell is a text of its own
        cells = [node]
        while cells:
            cell = cells.pop()
            if cell.name == "tcell" and cell.srcmap:
                _inline(cell.children, cell.srcmap[0], cell.srcmap[1], where, zones, code)
            else:
                cells.extend(cell.children)
    elif name == "lheading":  # its text ends before the line that underlines it
        _inline(node.children, start, where.starts[where.line(end - 1)] - 1, where, zones, code)
    else:
        _inline(node if isinstance(node, list) else node.children, start, end, where, zones, code)


def _inline(nodes: list[Any], first: int, last: int, where: _Source, zones: list[Zone], code: list[Zone]) -> None:
    """The inline constructs of one text (a paragraph, a heading, a cell of a table) that spans
    `first`..`last` of the source."""
    text = where.lines.text
    html: list[tuple[str, int, int]] = []
    stack = list(reversed(nodes))
    while stack:
        node = stack.pop()
        name = node.name
        if name != "code_inline":
            stack.extend(reversed(node.children))
        if name not in _INLINE or node.srcmap is None:
            continue
        if name == "text" and b"`" not in where.data[node.srcmap[0] : node.srcmap[1]]:
            continue
        start, end = where.position(node.srcmap[0]), where.position(node.srcmap[1])
        if name == "code_inline":
            zones.append((start, end))
            code.append((start, end))
        elif name == "text":  # a run of backticks that opens no code span is protected as code too
            for run in _BACKTICKS.finditer(text, start, end):
                zones.append(run.span())
                code.append(run.span())
        elif name == "text_special":
            if node.meta.get("info") == "entity":
                zones.append((start, end))
        elif name == "autolink":
            zones.append((start, end))
        elif name == "html_inline":
            html.append(("html", start, end))
            zones.extend(tag_zones(text[start:end], start))
        else:  # a link or an image
            zones.extend(_link(node, where))
    if html:  # an element left open runs to the end of the text (stripped, as markdown-it-py does)
        block_start, block_end = where.position(first), where.position(last)
        shifted = [(kind, start - block_start, end - block_start) for kind, start, end in html]
        for _kind, start, end in raw_element_spans(text[block_start:block_end].rstrip(), shifted):
            zones.append((start + block_start, end + block_start))
            code.append(zones[-1])


class _ForTheReferenceError(Exception):
    """A document that only the reference reads as it should."""


# a line of a link's destination or title that begins with the marker of a block quote
_QUOTED_LINE = re.compile(r"\n *>")
_INLINE = frozenset({"text", "code_inline", "autolink", "text_special", "html_inline", "link", "image"})


def _link(node: Any, where: _Source) -> list[Zone]:
    """From the closing bracket of the label on: the destination and the quotes of the title, or
    the reference (read in the link's source, whose lines end in a bare line feed, as the reference
    reads them)."""
    first, last = node.srcmap
    src = where.data[first:last].decode()
    label_end = _label_end(node, where.data)
    label = len(where.data[first:label_end].decode()) if label_end >= 0 else -1
    if _QUOTED_LINE.search(src, label + 1):
        raise _ForTheReferenceError  # the reference reads the target without the '>' of a quote
    return [
        (where.position(first + len(src[:s].encode())), where.position(first + len(src[:e].encode())))
        for s, e in link_zones(src, 0, label, len(src))
    ]


def _label_end(node: Any, data: bytes) -> int:
    """The offset of the bracket that closes the label of a link or image: the first ']' that
    closes no '[' of the label, outside code, autolinks, tags and escapes (markdown-it.rs
    places a text node after a line break inside a label a little too far to tell it so)."""
    skipped: list[tuple[int, int]] = []
    nodes = list(node.children)
    while nodes:
        child = nodes.pop()
        if child.name in _WHOLE_IN_LABELS and child.srcmap:
            skipped.append(child.srcmap)
        nodes.extend(child.children)
    skipped.sort(reverse=True)
    depth = 0
    at: int = node.srcmap[0] + (2 if node.name == "image" else 1)
    while at < node.srcmap[1]:
        while skipped and skipped[-1][1] <= at:
            skipped.pop()
        if skipped and skipped[-1][0] <= at:
            at = skipped[-1][1]
            continue
        if data[at] == _OPEN:
            depth += 1
        elif data[at] == _CLOSE:
            if not depth:
                return at
            depth -= 1
        at += 1
    return -1


_WHOLE_IN_LABELS = frozenset({"code_inline", "autolink", "html_inline", "text_special"})
_OPEN, _CLOSE = ord("["), ord("]")
