"""Which entries of the shipped word lists change an outcome: for each entry, the fixed corpus of
our own passages is normalized once without it, and the entry is *needed* when any output differs.

    python -m benchmarks.data_usage [--list common] [--lang de]

The corpus per prose language: the golden articles (tests/golden) and the mixed set
(benchmarks/mixed) under the shipped convention, the open-world lines (benchmarks/openworld), the
quality sets (benchmarks/quality*) under their own conventions, and the examples of the shipped
convention's entries. The lists: the shipped conventions' `protect:` lists and the lists of
`data/context.yaml`. Prints one line per entry that changes nothing, and their count. It takes
minutes for all lists (a run of the corpus per entry), so the test suite asks it only of the
short lists (tests/test_data.py); `conventions lint` checks `protect:` and `fixed:` itself.
"""

from __future__ import annotations

import argparse
import copy
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from unittest import mock

from normalizer import lexicon
from normalizer.conventions import Convention, load_conventions, load_file
from normalizer.engine import Normalizer

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("de", "en")
# context.yaml lists that are the same in every language, and those given per language
CONTEXT_SHARED = ("elsewhere", "place_prefixes", "named_after", "place_named_after", "patronymic_endings")
CONTEXT_BY_LANG = ("phrases", "place_slot", "place_nouns", "company_nouns", "genitive_slot")


@dataclass(frozen=True, slots=True)
class Item:
    """One entry of one list: where it is, and how to take it out."""

    where: str  # 'common_words.yaml common.de', 'conventions/de.yaml protect'
    word: str
    lang: str


@dataclass(frozen=True, slots=True)
class Passage:
    text: str
    convention: Path | None  # None: the shipped convention of the language


def corpus(lang: str) -> list[Passage]:
    passages = [
        Passage(p.read_text(encoding="utf-8"), None) for p in sorted((ROOT / "tests/golden" / lang).glob("*.in.txt"))
    ]
    prefix = "m" + lang
    passages += [
        Passage(p.read_text(encoding="utf-8"), None)
        for p in sorted((ROOT / "benchmarks/mixed").glob(f"{prefix}-*.in.txt"))
    ]
    passages += [
        Passage(p.read_text(encoding="utf-8"), None)
        for p in sorted((ROOT / "benchmarks/openworld").glob(f"{lang}-*.txt"))
    ]
    for folder in sorted(ROOT.glob("benchmarks/quality*")):
        own = folder / f"convention-{lang}.yaml"
        passages += [Passage(p.read_text(encoding="utf-8"), own) for p in sorted(folder.glob(f"q*{lang}-*.in.txt"))]
    shipped = load_conventions([lang])
    passages += [Passage(e.text, None) for entry in shipped.entries for e in entry.examples]
    return passages


@cache
def _convention(path: Path | None, lang: str) -> Convention:
    return load_conventions([lang]) if path is None else load_file(path)


def outputs(lang: str, edit: Callable[[Convention], Convention] = lambda c: c) -> list[str]:
    """The normalized text of each passage of the corpus; `edit` changes each convention first."""
    built: dict[Path | None, Normalizer] = {}
    found = []
    for passage in corpus(lang):
        if passage.convention not in built:
            built[passage.convention] = Normalizer(edit(_convention(passage.convention, lang)))
        found.append(built[passage.convention].fix(passage.text).text)
    return found


def items(lang: str) -> Iterator[Item]:
    for word in sorted(load_file(ROOT / "conventions" / f"{lang}.yaml").protect):
        yield Item(f"conventions/{lang}.yaml protect", word, lang)
    context = lexicon._yaml("context.yaml")
    for key in CONTEXT_SHARED:
        for word in lexicon._strings(context.get(key)):
            yield Item(f"context.yaml {key}", word, lang)
    for key in CONTEXT_BY_LANG:
        for word in lexicon._by_lang(context.get(key), lang):
            yield Item(f"context.yaml {key}.{lang}", word, lang)


def _without(item: Item) -> tuple[Callable[[Convention], Convention], Callable[[str], dict[str, object]]]:
    """A convention edit and a data reader that leave `item` out."""
    original = lexicon._yaml

    def read(name: str) -> dict[str, object]:
        raw = copy.deepcopy(original(name))
        file, _, key = item.where.partition(" ")
        if name == file:
            top, _, lang = key.partition(".")
            holder: object = raw.get(top)
            values = holder.get(lang) if isinstance(holder, dict) and lang else holder
            if isinstance(values, list) and item.word in values:
                values.remove(item.word)
        return raw

    def edit(convention: Convention) -> Convention:
        if item.where.endswith(" protect") and convention.sources and item.where.split()[0] in convention.sources[-1]:
            return convention._replace(protect=convention.protect - {item.word})
        return convention

    return edit, read


def needed(item: Item, baseline: list[str]) -> bool:
    edit, read = _without(item)
    with mock.patch.object(lexicon, "_yaml", read):
        lexicon.context.cache_clear()
        try:
            return outputs(item.lang, edit) != baseline
        finally:
            lexicon.context.cache_clear()


def unused(lang: str, where: str = "") -> list[Item]:
    """The entries of the lists (those whose place starts with `where`) that change no outcome."""
    baseline = outputs(lang)
    return [item for item in items(lang) if item.where.startswith(where) and not needed(item, baseline)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--list", default="", help="only the lists whose place starts so ('common', 'context.yaml place')"
    )
    parser.add_argument("--lang", choices=LANGS, action="append")
    args = parser.parse_args()
    for lang in args.lang or LANGS:
        found = unused(lang, args.list)
        for item in found:
            print(f"{lang}\t{item.where}\t{item.word}")
        print(f"{lang}: {len(found)} entries change no outcome of {len(corpus(lang))} passages")


if __name__ == "__main__":
    main()
