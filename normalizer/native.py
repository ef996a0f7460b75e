"""Read romanised spellings of a name backwards: which native (Cyrillic) spellings they may come
from, whether two spellings may come from one, and the most likely native spelling of a group.

The transliteration tables (`translit.py`) are read as *pieces*: a Cyrillic letter or sequence
and the Latin text one of the tables writes for it (`щ` / `shch`, `schtsch`, `szcz`; `ь` / `'`,
nothing). A Latin spelling is read by cutting it into the Latin sides of pieces; the letter model of
the language (`letters.py`: letter 4-grams of the words of wordfreq's Ukrainian or Russian list)
ranks the readings. The pieces of all tables of a language are used together, so that a spelling that
mixes systems (`Kowalchuk`: German w, English ch) is read too. A Ukrainian name may also be
written in its Russian reading (`Petropavlovka` for Петропавлівка, `data/russian_reading.yaml`).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from normalizer import translit
from normalizer.letters import APOSTROPHES, CYRILLIC, LANGUAGES, WORD_LISTS, letter_model
from normalizer.lexicon import ALPHABETS, UNWRITTEN_ENDINGS, Frequencies
from normalizer.textfold import fold

_VOWELS = frozenset("аеёєиіїоуыэюяў")
# letters that most systems do not write, and the letters they may follow: the soft sign after
# consonants, the Ukrainian apostrophe after labials and р (Кам'янка, Мар'янівка) and after к in
# the names of Лук'ян (Лук'яненко, Лук'янівка)
_SILENT = {
    "uk": (("ь", frozenset("бвгґджзклмнпрстфхцчшщ")), ("'", frozenset("бпвмфрк"))),
    "ru": (("ь", frozenset("бвгджзклмнпрстфхцчшщ")),),
    "be": (("ь", frozenset("бвгджзклмнпрстфхцчшщ")), ("'", frozenset("бпвмфрдзкгхчшж"))),
}
READINGS = 12  # readings of a word kept per language
_BEAM = 40  # partial readings kept per position of the Latin spelling


@dataclass(frozen=True, slots=True)
class Pieces:
    """The pieces of every table of one language: Latin → (Cyrillic, where) for reading, and
    Cyrillic → (Latin, where, log-probability) for writing, the probability being the share of
    the tables that write the Cyrillic piece so (г is h in 7 of the 10 Ukrainian tables)."""

    by_latin: Mapping[str, tuple[tuple[str, str], ...]]
    by_cyrillic: Mapping[str, tuple[tuple[str, str, float], ...]]
    longest_latin: int
    longest_cyrillic: int


def _table_pieces(table: translit.Table) -> Iterable[tuple[str, str, str]]:
    for where, pairs in (
        ("any", table.letters.items()),
        ("initial", table.initial.items()),
        ("after_vowel", table.after_vowel.items()),
        ("any", table.sequences),
        ("final", table.endings),
    ):
        for cyrillic, latin in pairs:
            yield cyrillic.translate(APOSTROPHES), latin.lower(), where


@lru_cache(maxsize=4)
def pieces(lang: str) -> Pieces:
    by_latin: dict[str, set[tuple[str, str]]] = {}
    written: dict[str, dict[tuple[str, str], set[str]]] = {}  # Cyrillic → (Latin, where) → tables
    for table in translit.tables_for(lang):
        for cyrillic, latin, where in _table_pieces(table):
            by_latin.setdefault(latin, set()).add((cyrillic, where))
            written.setdefault(cyrillic, {}).setdefault((latin, where), set()).add(table.system)
    by_cyrillic: dict[str, tuple[tuple[str, str, float], ...]] = {}
    for cyrillic, ways in written.items():
        total = sum(len(systems) for systems in ways.values())
        by_cyrillic[cyrillic] = tuple(
            (latin, where, math.log(len(systems) / total)) for (latin, where), systems in sorted(ways.items())
        )
    return Pieces(
        {latin: tuple(sorted(found)) for latin, found in by_latin.items()},
        by_cyrillic,
        max(map(len, by_latin)),
        max(map(len, by_cyrillic)),
    )


def warm(prose: Iterable[str]) -> None:
    """Load the letter models and word lists now (before worker processes are forked, so
    that they share them): those of the source languages and of the `prose` languages."""
    for lang in (*LANGUAGES, *prose):
        letter_model(lang)
    for lang in (*WORD_LISTS, *prose):
        frequencies(lang).zipf("a")


@lru_cache(maxsize=8)
def frequencies(lang: str) -> Frequencies:
    return Frequencies(lang)


def _fits(where: str, start: int, end: int, length: int, before: str) -> bool:
    """Whether a piece written `where` may stand at start..end of a word of `length` letters
    after the letters `before`."""
    if where == "initial":
        return start == 0
    if where == "final":
        return end == length
    if where == "after_vowel":
        return bool(before) and (before[-1] in _VOWELS or before[-1] in "ь'")
    return True


def readings(latin: str, lang: str, limit: int = READINGS) -> tuple[tuple[str, float], ...]:
    """The likeliest Cyrillic spellings (lowercase) that the tables of `lang` read in one Latin
    word, best first, with their log-probabilities by the letter model."""
    return _readings(unicodedata.normalize("NFC", latin).lower(), lang, limit)


@lru_cache(maxsize=65536)
def _readings(text: str, lang: str, limit: int) -> tuple[tuple[str, float], ...]:
    found = _decode(text, lang, limit)
    if not found and fold(text) != text:  # a letter no table writes ('ł', 'ü'): read it folded
        found = _decode(fold(text), lang, limit)
    return found


def _decode(text: str, lang: str, limit: int) -> tuple[tuple[str, float], ...]:
    table = pieces(lang)
    model = letter_model(lang)
    beams: list[dict[str, float]] = [{} for _ in range(len(text) + 1)]
    beams[0][""] = 0.0
    for start in range(len(text)):
        if not beams[start]:
            continue
        best = sorted(beams[start].items(), key=lambda kv: -kv[1])[:_BEAM]
        for end in range(start + 1, min(len(text), start + table.longest_latin) + 1):
            for cyrillic, where in table.by_latin.get(text[start:end], ()):
                if not cyrillic:
                    continue
                for before, score in best:
                    if not _fits(where, start, end, len(text), before):
                        continue
                    new = before + cyrillic
                    _keep(beams[end], new, score + model.extend(before, cyrillic))
                    for silent, after in _SILENT.get(lang, ()):
                        if new[-1] in after:
                            _keep(beams[end], new + silent, beams[end][new] + model.extend(new, silent))
    ends = [(word, score + model.end(word)) for word, score in beams[len(text)].items()]
    ends.sort(key=lambda kv: -kv[1])
    return tuple(ends[:limit])


def _keep(beam: dict[str, float], word: str, score: float) -> None:
    if score > beam.get(word, -math.inf):
        beam[word] = score


HYBRID = math.log(0.1)  # a spelling that no one table writes, but their pieces do ('Kowalchuk')


def channel(native: str, lang: str, latin: str) -> float:
    """The log-probability that a romanisation of the Cyrillic word `native` by the tables of
    `lang` is the Latin word `latin` (case aside): the share of the tables that write it so;
    for a spelling that mixes tables, the pieces' shares (and HYBRID); -inf when they cannot."""
    return _channel(native.lower().translate(APOSTROPHES), lang, unicodedata.normalize("NFC", latin).lower())


