"""Generate the benchmark corpus: articles with planted name variants, two long streams, and
conventions of growing size.

    python -m benchmarks.generate OUTDIR [--seed N] [--articles 2000] [--stream-mb 50]
                                         [--sizes 100,1000,10000,100000]

Writes into OUTDIR:

- `folder/{de,en}/SECTION/NNNN-slug.{md,txt}`: German and English news articles built from the
  sentence templates in `benchmarks/templates.py`;
- `stream-de.txt`, `stream-en.txt`: more articles of each language concatenated into one file
  (together about `--stream-mb` MB, MB = 10^6 bytes);
- `planted.tsv`: every planted variant spelling: `file line column found expected` (line and
  column 1-based, column counted in characters; `expected` is the house spelling of the
  convention, with the same inflection ending);
- `conv-de-N.yaml` for each size N: the first entries are the (at most) 100 entities that occur
  in the text, then the rest of the shipped German convention, then synthetic entities that do
  not occur in the text; each file is a prefix of the next larger one;
- `manifest.json`: the parameters and counts.

All names in the text belong to the 100 planted entities taken from `conventions/de.yaml`; every
mention is either the German house spelling or a variant: a listed alias, the English house
spelling (`conventions/en.yaml`), or a romanisation from `normalizer.translit.variants`. English
articles use the same German convention (the benchmark runs `-c conv-de-N` on the whole folder),
so their house spellings are variants there too. Everything is deterministic for a given seed.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from benchmarks import templates

if TYPE_CHECKING:
    from normalizer.conventions import Convention
    from normalizer.conventions import Entry as ConventionEntry

PLANTED_ENTITIES = 100
DEFAULT_SIZES = (100, 1000, 10000, 100000)
MB = 1_000_000
COMMON_ZIPF = 3.0  # a generated spelling with a word this frequent is not planted (it is a word)
_SLOT = re.compile(r"\{(\w+)\}")
_WORD_SPLIT = re.compile(r"[\s\-]+")
_PARTICLES = frozenset({"von", "van", "der", "den", "de", "di", "da", "du", "la", "le", "al", "el", "bin", "ten", "zu"})


def fold(text: str) -> str:
    """The package's folding (case, diacritics, apostrophes, hyphens; Cyrillic via unidecode): the
    loader merges entries whose folded canonical or native spelling is the same."""
    from normalizer.textfold import fold as package_fold

    return package_fold(text)


def words_of(text: str) -> list[str]:
    return [w for w in _WORD_SPLIT.split(text) if w]


def split_person(name: str) -> tuple[str, str]:
    """(given names, surname); the surname starts at a lowercase particle ('von der Leyen')."""
    parts = name.split()
    if len(parts) < 2:
        return "", name
    cut = len(parts) - 1
    for i in range(1, len(parts) - 1):
        if parts[i].lower() in _PARTICLES or parts[i].islower():
            cut = i
            break
    return " ".join(parts[:cut]), " ".join(parts[cut:])


@lru_cache(maxsize=200_000)
def zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    lower = word.lower()
    return max(zipf_frequency(lower, "de"), zipf_frequency(lower, "en"))


def variants(native: str, source_lang: str) -> list[str]:
    from normalizer.translit import variants as translit_variants

    return list(translit_variants(native, source_lang))


# ---------------------------------------------------------------- planted entities


@dataclass
class Entity:
    """A shipped entity that is planted in the text, with the spellings to plant."""

    number: int  # position in conventions/de.yaml
    canonical: str
    kind: str
    given: str
    name: str  # a person's surname, else the whole name
    full_variants: list[str] = field(default_factory=list)  # whole spellings != canonical
    name_variants: list[str] = field(default_factory=list)  # surname-only spellings (persons)
    en_spelling: str = ""

    @property
    def genitive_ok(self) -> bool:  # German genitive -s only after a surname not ending in s/x/z/ß
        return self.kind == "person" and not self.name.endswith(("s", "x", "z", "ß"))


def _name_part(spelling: str, kind: str) -> str:
    return split_person(spelling)[1] if kind == "person" else spelling


def _spellings(de: Convention, en: Convention) -> tuple[list[list[tuple[str, str]]], dict[str, set[int]]]:
    """Per German entry: (spelling, origin) for the canonical, aliases, romanisations and the
    English house spelling; and which entries each folded name part belongs to."""
    en_by_native = {e.native: e for e in en.entries if e.native}
    en_by_canonical = {e.canonical: e for e in en.entries}
    spellings: list[list[tuple[str, str]]] = []  # per entry: (spelling, origin)
    owners: dict[str, set[int]] = {}  # folded name part -> entries
    for number, entry in enumerate(de.entries):
        found = [(entry.canonical, "canonical")] + [(a, "alias") for a in entry.aliases]
        if entry.native and entry.source_lang:
            found += [(v, "generated") for v in variants(entry.native, entry.source_lang)]
        en_entry = en_by_native.get(entry.native) if entry.native else en_by_canonical.get(entry.canonical)
        if en_entry is not None:
            found.append((en_entry.canonical, "english"))
        spellings.append(found)
        for spelling, _origin in found:
            owners.setdefault(fold(_name_part(spelling, entry.kind)), set()).add(number)
    return spellings, owners


def select_entities(seed: int, count: int = PLANTED_ENTITIES) -> tuple[list[Entity], list[ConventionEntry]]:
    """The planted entities (a seeded choice among shipped entries that have variants to plant)
    and the full list of shipped German entries."""
    from normalizer import load_conventions

    de = load_conventions(["de"])
    spellings, owners = _spellings(de, load_conventions(["en"]))
    surname_of = [fold(_name_part(e.canonical, e.kind)) for e in de.entries]
    eligible: dict[str, list[Entity]] = {"person": [], "place": [], "org": []}
    for number, entry in enumerate(de.entries):
        given, name = split_person(entry.canonical) if entry.kind == "person" else ("", entry.canonical)
        entity = Entity(number, entry.canonical, entry.kind, given, name)
        canonical_words = set(words_of(entry.canonical))
        for spelling, origin in spellings[number]:
            if spelling == entry.canonical or spelling.casefold() == entry.canonical.casefold():
                continue
            if len(words_of(spelling)) != len(words_of(entry.canonical)):
                continue
            if any(w.endswith(("'", "’", "ʼ", "ʹ")) for w in spelling.split()):
                continue  # a soft sign written as a final apostrophe reads like a closing quote
            new_words = [w for w in words_of(spelling) if w not in canonical_words]
            if origin == "generated" and any(zipf(w) >= COMMON_ZIPF for w in new_words):
                continue  # a romanisation that is a common word is not a fair plant
            part = _name_part(spelling, entry.kind)
            others = {o for o in owners.get(fold(part), set()) if surname_of[o] != surname_of[number]}
            if others:
                continue  # also a spelling of another entity
            if origin == "english":
                entity.en_spelling = spelling
            if spelling not in entity.full_variants:
                entity.full_variants.append(spelling)
            if entry.kind == "person" and entity.given and part != name and part not in entity.name_variants:
                entity.name_variants.append(part)
        if entry.kind == "person" and not entity.given:
            entity.name_variants = list(entity.full_variants)
        if entity.full_variants:
            eligible[entry.kind].append(entity)
    rng = random.Random(f"{seed}-entities")
    quota = {"org": min(len(eligible["org"]), count // 10)}
    quota["place"] = min(len(eligible["place"]), (count * 3) // 10)
    quota["person"] = min(len(eligible["person"]), count - quota["org"] - quota["place"])
    chosen: list[Entity] = []
    for kind in ("person", "place", "org"):
        chosen += rng.sample(eligible[kind], quota[kind])
    chosen.sort(key=lambda e: e.number)
    return chosen, list(de.entries)


# ---------------------------------------------------------------- articles


@dataclass
class Plant:
    line: int  # 0-based line of the article
    column: int  # 0-based character column
    found: str
    expected: str


class Writer:
    """Builds articles from the templates; every name mention goes through `mention`."""

    def __init__(self, rng: random.Random, lang: str, entities: Sequence[Entity]):
        self.rng = rng
        self.lang = lang
        self.texts = templates.LANGS[lang]
        self.by_kind = {k: [e for e in entities if e.kind == k] for k in ("person", "place", "org")}
        self.p_variant = 0.3 if lang == "de" else 0.45

    def words(self, slot: str) -> str:
        return self.rng.choice(self.texts["words"][slot])

    def fill(self, template: str) -> str:
        return _SLOT.sub(lambda m: str(self.rng.randint(2, 480)) if m[1] == "NUM" else self.words(m[1]), template)

    def spell(self, entity: Entity, whole: bool) -> tuple[str, str | None]:
        """A spelling of the entity's whole name (or surname): (text, expected or None)."""
        canonical = entity.canonical if whole else entity.name
        pool = entity.full_variants if whole else entity.name_variants
        if not pool or self.rng.random() >= self.p_variant:
            return canonical, None
        if whole and entity.en_spelling and self.lang == "en" and self.rng.random() < 0.5:
            return entity.en_spelling, canonical
        return self.rng.choice(pool), canonical

    def article(self, markdown: bool) -> tuple[list[str], list[Plant], str]:
        rng = self.rng
        headline = self.fill(rng.choice(self.texts["headlines"]))
        persons = rng.sample(self.by_kind["person"], min(len(self.by_kind["person"]), rng.randint(2, 4)))
        places = rng.sample(self.by_kind["place"], min(len(self.by_kind["place"]), rng.randint(1, 3)))
        orgs = rng.sample(self.by_kind["org"], min(len(self.by_kind["org"]), rng.randint(0, 2)))
        mentioned: set[int] = set()
        lines = [f"# {headline}" if markdown else headline, ""]
        plants: list[Plant] = []
        for paragraph in range(rng.randint(6, 11)):
            if markdown and paragraph == 4:
                lines += [f"## {self.fill(rng.choice(self.texts['headlines']))}", ""]
            pieces: list[str] = []
            length = 0
            for _ in range(rng.randint(4, 7)):
                if pieces:
                    pieces.append(" ")
                    length += 1
                template = self.named_template(persons, places, orgs) if rng.random() < 0.3 else None
                if template is None:
                    sentence = self.fill(rng.choice(self.texts["filler"]))
                    pieces.append(sentence)
                    length += len(sentence)
                    continue
                length = self.render(template, pieces, length, plants, len(lines), (persons, places, orgs), mentioned)
            lines += ["".join(pieces), ""]
        if markdown:
            lines.append(f"[{templates.MORE[self.lang]}](https://example.org/{self.lang}/{rng.randint(1000, 99999)})")
        else:
            lines.pop()
        return lines, plants, headline

    def named_template(self, persons: list[Entity], places: list[Entity], orgs: list[Entity]) -> str | None:
        for _ in range(8):
            template = self.rng.choice(self.texts["named"])
            slots = _SLOT.findall(template)
            if slots.count("P") + slots.count("SG") > len(persons) or ("L" in slots and not places):
                continue
            if "O" in slots and not orgs:
                continue
            if "SG" in slots and self.lang == "de" and not any(p.genitive_ok for p in persons):
                continue
            return template
        return None

    def render(
        self,
        template: str,
        pieces: list[str],
        length: int,
        plants: list[Plant],
        line: int,
        pool: tuple[list[Entity], list[Entity], list[Entity]],
        mentioned: set[int],
    ) -> int:
        persons, places, orgs = pool
        used: set[int] = set()
        position = 0
        for match in _SLOT.finditer(template):
            literal = template[position : match.start()]
            pieces.append(literal)
            length += len(literal)
            position = match.end()
            slot = match[1]
            if slot not in templates.NAME_SLOTS:
                text = str(self.rng.randint(2, 480)) if slot == "NUM" else self.words(slot)
                pieces.append(text)
                length += len(text)
                continue
            if slot in ("P", "SG"):
                unused = [p for p in persons if p.number not in used]
                free = [p for p in unused if slot == "P" or self.lang == "en" or p.genitive_ok]
                entity = self.rng.choice(free or unused)
                used.add(entity.number)
                if slot == "SG":
                    text, expected = self.spell(entity, whole=False)
                    ending = ("s" if free else "") if self.lang == "de" else "'s"
                    text, expected = text + ending, (expected + ending if expected else None)
                else:
                    whole = entity.number not in mentioned or not entity.given or self.rng.random() < 0.35
                    text, expected = self.spell(entity, whole=whole)
                mentioned.add(entity.number)
            else:
                entity = self.rng.choice(places if slot == "L" else orgs)
                text, expected = self.spell(entity, whole=True)
            if expected is not None:
                plants.append(Plant(line, length, text, expected))
            pieces.append(text)
            length += len(text)
        rest = template[position:]
        pieces.append(rest)
        return length + len(rest)


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text))[:40].strip("-") or "artikel"


