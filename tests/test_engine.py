"""The engine end to end beyond the passage-in, passage-out cases of `tests/fixtures/` (run by
test_fixtures.py): findings and their fields, explain, the tuning, pickling, long texts."""

from __future__ import annotations

import pickle
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normalizer import Normalizer, load_conventions
from normalizer.conventions import Convention

from .engine_fixtures import GERMAN, fix, normalizer, place


def test_equally_close_entries_are_reported_not_guessed() -> None:
    # 'Kalinowsky' is a spelling of both 'Kalinowskyj' and 'Kalinowski', equally close to each
    result = normalizer("tie").fix("Minister Kalinowsky sagte")
    assert result.text == "Minister Kalinowsky sagte"
    (finding,) = result.findings
    assert finding.rule == "ambiguous"
    assert finding.replacement is None
    assert "Kalinowskyj" in finding.entry and "Kalinowski" in finding.entry


def test_findings_explain_each_change() -> None:
    text = "Zeile eins\nAndrey Ermak traf Wittkoff."
    findings = normalizer().findings(text, "a.txt")
    assert [(f.line, f.column, f.found, f.replacement, f.entry) for f in findings] == [
        (2, 1, "Andrey Ermak", "Andrij Jermak", "Andrij Jermak"),
        (2, 19, "Wittkoff", "Witkoff", "Steve Witkoff"),
    ]
    assert findings[0].rule in ("exact", "folded", "variant", "phonetic", "fuzzy")
    assert all(0 < f.score <= 100 for f in findings)
    assert all(f.path == "a.txt" for f in findings)


def test_explain_says_why_not() -> None:
    _, skips = normalizer().explain("Seit März sagte Jermakow")
    reasons = {s.found: s.reason for s in skips}
    assert "common word" in reasons["März"]
    assert "different name" in reasons["Jermakow"]


def test_fixing_twice_changes_nothing_more() -> None:
    text = "Andrey Ermak, Zelensky-Regierung, Ermaks, KULEBY, Burbok, Charkow"
    once = fix(text)
    assert once != text
    assert fix(once) == once


def test_no_fuzzy_keeps_only_listed_spellings() -> None:
    strict = Normalizer(GERMAN, fuzzy=False)
    assert strict.fix("Wittkoff und Andriy Yermak").text == "Wittkoff und Andrij Jermak"


def test_threshold_raises_the_fuzzy_bar() -> None:
    river = Convention(name="river", language="de", entries=(place("Psel", "Псел", "uk"),))
    # 'Psiol' is a spelling of Псел (ё read for е), far from 'Psel' by letters
    (finding,) = Normalizer(river).findings("am Ufer des Psiol")
    assert finding.rule == "phonetic"
    assert finding.score < 70
    assert Normalizer(river, threshold=100).fix("am Ufer des Psiol").text == "am Ufer des Psiol"


def test_normalizer_is_picklable() -> None:
    clone = pickle.loads(pickle.dumps(normalizer()))
    assert clone.fix("Andrey Ermak").text == "Andrij Jermak"


def test_brothers_with_one_surname_are_not_a_collision() -> None:
    from normalizer.conventions import Convention

    from .engine_fixtures import person

    brothers = Convention(
        name="brothers",
        language="de",
        entries=(
            person("Witali Klitschko", "Віталій Кличко", "uk"),
            person("Wladimir Klitschko", "Володимир Кличко", "uk"),
        ),
    )
    norm = Normalizer(brothers)
    assert norm.index.conflicts == []
    text = "Vitaly Klichko und Volodymyr Klychko; Klichko sagte"
    assert norm.fix(text).text == "Witali Klitschko und Wladimir Klitschko; Klitschko sagte"


