"""Markup awareness: protected zones of Markdown, HTML and plain text."""

from __future__ import annotations

import random
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normalizer.markup import Markup, _merge, markup_for, protected_zones

DATA = Path(__file__).parent / "data" / "markup"


def read(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def editable(text: str, markup: Markup, needle: str) -> bool:
    """Whether the (single) occurrence of `needle` lies outside every protected zone; asserts
    it is either wholly outside or wholly inside, never cut by a zone boundary."""
    assert text.count(needle) == 1, needle
    start = text.index(needle)
    end = start + len(needle)
    zones = protected_zones(text, markup)
    hit = [(a, b) for a, b in zones if a < end and start < b]
    assert not hit or any(a <= start and end <= b for a, b in hit), (needle, hit)
    return not hit


def check_zones(text: str, zones: list[tuple[int, int]]) -> None:
    for start, end in zones:
        assert 0 <= start < end <= len(text)
    for (_, end), (start, _) in pairwise(zones):
        assert end < start  # sorted, apart (touching zones are joined)


# --- markup_for ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "markup"),
    [
        ("README.md", "markdown"),
        ("docs/a.MARKDOWN", "markdown"),
        ("page.html", "html"),
        ("x/page.HTM", "html"),
        ("notes.txt", "text"),
        ("-", "text"),
        ("md", "text"),
        ("archive.md.bak", "text"),
    ],
)
def test_markup_for_goes_by_suffix(path: str, markup: Markup) -> None:
    assert markup_for(path) == markup


# --- Markdown ------------------------------------------------------------------------------

MD = read("article.md")


@pytest.mark.parametrize(
    "needle",
    [
        "Andrey Ermak trifft Witkoff",  # front matter value of a prose key (title)
        "Title Wittkoff",  # an inline link's and image's title: a tooltip, prose
        "Image Title Kyiw",
        "Heading with Yermak",
        "Setext Heading Sautter",
        "Prose about Zelensky",
        "link text Jermak",
        "alt text Kiev",
        "full reference Umerow",
        "tagged Podolyak",
        "emphasis Tymoshenko",
        "strong Poroshenko",
        "strike in CommonMark Shevchenko",
        "Blockquote about Syrskyi",
        "list item Zaluzhny",
        "quoted link",
        "Ordered item Fedorov",
        "Table Cell Danilov",
        "Escaped Kozak",
        "cell link",
        "HTML block text Malyuk",
        "Closing paragraph about Witkoff",
    ],
)
def test_markdown_prose_is_editable(needle: str) -> None:
    assert editable(MD, "markdown", needle)


@pytest.mark.parametrize(
    "needle",
    [
        "title:",  # front matter key and delimiters
        "author:",
        "Kyjiwer Post",  # values of front matter keys that are not prose: author, tags
        "Selenskyj",
        "front matter comment Kyjiw",
        "Ermak-Page",  # link destination
        "Kyiv-Photo",  # image source
        "inline Ermakov",  # code spans, also with double backticks
        "double `tick` Gunther",
        "][Label-Umerov]",  # reference label, shortcut reference, definitions
        "[Peskov]",
        "reference/Shmyhal",
        "Reference Title Kuleba",
        "Peskov-Page",
        "autolink.example/Umerov",
        "Class-Budanov",  # inline HTML tag and comment
        "comment Klitschko",
        "&Auml;",
        "Stefanchuk",  # fenced ``` and ~~~, indented code
        "fenced tilde Reznikov",
        "indented code Arakhamia",
        "quoted/Tarasov",
        "listed code Kostenko",
        "cell code Lubinets",
        "cells/Halushchenko",
        "Block-Kubrakov",  # HTML block: tags and comments, raw <pre>
        "block comment Tkachenko",
        "Raw pre block Sybiha",
    ],
)
def test_markdown_constructs_are_protected(needle: str) -> None:
    assert not editable(MD, "markdown", needle)


FRONT = """---
title: Ermak in Kiev
image: img/Ermak-in-Kiev.jpg
url: /Ermak/
aliases:
- /Kiev/Ermak
slug: ermak-kiev
description: >
  Ermak sprach in Kiev
tags: [Witkoff]
---

Text.
"""