def write_folder(out: Path, entities: Sequence[Entity], articles: int, seed: int) -> tuple[list[tuple], int]:
    rng = random.Random(f"{seed}-folder")
    writers = {lang: Writer(rng, lang, entities) for lang in ("de", "en")}
    rows: list[tuple] = []
    total = 0
    for i in range(articles):
        lang = "de" if i % 2 == 0 else "en"
        markdown = rng.random() < 0.6
        lines, plants, headline = writers[lang].article(markdown)
        section = rng.choice(templates.SECTIONS[lang])
        relative = f"folder/{lang}/{section}/{i:04d}-{slug(headline)}.{'md' if markdown else 'txt'}"
        path = out / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        data = ("\n".join(lines) + "\n").encode("utf-8")
        path.write_bytes(data)
        total += len(data)
        rows += [(relative, p.line + 1, p.column + 1, p.found, p.expected) for p in plants]
    return rows, total


def write_stream(out: Path, lang: str, entities: Sequence[Entity], target: int, seed: int) -> tuple[list[tuple], int]:
    rng = random.Random(f"{seed}-stream-{lang}")
    writer = Writer(rng, lang, entities)
    name = f"stream-{lang}.txt"
    rows: list[tuple] = []
    chunks: list[str] = []
    size = 0
    line = 0
    while size < target:
        lines, plants, _headline = writer.article(markdown=False)
        lines.append("")
        rows += [(name, line + p.line + 1, p.column + 1, p.found, p.expected) for p in plants]
        text = "\n".join(lines) + "\n"
        chunks.append(text)
        size += len(text.encode("utf-8"))
        line += len(lines)
    (out / name).write_text("".join(chunks), encoding="utf-8")
    return rows, size


