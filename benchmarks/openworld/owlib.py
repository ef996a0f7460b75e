"""Shared helpers of the open-world benchmark: folding and skeletons used by the disjointness checks,
and readers of the exclusion sources (the shared development probe, the shipped conventions)."""
import pathlib, re, unicodedata

HERE = pathlib.Path(__file__).resolve().parent
MAIN = HERE.parent.parent                       # /work/main
SHARED_PROBE = MAIN.parent / "shared" / "eval" / "openworld"
CONVENTIONS = [MAIN / "conventions" / "de.yaml", MAIN / "conventions" / "en.yaml"]

# Cyrillic letters that are also used, unchanged, by sloppy romanisations (homoglyphs) -> Latin.
_HOMOGLYPH = str.maketrans({"і": "i", "ї": "i", "є": "e", "ё": "e", "ў": "u", "й": "i",
                            "І": "I", "Ї": "I", "Є": "E", "Ё": "E", "Ў": "U"})
_CYR = re.compile(r"[\u0400-\u04ff]")
WORD = re.compile(r"[^\W\d_][^\W\d_'’ʹ′ʼ·\u0301-]*(?:[-'’ʹ′ʼ·][^\W\d_]+)*")


# adjectives of multi-word place names (Нова Каховка, Великі Мости): not a name on their own
GENERIC = set("""велика великий велике великі мала малий мале малі нова новий нове нові стара старий старе старі
верхній нижній верхня нижня верхнє нижнє верхні нижні червоний червона червоне біла білий біле
новая новый новое старый старая старое верхний нижний верхняя нижняя большой большая большое малая малое
красный красная красное вялікі вялікая малы малая новы новая стары старая верхні ніжні""".split())
RAION_WORDS = {"rajon", "raion", "rayon", "district", "bezirk", "район", "раён"}


def fold(s: str) -> str:
    """Lower case, homoglyphs to Latin, no diacritics, no apostrophes or soft-sign marks."""
    s = s.translate(_HOMOGLYPH)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.lower().replace("ł", "l").replace("ß", "ss").replace("ø", "o").replace("ı", "i")
    return re.sub(r"[^a-z\u0400-\u04ff]", "", s)


_LAT_MERGES = [  # longest first: spellings of one sound in different romanisation systems
    ("shtsch", "sc"), ("schtsch", "sc"), ("shch", "sc"), ("chtch", "sc"), ("szcz", "sc"), ("sch", "s"),
    ("tsch", "c"), ("tch", "c"), ("cz", "c"), ("ch", "c"), ("tc", "c"), ("sh", "s"), ("sz", "s"), ("zh", "z"),
    ("kh", "h"), ("ts", "c"), ("tz", "c"), ("ks", "x"), ("w", "v"), ("j", "i"), ("y", "i"),
    ("g", "h"), ("q", "k"), ("ou", "u"),
]
_CYR2LAT = dict(zip("абвгґдеєжзиіїйклмнопрстуўфхцчшщъыьэюяё",
                    ["a", "b", "v", "h", "g", "d", "e", "ie", "z", "z", "i", "i", "ii", "i", "k", "l", "m", "n",
                     "o", "p", "r", "s", "t", "u", "u", "f", "h", "c", "c", "s", "sc", "", "i", "", "e", "iu",
                     "ia", "io"]))


def _merge(s: str) -> str:
    s = "".join(_CYR2LAT.get(c, c) for c in s)
    for a, b in _LAT_MERGES:
        s = s.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", s)


def skeleton(s: str) -> str:
    """Medium key: system differences merged, vowels merged to classes (a/o, e/i/y, u).
    Two spellings with one key are taken as one name (also across Ukrainian/Russian/Belarusian forms)."""
    s = _merge(fold(s))
    s = s.replace("o", "a").replace("e", "i")
    return re.sub(r"(.)\1+", r"\1", s)


def consonants(s: str) -> str:
    """Coarse key: the consonants of the medium key only (used against the shared probe)."""
    return re.sub(r"[aeiouyv]", "", skeleton(s))


def words(s: str) -> list[str]:
    return WORD.findall(s)


def name_parts(name: str) -> list[str]:
    """The words of a name as written (split at spaces and hyphens only, so that apostrophes, soft-sign
    marks and combining ties of some romanisations stay inside the word)."""
    return [p.strip(".,;:!?()\"'’") for w in name.split() for p in w.split("-") if p.strip(".,;:!?()\"'’")]


def shared_probe_words() -> set[str]:
    """Every capitalised or non-ASCII word of the shared probe's four files (names and frame words alike)."""
    out = set()
    for p in sorted(SHARED_PROBE.glob("*.txt")):
        for w in words(p.read_text(encoding="utf-8")):
            if w[0].isupper() or not w.isascii():
                out.add(w)
    return out


def convention_names(kind: str = "") -> list[str]:
    """canonical, aliases and native of every entry (of one kind, if given) of both shipped conventions."""
    import yaml  # only the checks need it (run with a Python that has PyYAML, e.g. the project venv)
    names = []
    for p in CONVENTIONS:
        for e in yaml.safe_load(p.read_text(encoding="utf-8"))["entries"]:
            if kind and e.get("kind") != kind:
                continue
            names.append(e["canonical"])
            names.extend(e.get("aliases") or [])
            if e.get("native"):
                names.append(e["native"])
    return names
