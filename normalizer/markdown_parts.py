"""What both Markdown readers (`markdown`, on markdown-it-py, and `markdown_rs`, on
markdown-it.rs) read the same way in Python: the front matter, raw HTML elements in inline text,
and the zones of a link after its label. It imports markdown-it-py only to read the destination
and title of an inline link, so that a Markdown file without one does not import it."""

from __future__ import annotations

import re

from normalizer.htmlspans import RAW_ELEMENTS, TAG_NAME, Lines, Zone

Span = tuple[str, int, int]  # (kind, start, end) in the coordinates of one inline source
_FRONT_MATTER_KEY = re.compile(r"""[ \t]*(?:-[ \t]+)*(?:"[^"]*"|'[^']*'|[^\s#"'][^:#]*?)[ \t]*:(?=[ \t]|$)""")


def link_zones(src: str, start: int, label_end: int, end: int) -> list[Zone]:
    """From the closing bracket: the destination and title, or the reference label. In a
    shortcut or collapsed reference ([Name], [Name][]) the text is the label: all of it. The
    text of an inline link's title (`"Title"`) is prose and stays editable."""
    if label_end < 0 or src[label_end + 1 : end] in ("", "[]"):
        return [(start, end)]
    title = _title(src, label_end + 1, end)
    if title is None:
        return [(label_end, end)]
    return [(label_end, title[0]), (title[1], end)]


def _title(src: str, pos: int, end: int) -> Zone | None:
    """The text inside the quotes of an inline link's title, `](destination "title")`."""
    if not src.startswith("(", pos):
        return None
    from markdown_it.helpers import parseLinkDestination, parseLinkTitle  # only here (see the docstring)

    pos = _skip_space(src, pos + 1, end)
    destination = parseLinkDestination(src, pos, end)
    if not destination.ok:
        return None
    after = _skip_space(src, destination.pos, end)
    if after == destination.pos:
        return None  # a title is separated from the destination by white space
    title = parseLinkTitle(src, after, end)
    return (after + 1, title.pos - 1) if title.ok and title.pos - 1 > after + 1 else None


def _skip_space(src: str, pos: int, end: int) -> int:
    while pos < end and src[pos] in " \t\n":
        pos += 1
    return pos


def raw_element_spans(content: str, spans: list[Span]) -> list[Span]:
    """Inline <code>, <pre>, <script> … elements: from the opening tag through the closing one
    (or to the end of the inline text when it is not closed)."""
    found: list[Span] = []
    opened: tuple[int, str] | None = None
    for _kind, start, end in sorted(span for span in spans if span[0] == "html"):
        tag = TAG_NAME.match(content, start)
        if tag is None:
            continue
        closing, name = tag.group(1) == "/", tag.group(2).lower()
        if opened is None and not closing and name in RAW_ELEMENTS and not content[start:end].endswith("/>"):
            opened = (start, name)
        elif opened is not None and closing and name == opened[1]:
            found.append(("raw", opened[0], end))
            opened = None
    if opened is not None:
        found.append(("raw", opened[0], len(content)))
    return found


def front_matter(lines: Lines, prose_keys: frozenset[str]) -> tuple[int, list[Zone]]:
    """A YAML block at the very top between `---` lines: the number of its lines, and its
    protected zones: the delimiters, comments, every key, and the whole entry (its value and
    continuation lines) of a top-level key that is not one of `prose_keys` — paths, URLs,
    slugs and dates are never changed."""
    if len(lines) < 2 or lines.line(0).rstrip() != "---":
        return 0, []
    for i in range(1, len(lines)):
        if lines.line(i).rstrip() in ("---", "..."):
            zones = [lines.zone(0, 1), lines.zone(i, i + 1)]
            prose = True
            for j in range(1, i):
                line = lines.line(j)
                top = _FRONT_MATTER_KEY.match(line) if line[:1] not in (" ", "\t", "-", "#") else None
                if top is not None:
                    prose = top.group(0).rstrip(" \t:").strip("\"'").casefold() in prose_keys
                if not prose and line.strip():
                    zones.append(lines.zone(j, j + 1))
                else:
                    zones.extend(_front_matter_key(lines, j))
            return i + 1, zones
    return 0, []


def _front_matter_key(lines: Lines, i: int) -> list[Zone]:
    line, start = lines.line(i), lines.starts[i]
    if line.lstrip().startswith("#"):
        return [(start, lines.ends[i])]
    key = _FRONT_MATTER_KEY.match(line)
    return [(start, start + key.end())] if key else []