# ---------------------------------------------------------------- conventions


def text_vocabulary() -> set[str]:
    """Folded words of every template and word list: synthetic names must avoid all of them."""
    found: set[str] = set()
    for texts in templates.LANGS.values():
        strings = [*texts["named"], *texts["filler"], *texts["headlines"], templates.MORE["de"], templates.MORE["en"]]
        for values in texts["words"].values():
            strings += values
        for s in strings:
            found.update(fold(w) for w in re.findall(r"\w+", _SLOT.sub(" ", s)))
    return found


_FEMININE = (
    ("ський", "ська"),
    ("цький", "цька"),
    ("ский", "ская"),
    ("енков", "енкова"),
    ("ов", "ова"),
    ("ев", "ева"),
    ("ин", "ина"),
)


class Synthesizer:
    """Plausible Slavic and Western names from our own syllable lists, none of which occurs in
    the text (no word of a name part, in any spelling, is a word of the text or of a shipped name)."""

    def __init__(self, seed: int, shipped: Sequence[ConventionEntry]):
        from normalizer.translit import tables

        self.rng = random.Random(f"{seed}-synthetic")
        by_system = {t.system: t for t in tables()}
        self.house = {"uk": by_system["uk-german"], "ru": by_system["ru-german"]}
        self.english = {"uk": by_system["uk-national-2010"], "ru": by_system["ru-english-press"]}
        self.blocked = text_vocabulary()
        self.canonicals: set[str] = set()
        self.natives: set[str] = set()
        self.folded: set[str] = set()  # folded canonicals: the loader merges entries that share one
        for entry in shipped:
            self.canonicals.add(entry.canonical.casefold())
            self.folded.add(fold(entry.canonical))
            self.canonicals.update(a.casefold() for a in entry.aliases)
            spellings = [entry.canonical, *entry.aliases]
            if entry.native:
                self.natives.add(fold(entry.native))
                spellings += variants(entry.native, entry.source_lang)
            for spelling in spellings:
                self.blocked.update(fold(w) for w in words_of(spelling))

    def entries(self, count: int) -> list[dict[str, object]]:
        out: list[dict[str, object]] = []
        while len(out) < count:
            candidate = self.candidate()
            if candidate is not None:
                out.append(candidate)
        return out

    def candidate(self) -> dict[str, object] | None:
        rng = self.rng
        roll = rng.random()
        if roll < 0.70:
            return self.slavic(rng.choice(("uk", "ru")), "person" if rng.random() < 0.7 else "place")
        if roll < 0.97:
            return self.western("person" if rng.random() < 0.75 else "place")
        return self.western("org")

    def slavic(self, lang: str, kind: str) -> dict[str, object] | None:
        rng = self.rng
        stem = rng.choice(templates.CYR_ROOTS) + (rng.choice(templates.CYR_MIDDLE) if rng.random() < 0.5 else "")
        if kind == "person":
            feminine = rng.random() < 0.3
            surname = stem + rng.choice(templates.UK_SURNAME_END if lang == "uk" else templates.RU_SURNAME_END)
            if feminine:
                for masculine, female in _FEMININE:
                    if surname.endswith(masculine):
                        surname = surname[: -len(masculine)] + female
                        break
            given_pool = {
                ("uk", False): templates.UK_GIVEN_M,
                ("uk", True): templates.UK_GIVEN_F,
                ("ru", False): templates.RU_GIVEN_M,
                ("ru", True): templates.RU_GIVEN_F,
            }[(lang, feminine)]
            native = f"{rng.choice(given_pool)} {surname}"
        else:
            native = stem + rng.choice(templates.UK_PLACE_END if lang == "uk" else templates.RU_PLACE_END)
        if fold(native) in self.natives:
            return None
        canonical = self.house[lang].name(native)
        aliases = []
        if rng.random() < 0.2:
            english = self.english[lang].name(native)
            if english != canonical:
                aliases.append(english)
        spellings = [canonical, *aliases, *variants(native, lang)]
        if not self.accept(canonical, aliases, spellings, kind):
            return None
        self.natives.add(fold(native))
        entry: dict[str, object] = {"canonical": canonical, "native": native, "source_lang": lang, "kind": kind}
        if aliases:
            entry["aliases"] = aliases
        return entry

    def western(self, kind: str) -> dict[str, object] | None:
        rng = self.rng
        root = rng.choice(templates.LATIN_ROOTS)
        if kind == "person":
            canonical = f"{rng.choice(templates.LATIN_GIVEN)} {root}{rng.choice(templates.LATIN_ENDS)}"
        elif kind == "place":
            canonical = root + rng.choice(templates.LATIN_PLACE_ENDS)
        else:
            canonical = f"{root}{rng.choice(templates.LATIN_ENDS)} {rng.choice(templates.ORG_ENDS)}"
        aliases = []
        if rng.random() < 0.15:
            alias = _western_alias(canonical)
            if alias and alias != canonical:
                aliases.append(alias)
        if not self.accept(canonical, aliases, [canonical, *aliases], kind):
            return None
        entry: dict[str, object] = {"canonical": canonical, "kind": kind}
        if aliases:
            entry["aliases"] = aliases
        return entry

    def accept(self, canonical: str, aliases: list[str], spellings: Iterable[str], kind: str) -> bool:
        keys = [canonical.casefold(), *(a.casefold() for a in aliases)]
        if any(k in self.canonicals for k in keys) or len(set(keys)) != len(keys) or fold(canonical) in self.folded:
            return False
        for spelling in spellings:
            if any(fold(w) in self.blocked for w in words_of(_name_part(spelling, kind))):
                return False
        self.canonicals.update(keys)
        self.folded.add(fold(canonical))
        return True