@lru_cache(maxsize=65536)
def _channel(native: str, lang: str, latin: str) -> float:
    tables = translit.tables_for(lang)
    exact = sum(1 for table in tables if table.word(native).lower() in (latin, fold(latin)))
    if exact:
        return math.log(exact / len(tables))
    found = _aligned(native, lang, latin)
    if found == -math.inf and fold(latin) != latin:
        found = _aligned(native, lang, fold(latin))
    return found + HYBRID


def _aligned(native: str, lang: str, latin: str) -> float:
    """The best alignment of the pieces of `native` with `latin` (dynamic programming over the
    positions of both words)."""
    table = pieces(lang)
    best: dict[tuple[int, int], float] = {(0, 0): 0.0}
    for i in range(len(native)):
        row = sorted((j, score) for (at, j), score in best.items() if at == i)
        for j, score in row:
            for size in range(1, min(table.longest_cyrillic, len(native) - i) + 1):
                for written, where, logp in table.by_cyrillic.get(native[i : i + size], ()):
                    if latin.startswith(written, j) and _fits(where, i, i + size, len(native), native[:i]):
                        nxt = (i + size, j + len(written))
                        if score + logp > best.get(nxt, -math.inf):
                            best[nxt] = score + logp
    return best.get((len(native), len(latin)), -math.inf)


RUSSIAN_READING = math.log(0.25)  # a Ukrainian name written in its Russian reading, rather than directly
UKRAINIAN_READING = math.log(0.25)  # a Russian name written in its Ukrainian reading, rather than directly
NO_DOTS = math.log(0.5)  # a Russian ё written е (Воробьев for Воробьёв), before romanisation