def test_front_matter_values_that_are_paths_urls_or_slugs_are_protected() -> None:
    for needle in ["img/Ermak-in-Kiev.jpg", "/Ermak/", "/Kiev/Ermak", "ermak-kiev", "[Witkoff]"]:
        assert not editable(FRONT, "markdown", needle), needle
    assert editable(FRONT, "markdown", "Ermak in Kiev\n")
    assert editable(FRONT, "markdown", "Ermak sprach in Kiev")  # a folded block value of a prose key


def test_which_front_matter_keys_are_prose_is_a_setting() -> None:
    zones = protected_zones(FRONT, "markdown", prose_keys=("Tags",))  # case-insensitive
    start = FRONT.index("Witkoff")
    assert not any(a <= start < b for a, b in zones)
    title = FRONT.index("Ermak in Kiev\n")
    assert any(a <= title < b for a, b in zones)


def test_markdown_fence_delimiters_are_protected() -> None:
    text = "Vor Ermak\n\n```\nErmak im Code\n```\n\nNach Witkoff\n"
    assert not editable(text, "markdown", "```\nErmak im Code\n```")
    assert editable(text, "markdown", "Vor Ermak")
    assert editable(text, "markdown", "Nach Witkoff")


def test_markdown_longer_fence_contains_shorter_one() -> None:
    text = "````\n```\nInner Ermak\n```\n````\nAfter Witkoff\n"
    assert not editable(text, "markdown", "Inner Ermak")
    assert editable(text, "markdown", "After Witkoff")


def test_markdown_unclosed_fence_protects_to_the_end() -> None:
    text = "Vor Ermak\n\n~~~\nErmak\n\nStill code Witkoff\n"
    assert editable(text, "markdown", "Vor Ermak")
    assert not editable(text, "markdown", "Still code Witkoff")


def test_markdown_code_span_with_backticks_in_it() -> None:
    text = "Vor ``code ` Ermak`` und `x` nach Witkoff"
    assert not editable(text, "markdown", "code ` Ermak")
    assert editable(text, "markdown", "nach Witkoff")


def test_markdown_unmatched_backticks_are_text() -> None:
    text = "Ein ``` einzelner Ermak ohne Ende"
    assert editable(text, "markdown", "einzelner Ermak")


def test_markdown_image_inside_link() -> None:
    text = "[![Bild Ermak](/img/Ermak.png)](/people/Witkoff) danach Kyiv"
    assert editable(text, "markdown", "Bild Ermak")
    assert not editable(text, "markdown", "img/Ermak.png")
    assert not editable(text, "markdown", "people/Witkoff")
    assert editable(text, "markdown", "danach Kyiv")


def test_markdown_code_in_image_alt_is_protected() -> None:
    text = "![Alt `Code Ermak` text Kyiv](/x.png)"
    assert not editable(text, "markdown", "Code Ermak")
    assert editable(text, "markdown", "text Kyiv")


def test_markdown_link_destination_in_angle_brackets_and_multiline() -> None:
    text = "> See [the Ermak\n> report](<../Reports/Ermak Witkoff.md>\n> 'Title Kyiv') now Selenskyj\n"
    assert editable(text, "markdown", "the Ermak")
    assert not editable(text, "markdown", "Reports/Ermak Witkoff.md")
    assert editable(text, "markdown", "Title Kyiv")  # the title's text, not its quotes
    quotes = (text.index("'Title"), text.index("Kyiv')") + 4)
    assert all(any(a <= q < b for a, b in protected_zones(text, "markdown")) for q in quotes)
    assert editable(text, "markdown", "now Selenskyj")


def test_markdown_inline_code_element_is_protected() -> None:
    text = "Use <code>Ermak</code> and <kbd>Kyiv</kbd> here"
    assert not editable(text, "markdown", "<code>Ermak</code>")
    assert editable(text, "markdown", "Kyiv")


def test_markdown_inline_html_alt_and_title_values_stay_editable() -> None:
    text = 'Bild <img src="Ermak.png" alt="Andrey Ermak"> hier'
    assert not editable(text, "markdown", "Ermak.png")
    assert editable(text, "markdown", "Andrey Ermak")