def _western_alias(name: str) -> str:
    for old, new in (("ö", "oe"), ("ü", "ue"), ("ä", "ae"), ("ß", "ss"), ("ff", "f"), ("mann", "man"), ("k", "ck")):
        if old in name:
            return name.replace(old, new, 1)
    return ""


_PLAIN = re.compile(r"[^\W\d_][\w \-.'’ʼ]*", re.UNICODE)
_YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


def _scalar(value: object) -> str:
    """A plain YAML scalar when that is safe (names are), else a JSON (= YAML double-quoted) string."""
    text = str(value)
    if _PLAIN.fullmatch(text) and text.lower() not in _YAML_WORDS and not text.endswith(" "):
        return text
    return json.dumps(text, ensure_ascii=False)


def entry_line(entry: dict[str, object]) -> str:
    """One entry as a compact flow mapping (the 8 MB cap of the loader counts every byte)."""
    parts = [f"canonical: {_scalar(entry['canonical'])}", f"kind: {entry['kind']}"]
    if entry.get("native"):
        parts += [f"native: {_scalar(entry['native'])}", f"source_lang: {entry['source_lang']}"]
    if entry.get("aliases"):
        aliases: list[str] = entry["aliases"]  # type: ignore[assignment]
        parts.append("aliases: [" + ",".join(_scalar(a) for a in aliases) + "]")
    if entry.get("fuzzy") is False:
        parts.append("fuzzy: false")
    return "- {" + ",".join(parts) + "}\n"