@pytest.mark.parametrize("separator", ["\n", " "])  # lines, and one long line
def test_a_long_text_read_in_chunks_gives_what_one_chunk_gives(monkeypatch: pytest.MonkeyPatch, separator: str) -> None:
    """A text is scanned in chunks that end after a space or a line break that no fixed phrase
    spans, and decided on in a window of words; what the text said earlier (a surname introduced
    as another person's or as a company's name) is kept across both, and the window reaches as
    far as the rules look (a leaked genitive counts the words around it). Chunks of a few words
    give the same findings, at the same offsets, as one chunk."""
    from normalizer import resolve, scan

    lines = [
        "Dmitri Peskow schwieg.",
        "Andriy Yermak und Steven Wittkoff sprachen in Kyiv.",
        "ANDRIY YERMAK, Witkoffs Plan; Selenskyjs Berater Yermak\r",
        "Zelensky sagte: Kiev, Kyjiw und Kiew.\r\n",
        "Andriy",
        "Yermak am Zeilenende, `Yermak` im Code.",
        "Die Kyiv Human Rights Protection Group berichtete.",  # the name of a group: looks 4 words ahead
        "Laut Sikorskyi gab es Hähnchen Kiew",
        "und Kiewer Torte in Kyiv.",
        "Ein Auftrag des Rüstungskonzerns Wittkoff, der Schriftzug Peskoff.",  # companies
        "Der Schauspieler Iwan Kropyvnytskyi trat nahe Kropyvnytskyi auf.",  # a given name before a place
        "Gekämpft wird bei den Dörfern Udatschne, Kotlyne und Shevchenko.",  # a list of places
        "Laut Peskowa ist alles ruhig.",  # the genitive of the man named 80 words before...
    ]
    # 'Sikorskyi' names Myroslav Sikorskyi, 'Peskoff' a bank, all through the text; the woman
    # named near the end keeps the genitive of her name as it is within 400 words of her
    opening = "Myroslav Sikorskyi sagte das. Die Peskoff Bank schloss."
    text = separator.join([opening, *lines * 40, "Jelisaweta Peskowa sprach.", *lines * 8])
    zones = [(m.start(), m.end()) for m in re.finditer(r"`[^`]*`", text)]
    engine = Normalizer(load_conventions(["de"]))
    monkeypatch.setattr(resolve, "_BATCH", len(text))
    whole = engine.findings(text, "a.txt", zones)
    monkeypatch.setattr(scan, "CHUNK", 20)
    monkeypatch.setattr(resolve, "_BATCH", 3)
    chunked = engine.findings(text, "a.txt", zones)
    assert len(whole) > 200
    found = {f.found for f in whole}
    assert not found & {"Sikorskyi", "Peskoff", "Shevchenko"}
    assert {"Sikorskyi", "Peskoff"} <= {f.found for f in engine.findings(separator.join(lines))}  # not introduced
    assert not any(text.startswith((" Human", "konzerns W", "Iwan K"), f.end - 4) for f in whole)
    assert "Kropyvnytskyi" in found
    genitives = {f.start for f in whole if f.found == "Peskowa"}
    woman = text.index("Jelisaweta")
    said = [m.start() + 5 for m in re.finditer("Laut Peskowa", text) if m.start() > woman]
    assert said[0] not in genitives and said[-1] in genitives  # ...but not near the woman
    assert chunked == whole


def test_the_memory_to_read_a_long_line_does_not_grow_with_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """A line of capitalized words that are no names: what is allocated while it is read (the
    peak that tracemalloc counts) is no more for a line twice as long. Its words are found a
    chunk at a time and decided on in a window: never all held at once."""
    import tracemalloc

    from normalizer import scan

    monkeypatch.setattr(scan, "CHUNK", 16384)
    engine = Normalizer(load_conventions(["de"]))
    line = "Am Tag Und In Der Nacht Sagte Der Bürgermeister Nichts. "
    assert engine.findings(line) == []  # (the tables read at the first lookup are read now)
    peaks = []
    for text in (line * 2000, line * 4000):
        tracemalloc.start()
        assert engine.findings(text) == []
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
    assert peaks[1] - peaks[0] < len(line) * 2000 // 8, peaks  # its words alone would take 10 times more


def test_findings_of_one_name_share_its_strings() -> None:
    """A long text names the same people again and again: their findings hold one copy of each
    string and score, not one per mention."""
    first, second = normalizer("de").findings("Kyiv und Kyiv")
    assert first.found == "Kyiv" and first.replacement == "Kiew"
    assert first.found is second.found
    assert first.replacement is second.replacement and first.entry is second.entry and first.score is second.score


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Yermak", "Kyiv", "Ermaks", " ", "\n", "\r\n", "\r", "x", "Tag"]), max_size=40))
def test_line_and_column_of_every_finding(pieces: list[str]) -> None:
    """Counted between findings, they agree with a table of all line starts."""
    from bisect import bisect_right

    from normalizer.rewrite import line_starts

    text = "".join(pieces)
    starts = line_starts(text)
    for finding in normalizer("de").findings(text):
        line = bisect_right(starts, finding.start)
        assert (finding.line, finding.column) == (line, finding.start - starts[line - 1] + 1)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(["Yermak", "Kyiv", "Kiew", "Jermak", "Ermaks", " ", "\n", "x"]), max_size=30),
    st.booleans(),
)
def test_a_fix_in_pieces_makes_the_fixed_text(pieces: list[str], unsafe: bool) -> None:
    """A fix is written a piece at a time, the unchanged text in slices: together they make the
    text that `apply` gives, and `changes` tells whether it differs without building it, with
    the unsafe findings applied or not (every other finding, the first too, is made unsafe)."""
    from unittest.mock import patch

    from normalizer import rewrite

    text = "".join(pieces)
    found = normalizer("de").findings(text)
    found = [f._replace(applicability="unsafe") if n % 2 == 0 else f for n, f in enumerate(found)]
    fixed = rewrite.apply(text, found, unsafe)
    with patch.object(rewrite, "SLICE", 3):
        assert "".join(rewrite.pieces(text, found, unsafe)) == fixed
    assert rewrite.changes(text, found, unsafe) == (fixed != text)


def test_warm_loads_the_tables_without_matching_a_word() -> None:
    from normalizer import lexicon, phonetic, sounds

    built = Normalizer(GERMAN)
    loaders = (lexicon._zipf_table, phonetic.skeleton_rules, sounds.rules)
    for loader in loaders:
        loader.cache_clear()
    built.warm()
    assert [loader.cache_info().currsize for loader in loaders] == [1, 1, 1]
    assert built._resolver.matcher._memo == {}