@lru_cache(maxsize=16384)
def forms(native: str, lang: str) -> tuple[tuple[str, str, float], ...]:
    """The native word and the forms it is also written from, each with the language of its
    tables and the log-probability of the detour: a Ukrainian name's Russian readings
    (Петропавлівка → Петропавловка, Зарічне → Зарёчное), those of a Belarusian name (Гарадок →
    Городок), a Russian name's Ukrainian reading (Щёлоков → Щолоков), a Russian ё written е."""
    found: dict[tuple[str, str], float] = {(native, lang): 0.0}
    if lang in ("uk", "be"):
        for reading in translit.readings(lang)[0]:
            if not reading.applies(native):
                continue
            for inner in (False, True):  # another word may follow: Сухий Яр → Сухой Яр
                for also in (False, True) if reading.closed_also else (False,):
                    for form in reading.words(native, inner, also):
                        found.setdefault((form, "ru"), RUSSIAN_READING)
    if lang == "ru":
        for reading in translit.ukrainian_readings():
            found.setdefault((reading.name_of(native), "uk"), UKRAINIAN_READING)
    for (form, form_lang), cost in list(found.items()):
        if "ё" in form:
            found.setdefault((form.replace("ё", "е"), form_lang), cost + NO_DOTS)
    return tuple((form, form_lang, cost) for (form, form_lang), cost in found.items())


def written_as(native: str, lang: str, latin: str) -> float:
    """The log-probability that the native word is written `latin`, directly or through one of
    its other forms (-inf when it cannot be)."""
    return max(cost + channel(form, form_lang, latin) for form, form_lang, cost in forms(native, lang))


_BELARUSIAN_ONLY = frozenset("ўыэ")  # letters Belarusian writes and Ukrainian does not
# the log-share of a source language's names among those of the news (Belarusian names are rare):
# its readings of a spelling count that much less than those of the others
SHARE = {"be": math.log(0.2)}

SAME = 2.0  # nats by which one native word must explain two spellings better than two words do


def same_name(a: str, b: str) -> bool:
    """Whether two Latin spellings of a name (words joined by spaces or hyphens, as many in
    both) are likely romanisations of one native name: the likeliest native words that explain
    both (their probability, times the tables writing them both ways) are at least e**SAME times
    as likely as the likeliest native words of each spelling on its own, times each other (word
    by word, the words' evidence added up). A chain of rare choices that links two unrelated
    words ('Juli' as жулі in French, read the Russian way as жуле, written 'Schule' in German)
    comes out far below that; two systems' spellings of one name (Kovalchuk / Kowaltschuk) far
    above."""
    ours, theirs = words_of(a), words_of(b)
    if len(ours) != len(theirs):
        return False
    if all(fold(x) == fold(y) for x, y in zip(ours, theirs, strict=True)):
        return True
    return sum(_evidence(x, y) for x, y in zip(ours, theirs, strict=True)) >= SAME


@lru_cache(maxsize=65536)
def _evidence(a: str, b: str) -> float:
    joint = -math.inf
    for lang in LANGUAGES:
        for native in {n for n, _ in readings(a, lang)} | {n for n, _ in readings(b, lang)}:
            joint = max(joint, _prior(native, lang) + written_as(native, lang, a) + written_as(native, lang, b))
    return joint - _alone(a) - _alone(b)


@lru_cache(maxsize=65536)
def _alone(latin: str) -> float:
    """The probability of the likeliest native word behind one spelling, written so."""
    return max(
        (
            _prior(native, lang) + written_as(native, lang, latin)
            for lang in LANGUAGES
            for native, _ in readings(latin, lang)
        ),
        default=-math.inf,
    )


@dataclass(frozen=True, slots=True)
class Guess:
    """The likeliest native spelling of a name written in several ways."""

    native: str  # capitalized and joined like the most frequent spelling ('Ковальчук', 'Зелений Гай')
    source_lang: str
    explained: int  # mentions whose spelling it explains
    mentions: int  # all mentions


KNOWN = 2.0  # nats per unit of Zipf frequency of a native word that the language's word list knows
PREFERRED = 3.0  # nats for the language that the given names written with the name are in
UNEXPLAINED = math.log(1e-6)  # a spelling that the native spelling does not explain (a slip, another reading)