def shipped_entry(entry: ConventionEntry) -> dict[str, object]:
    out: dict[str, object] = {"canonical": entry.canonical, "kind": entry.kind}
    if entry.native:
        out["native"] = entry.native
        out["source_lang"] = entry.source_lang
    if entry.aliases:
        out["aliases"] = list(entry.aliases)
    if not entry.fuzzy:
        out["fuzzy"] = False
    return out


def write_conventions(
    out: Path, seed: int, sizes: Sequence[int], planted: Sequence[Entity], shipped: Sequence[ConventionEntry]
) -> dict[int, int]:
    from normalizer import load_conventions

    first = [shipped[e.number] for e in planted]
    chosen = {e.number for e in planted}
    ordered = [shipped_entry(e) for e in first] + [shipped_entry(e) for i, e in enumerate(shipped) if i not in chosen]
    biggest = max(sizes)
    if biggest > len(ordered):
        ordered += Synthesizer(seed, shipped).entries(biggest - len(ordered))
    protect = sorted(load_conventions(["de"]).protect)
    lines = [entry_line(e) for e in ordered]
    written: dict[int, int] = {}
    for size in sorted(sizes):
        comment = (
            f"# Generated by benchmarks.generate (seed {seed}): {size} entries. The first {min(size, len(first))}"
            " occur in the benchmark text;\n# then the shipped conventions/de.yaml (without examples), then"
            " synthetic entities that do not occur in it.\n"
        )
        written[size] = _write_convention(out, f"conv-de-{size}", comment, protect, lines[:size])
    return written