def test_markdown_front_matter_only_at_the_very_top() -> None:
    text = "Intro Ermak\n\n---\ntitle: Kyiv\n---\n"
    assert editable(text, "markdown", "title: Kyiv")


def test_markdown_unclosed_front_matter_is_not_front_matter() -> None:
    text = "---\ntitle: Andrey Ermak\n"
    assert editable(text, "markdown", "title: Andrey Ermak")


def test_markdown_tabs_and_non_ascii_offsets() -> None:
    text = "Überschrift Ä\n\n\tcode Kyiv\n\n-\tListe mit `Kód Ermak` und Ñandú Witkoff\n"
    assert not editable(text, "markdown", "Kód Ermak")
    assert editable(text, "markdown", "Ñandú Witkoff")
    assert not editable(text, "markdown", "code Kyiv")


def test_markdown_deep_nesting_degrades_to_protection() -> None:
    text = "> " * 40 + "`Ermak` deep Witkoff\n\nShallow Kyiv\n"
    assert not editable(text, "markdown", "deep Witkoff")
    assert editable(text, "markdown", "Shallow Kyiv")


def test_markdown_plain_document_has_no_zones() -> None:
    text = "# Titel\n\nAndrey Ermak traf Witkoff.\n\n- Kyiv\n- Kiew\n\n> Zitat\n"
    assert protected_zones(text, "markdown") == []


# --- HTML ----------------------------------------------------------------------------------

HTML = read("article.html")


@pytest.mark.parametrize(
    "needle",
    [
        "Title element Ermak",
        "Paragraph text Selenskyj",
        "Kiev",
        "s mayor",
        "rger",
        "Link title Budanov",  # title value
        "link text Podolyak",
        "Alt text Kuleba",  # alt value
        "Shmyhal",
        "Single quoted Sybiha",
        "Unquoted-Tarasov",
        "here, then after Fedorov",
        "Final paragraph Zaluzhny",
    ],
)
def test_html_text_and_alt_title_values_are_editable(needle: str) -> None:
    assert editable(HTML, "html", needle)


@pytest.mark.parametrize(
    "needle",
    [
        "<!DOCTYPE html>",
        'lang="de"',
        "Style-Kyjiw",
        "Script Zelensky",
        'x = "</p>"',
        "Class-Wittkoff",
        "Data Yermak",
        "Href-Umerov",
        'title="',
        "Src-Klitschko",
        "Unquoted-Sautter",
        "&#8217;",
        "&Auml;",
        "Pre text Gunther",
        "bold inside pre Kozak",
        "Code text Reznikov",
        "Comment Arakhamia",
        "Textarea Syrskyi",
        "Processing-Halushchenko",
        "CDATA Danilov",
    ],
)
def test_html_markup_is_protected(needle: str) -> None:
    assert not editable(HTML, "html", needle)


def test_html_entity_inside_alt_value_is_protected() -> None:
    zones = protected_zones(HTML, "html")
    amp = HTML.index("&amp; Shmyhal")
    assert any(a <= amp and amp + 5 <= b for a, b in zones)


def test_malformed_html_does_not_crash() -> None:
    text = read("malformed.html")
    check_zones(text, protected_zones(text, "html"))
    assert editable(text, "html", "unclosed italic Kyiv")
    assert editable(text, "html", "stray end tags Witkoff")
    assert editable(text, "html", "Yermak & Co")
    assert editable(text, "html", "anchor Selenskyj")
    assert not editable(text, "html", "Zelensky text")  # inside an unterminated attribute value
    assert not editable(text, "html", "never ends Kiev")


@pytest.mark.parametrize(
    "text",
    ["Vor Ermak <img alt='Kyiv", "Vor Ermak <div\nclass=x Kyiv", "Vor Ermak <!-- Kyiv", "Vor Ermak <!DOCTYPE Kyiv"],
)
def test_html_unclosed_construct_protects_to_the_end(text: str) -> None:
    assert editable(text, "html", "Vor Ermak")
    assert not editable(text, "html", "Kyiv")
    assert protected_zones(text, "html")[-1][1] == len(text)