def guess(spellings: Mapping[str, int], prefer: str = "") -> Guess | None:
    """The likeliest native spelling behind the Latin `spellings` (spelling → number of
    mentions), by a noisy channel: the letter model and word list of its language, times the
    probability that the tables write each spelling from it (UNEXPLAINED for one they cannot);
    the language `prefer`red by the given names gains. None when no reading explains any mention."""
    split = {spelling: words_of(spelling) for spelling in spellings}
    if not split or len({len(words) for words in split.values()}) != 1:
        return None
    best: tuple[float, tuple[str, ...], str, int] | None = None
    for lang in LANGUAGES:
        for words in sorted(_candidates(split.values(), lang)):  # ties to the first: е before ё, as word lists write it
            if not all(fits(word, lang) for word in words):
                continue
            explained = 0
            score = (PREFERRED if lang == prefer else 0.0) + sum(_prior(word, lang) for word in words)
            for spelling, count in spellings.items():
                written = sum(written_as(w, lang, x) for w, x in zip(words, split[spelling], strict=True))
                if written > -math.inf:
                    explained += count
                score += max(written, UNEXPLAINED)  # each spelling once: its repetitions are one writer's habit
            if explained and (best is None or score > best[0]):
                best = (score, words, lang, explained)
    if best is None:
        return None
    _, words, lang, explained = best
    if lang == "be" and not _BELARUSIAN_ONLY & set("".join(words)):
        # a spelling that Ukrainian writes too (Кам'янка) is given the more common language, whose alphabet writes it
        lang = next((other for other in LANGUAGES if all(fits(w, other) for w in words)), lang)
    joiners = _JOINERS.findall(next(iter(spellings)))  # as the most frequent spelling joins its words
    native = "".join(w[:1].upper() + w[1:] + j for w, j in zip(words, [*joiners, ""], strict=True))
    return Guess(native, lang, explained, sum(spellings.values()))


_JOINERS = re.compile(r"[\s-]+")


def words_of(name: str) -> list[str]:
    """The words of a name written with spaces or hyphens ('Nowa-Kachowka', 'Zelenyi Hai')."""
    return [w for w in _JOINERS.split(name) if w]


def _candidates(spellings: Iterable[list[str]], lang: str) -> set[tuple[str, ...]]:
    """Word-by-word combinations of the best readings of each spelling."""
    out: set[tuple[str, ...]] = set()
    for words in spellings:
        combos: list[tuple[str, ...]] = [()]
        for word in words:
            combos = [(*c, native) for c in combos for native, _ in readings(word, lang)[:4]]
        out.update(combos)
    return out


def _prior(word: str, lang: str = "") -> float:
    """How likely the native word is a word, in the language where it is likeliest (the letter
    model, and its frequency when the word list knows it): the languages share most names, and
    which one a name is taken from is for the spellings and the given names to say; a name of
    `lang` counts its SHARE; a stand-in letter model (letters.py) is asked only for a name of its
    own language. Russian ё counts as е, as the word lists write it."""
    return _likeliest(word, lang if lang not in WORD_LISTS else "") + SHARE.get(lang, 0.0)


@lru_cache(maxsize=16384)
def _likeliest(word: str, stand_in: str) -> float:
    word = word.replace("ё", "е")
    best = -math.inf
    for lang in (*WORD_LISTS, stand_in) if stand_in else WORD_LISTS:
        model = letter_model(lang)
        known = KNOWN * frequencies(lang).zipf(word) if lang in WORD_LISTS else 0.0
        best = max(best, model.extend("", word) + model.end(word) + known)
    return best


def fits(native: str, lang: str) -> bool:
    """Whether the language's alphabet writes every Cyrillic letter (and apostrophe) of a native
    word (Belarusian has no и: Дмитро is no Belarusian form, Дзмітрый is), and the language
    writes its ending (Завадский is no Ukrainian spelling, Завадський no Russian one)."""
    alphabet = ALPHABETS.get(lang)
    word = native.lower().translate(APOSTROPHES)
    if word.endswith(UNWRITTEN_ENDINGS.get(lang, ())):
        return False
    return alphabet is None or all(c in alphabet for c in word if "\u0400" <= c <= "\u04ff" or c == "'")


def is_cyrillic(word: str) -> bool:
    return bool(CYRILLIC.match(word.lower().translate(APOSTROPHES)))


def transliterated(word: str, prose: str) -> float:
    """How much likelier a capitalized word is the romanisation of a Ukrainian or Russian word
    than a word of the `prose` language, in nats per letter (above 0: likelier a romanisation):
    the best reading's probability (its letter model and word list, and the tables writing it
    so) against the prose language's letter model. German compounds such as 'Gleitbomben' come
    out far below 0, 'Kowaltschuk' or 'Tjotkino' far above, whatever words they end in."""
    return _transliterated(unicodedata.normalize("NFC", word), prose)


@lru_cache(maxsize=65536)
def _transliterated(word: str, prose: str) -> float:
    best = -math.inf
    for lang in WORD_LISTS:
        for native, _ in readings(word, lang)[:5]:
            best = max(best, _prior(native) + channel(native, lang, word))
    model = letter_model(prose)
    text = word.lower()
    return (best - model.extend("", text) - model.end(text)) / len(text)