def _write_convention(out: Path, stem: str, comment: str, protect: Sequence[str], lines: Sequence[str]) -> int:
    """Write `stem.yaml`. Above the loader's size cap (8 MB: a 100,000-entry convention is larger
    even written compactly), the first entries go into `stem-part1.yaml`, `stem-part2.yaml`, ...,
    each extending the one before, and `stem.yaml` extends the last. Returns the bytes written."""
    from normalizer.conventions import MAX_BYTES

    protect_line = f"protect: [{', '.join(_scalar(p) for p in protect)}]\n"

    def header(name: str, parent: str | None) -> str:
        extends = f"extends: {parent}.yaml\n" if parent else ""
        return (
            f"{comment}convention: bench-{name.removeprefix('conv-')}\nversion: 1\nlanguage: de\n"
            f"description: benchmark convention\n{protect_line}{extends}entries:\n"
        )

    room = MAX_BYTES - len(header(f"{stem}-part999", f"{stem}-part999").encode("utf-8"))
    chunks: list[list[str]] = [[]]
    used = 0
    for line in lines:
        size = len(line.encode("utf-8"))
        if chunks[-1] and used + size > room:
            chunks.append([])
            used = 0
        chunks[-1].append(line)
        used += size
    names = [f"{stem}-part{i + 1}" for i in range(len(chunks) - 1)] + [stem]
    total = 0
    for i, (name, chunk) in enumerate(zip(names, chunks, strict=True)):
        data = (header(name, names[i - 1] if i else None) + "".join(chunk)).encode("utf-8")
        (out / f"{name}.yaml").write_bytes(data)
        total += len(data)
    return total