def test_html_unclosed_raw_element_protects_to_the_end() -> None:
    text = "<p>Vor Ermak</p><script>var Kyiv = 1;"
    assert editable(text, "html", "Vor Ermak")
    assert not editable(text, "html", "Kyiv")


# --- suppression markers -------------------------------------------------------------------

NOTES = read("notes.txt")


@pytest.mark.parametrize(
    ("needle", "free"),
    [
        ("Plain text about Ermak", True),
        ("Kiev stays", False),
        ("Kept verbatim: Wittkoff, Yermak", False),
        ("Back to normal: Zelensky", True),
        ("Selenskyj", False),
        ("Kyiv", True),
        ("unmatched off is protected: Umerov", False),
    ],
)
def test_text_suppression_markers(needle: str, free: bool) -> None:
    assert editable(NOTES, "text", needle) is free


@pytest.mark.parametrize("markup", ["markdown", "html"])
def test_ignore_line_in_markup(markup: Markup) -> None:
    text = "<p>Ermak</p>\n<p>Kyiv</p> <!-- normalizer: ignore -->\n<p>Witkoff</p>\n"
    assert editable(text, markup, "Ermak")
    assert not editable(text, markup, "Kyiv")
    assert editable(text, markup, "Witkoff")


@pytest.mark.parametrize("markup", ["markdown", "html"])
def test_off_on_block_in_markup(markup: Markup) -> None:
    text = (
        "Ermak\n\n<!-- normalizer: off -->\n\nKyiv\n\n<!--normalizer:on-->\n\n"
        "Witkoff\n\n<!-- normalizer: off -->\nKiew\n"
    )
    assert editable(text, markup, "Ermak")
    assert not editable(text, markup, "Kyiv")
    assert editable(text, markup, "Witkoff")
    assert not editable(text, markup, "Kiew")


def test_bare_off_is_only_a_marker_in_plain_text() -> None:
    text = "normalizer: off\nErmak\n"
    assert not editable(text, "text", "Ermak")
    assert editable(text, "markdown", "Ermak")


def test_markers_shown_in_markdown_code_are_examples() -> None:
    text = "Write `<!-- normalizer: off -->` to stop, Ermak.\n\n```\n<!-- normalizer: off -->\n```\n\nKyiv\n"
    assert editable(text, "markdown", "to stop, Ermak")
    assert editable(text, "markdown", "Kyiv")


# --- line endings and invariants -----------------------------------------------------------


