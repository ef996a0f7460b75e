"""markdown-it.rs protects what the reference reader (markdown-it-py) protects."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from normalizer import markdown, markdown_rs
from normalizer.htmlspans import Lines, Zone
from normalizer.markup import PROSE_KEYS, protected_zones
from tests.test_markup import FRAGMENTS

WORDS = ["Ermak ", "Kyiv", " ", "x", "**", "<b>x</b>", "[a](b)", "`c`", "![x](y)", "é", "<code>", "\n- ", "\n\n"]
# link and image titles (prose) in their three kinds of quotes, on one line or over a line break
TITLES = ['[a](b "Kyiv")', "![x](y 'Ermak')", "[a](<b c> (Kyiv Ermak))", ' "Ermak"', ")", '](/u\n"Kyiv")', "](x '"]
body = st.lists(st.sampled_from(FRAGMENTS + WORDS + TITLES) | st.text(max_size=3), max_size=40).map("".join)
# front matter: prose keys, other keys, continuation lines, comments, a list
FRONT = ["title: Kyiv", "Summary: 'Ermak'", "slug: kyiv-ermak", "url: /Ermak", "  Kyiv Ermak", "- Kyiv", "# Ermak", ""]
front_matter = st.lists(st.sampled_from(FRONT) | st.text(max_size=3), max_size=6).map(
    lambda entries: "---\n" + "\n".join(entries) + "\n---\n"
)
documents = st.one_of(body, st.tuples(front_matter, body).map("".join))
PROSE = frozenset(PROSE_KEYS)


def _word_characters(text: str, zones: list[Zone]) -> set[int]:
    """The protected letters and apostrophes: what decides the words a text is read into (which
    blanks a zone takes in does not)."""
    return {i for start, end in zones for i in range(start, end) if text[i].isalpha() or text[i] in "'’ʼ"}


def _same(text: str) -> None:
    ours = markdown_rs.markdown_zones(text, Lines(text), PROSE)
    reference = markdown.markdown_zones(text, Lines(text), PROSE)
    assert _word_characters(text, ours[0]) == _word_characters(text, reference[0])
    assert _word_characters(text, ours[1]) == _word_characters(text, reference[1])


@settings(max_examples=1000, deadline=None)
@given(documents)
@example('<img alt="Ermak" title=0\x1f>')  # a control character in an HTML attribute (found by hypothesis)
def test_the_same_words_are_protected_as_by_the_reference(text: str) -> None:
    _same(text)


CODE_AND_LINKS = ["[", "]", "`", "``", "```", "a", "Kyiv", " ", "\n", "*", "(", ")", "!", "\n\n", "- ", "> ", "](", "é"]
code_and_links = st.lists(st.sampled_from([*CODE_AND_LINKS, "x`y`", "[a]", ": ", "1. ", "    ", "==="]), max_size=30)


@settings(max_examples=1000, deadline=None)
@given(code_and_links.map("".join))
def test_code_spans_and_brackets_that_markdown_it_rs_may_read(text: str) -> None:
    """Such a document goes to markdown-it.rs only when its backticks cannot make it panic."""
    if "[" in text and "`" in text and markdown_rs._spans_close_in_lines(text):
        markdown_rs._parser().tree(text)  # no panic (pyo3 raises it as BaseException)
    _same(text)


@pytest.mark.parametrize(
    "text",
    [
        "# Titel Ermak\n\nText mit `Code Kyiv` und <https://x.org/Ermak>, &amp; <b>Ermak</b>.\n",
        'Ein [Link Ermak](https://x.org/Ermak "Titel Kyiv"), ![Bild Kyiv](/k.png) und [Kyiv][k].\n\n[k]: /kyiv\n',
        "- eins `Ermak`\n- zwei <code>Kyiv</code>\n\n1. drei\n\n2. vier `Kyiv`\n",
        "Überschrift\n===========\n\nÄ <code>Kyiv\nErmak</code> Ö &amp; <https://x.org/Ermak>\n",
        "| Name | Ort |\n| --- | --- |\n| `Ermak` | <code>Kyiv |\n| Kyiv | b</code> |\n",
        "> > ```\n> > Ermak\n> > ```\n>\n> `Kyiv`\r\n> Ermak <i>Kyiv\n",
        'a\x00b `Ermak` <span title="Kyiv">Kyiv</span>\n',
        '---\ntitle: Kyiv\nslug: ermak\n  Ermak\n---\n- [Kyiv](/k\n  "Ermak") und ![Ermak](/e.png (Kyiv))\n',
    ],
)
def test_documents_of_every_construct(text: str) -> None:
    _same(text)
    assert markdown_rs._tree(text) is not None  # read by markdown-it.rs, not by the reference


def test_an_open_code_span_after_a_bracket_goes_to_the_reference(capfd: pytest.CaptureFixture[str]) -> None:
    """markdown-it.rs panics on it: the document never reaches it, and nothing is printed."""
    text = "Ein [Link `Ermak und Kyiv\n"
    assert markdown_rs._tree(text) is None
    assert protected_zones(text, "markdown") == [(10, 11)]  # the open backtick
    assert capfd.readouterr().err == ""


def test_a_link_title_continued_in_a_block_quote_stays_editable() -> None:
    """The reference reads the title's line without the quote's '>' (markdown-it.rs hands the
    document over to it)."""
    text = '> Ein [Link](/k\n> "Titel Ermak") und `Kyiv`\n'
    _same(text)
    title = set(range(text.index("Titel"), text.index("Ermak") + 5))
    assert not _word_characters(text, protected_zones(text, "markdown")) & title


# prose with the Markdown that protects nothing: headings, emphasis, lists, rules, tables
PLAIN = ["Kyiv", "Ermak", "é", " ", "  ", "   ", "\n", "\n\n", "- ", "* ", "+ ", "1. ", "2) ", "# ", "===", "---"]
plain = st.lists(st.sampled_from([*PLAIN, "***", "_", "|", ".", "!", "(", ")", '"', ":", "9"]), max_size=40)


@settings(max_examples=1000, deadline=None)
@given(st.one_of(plain.map("".join), st.tuples(front_matter, plain.map("".join)).map("".join)))
def test_a_document_without_markup_that_protects_is_not_parsed(text: str) -> None:
    """A document in which nothing can be protected gets the zones of a full reading (those of
    its front matter), without one."""
    lines = Lines(text)
    ours = markdown_rs.markdown_zones(text, lines, PROSE)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(markdown_rs, "_MAY_PROTECT", ("",))  # every document parsed
        assert markdown_rs.markdown_zones(text, lines, PROSE) == ours


def test_a_line_of_containers_nested_past_the_limit_is_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Lists nested deeper than markdown-it-py reads leave their lines protected: such a
    document is parsed; one of plain prose and a list is not."""
    read: list[str] = []
    monkeypatch.setattr(markdown_rs, "_tree", read.append)  # a document parsed: read by the reference
    deep = "- " * 12 + "Ermak\n"
    assert protected_zones(deep, "markdown") == [(0, len(deep) - 1)]
    assert protected_zones("# Kyiv\n\nErmak *in* Kyiv.\n\n- eins\n  - zwei\n", "markdown") == []
    assert read == [deep]