# ---------------------------------------------------------------- main


def generate(
    out: Path, seed: int = 1, articles: int = 2000, stream_mb: float = 50, sizes: Sequence[int] = DEFAULT_SIZES
) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    entities, shipped = select_entities(seed)
    rows, folder_bytes = write_folder(out, entities, articles, seed)
    stream_bytes = {}
    for lang in ("de", "en"):
        stream_rows, stream_bytes[lang] = write_stream(out, lang, entities, int(stream_mb * MB / 2), seed)
        rows += stream_rows
    with (out / "planted.tsv").open("w", encoding="utf-8", newline="\n") as handle:
        handle.write("file\tline\tcolumn\tfound\texpected\n")
        for row in rows:
            handle.write("\t".join(map(str, row)) + "\n")
    conv_bytes = write_conventions(out, seed, sizes, entities, shipped)
    manifest = {
        "seed": seed,
        "articles": articles,
        "stream_mb": stream_mb,
        "sizes": sorted(sizes),
        "folder_bytes": folder_bytes,
        "stream_bytes": stream_bytes,
        "planted_rows": {"folder": sum(1 for r in rows if r[0].startswith("folder/")), "all": len(rows)},
        "entities": [e.canonical for e in entities],
        "convention_bytes": {str(k): v for k, v in conv_bytes.items()},
    }
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return manifest


def parse_sizes(text: str) -> list[int]:
    return [int(s) for s in text.split(",") if s.strip()]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.generate", description=__doc__.split("\n\n")[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--stream-mb", type=float, default=50.0, help="both streams together, MB = 10^6 bytes")
    parser.add_argument(
        "--sizes", type=parse_sizes, default=list(DEFAULT_SIZES), help="convention sizes, e.g. 100,1000"
    )
    args = parser.parse_args(argv)
    manifest = generate(args.outdir, args.seed, args.articles, args.stream_mb, args.sizes)
    print(
        f"{args.outdir}: {args.articles} articles ({manifest['folder_bytes'] / MB:.1f} MB), streams "
        f"{sum(manifest['stream_bytes'].values()) / MB:.1f} MB, {manifest['planted_rows']['all']} planted variants, "
        f"conventions {', '.join(map(str, manifest['sizes']))}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