def crlf_zones(text: str, markup: Markup) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Zones of `text` with CRLF line ends, and the LF zones moved to where they land in it."""

    def shifted(offset: int) -> int:
        return offset + text.count("\n", 0, offset)

    lf = protected_zones(text, markup)
    return protected_zones(text.replace("\n", "\r\n"), markup), [(shifted(a), shifted(b)) for a, b in lf]


@pytest.mark.parametrize(
    ("name", "markup"), [("article.md", "markdown"), ("article.html", "html"), ("notes.txt", "text")]
)
def test_crlf_gives_the_lf_zones_shifted(name: str, markup: Markup) -> None:
    crlf, expected = crlf_zones(read(name), markup)
    assert crlf == expected


def test_lone_cr_is_a_line_break_in_markdown() -> None:
    text = "Ermak\r\r```\rKyiv\r```\r\rWitkoff"
    assert not editable(text, "markdown", "Kyiv")
    assert editable(text, "markdown", "Witkoff")


@pytest.mark.parametrize("markup", ["text", "markdown", "html"])
def test_empty_text(markup: Markup) -> None:
    assert protected_zones("", markup) == []


FRAGMENTS = [
    *["```", "~~~", "`", "``", "[", "]", "](", "(", ")", "![", "<", ">", "</", "/>", "<!--", "-->", "<!", "<?"],
    *["&amp;", "&#8217;", "&", "\n", "\n\n", "\r\n", "\r", "\t", "    ", "> ", "- ", "1. ", "---", "|", "\\"],
    *['"', "'", ":", "=", "#", "*", "_", "é", "\u2028", "\x00", "Ermak", " ", "Kyiv Witkoff", "title: "],
    *['<a href="x">', "</a>", '<img alt="Ermak" title=', "<script>", "</script>", "<pre>", "<code>", "</code>"],
    *["[r]: /u", "<https://x.org/Ermak>", "normalizer: ignore", "<!-- normalizer: off -->", "<!-- normalizer: on -->"],
    *["normalizer: off", "<![CDATA[", "]]>", "<div>"],
]
markup_text = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=4), max_size=40).map("".join)
markups = st.sampled_from(["text", "markdown", "html"])


@settings(max_examples=200, deadline=None)
@given(markup_text, markups)
def test_zones_are_sorted_in_bounds_and_apart(text: str, markup: Markup) -> None:
    check_zones(text, protected_zones(text, markup))


@settings(max_examples=200, deadline=None)
@given(markup_text.map(lambda t: t.replace("\r", "")), markups)
def test_crlf_zones_match_lf_zones(text: str, markup: Markup) -> None:
    crlf, expected = crlf_zones(text, markup)
    assert crlf == expected


@pytest.mark.parametrize("markup", ["text", "markdown", "html"])
def test_200_kb_of_random_markup_is_read(markup: Markup) -> None:
    """How long it takes is measured by `python -m benchmarks.markup` (no clock in the tests)."""
    rng = random.Random(7)
    words = ["Ermak ", "Kyiv ", "text ", "Witkoff\n", "\n\n", *FRAGMENTS]
    words.remove("<!-- normalizer: off -->")
    words.remove("normalizer: off")
    text = "".join(rng.choice(words) for _ in range(60_000))[:200_000]
    check_zones(text, protected_zones(text, markup))


@pytest.mark.parametrize("markup", ["markdown", "html"])
@pytest.mark.parametrize("unit", ["<a b='", "<!--", "</a", "<![", "[", "`a``"])
def test_pathological_markup_is_read(markup: Markup, unit: str) -> None:
    """A 100 kB run of one unclosed construct ends with valid zones; its time is measured by
    `python -m benchmarks.markup`, which also checks that it grows linearly."""
    text = unit * (100_000 // len(unit))
    check_zones(text, protected_zones(text, markup))


def _markers_line_by_line(text: str, bare: bool) -> list[tuple[int, int]]:
    """The suppression zones of plain text or HTML, read one line at a time (a reference)."""
    import re

    ignore = re.compile(r"normalizer:[ \t]*ignore", re.IGNORECASE)
    comment = re.compile(r"<!--[ \t]*normalizer:[ \t]*(off|on)[ \t]*-->", re.IGNORECASE)
    whole = re.compile(r"[ \t]*normalizer:[ \t]*(off|on)[ \t]*", re.IGNORECASE)
    zones, switches, position = [], [], 0
    for line in re.split(r"(?<=\r\n)|(?<=\r)(?!\n)|(?<=\n)", text):
        body = line.rstrip("\r\n")
        end = position + len(body)
        if ignore.search(body):
            zones.append((position, end))
        if bare and (found := whole.fullmatch(body)):
            switches.append((found.group(1).lower(), position, end))
        switches += [(m.group(1).lower(), position + m.start(), position + m.end()) for m in comment.finditer(body)]
        position += len(line)
    off = None
    for state, start, end in switches:
        if state == "off" and off is None:
            off = start
        elif state == "on" and off is not None:
            zones.append((off, end))
            off = None
    if off is not None:
        zones.append((off, len(text)))
    return _merge(zones, len(text))


_MARKER_PIECES = [
    "normalizer: ignore",
    "Normalizer:IGNORED",
    "normalizer: off",
    "  normalizer:\ton ",
    "normalizer: ontario",
    "<!-- normalizer: off -->",
    "<!--normalizer:on-->",
    "<!-- normalizer: ignore -->",
    "Jermak",
    "\n",
    "\r\n",
    "\r",
    " ",
]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_MARKER_PIECES) | st.text(max_size=4), max_size=25).map("".join))
def test_markers_are_found_as_line_by_line(text: str) -> None:
    """Looking only at the lines that hold a marker finds the zones a line-by-line reading finds."""
    assert protected_zones(text, "text") == _markers_line_by_line(text, bare=True)
