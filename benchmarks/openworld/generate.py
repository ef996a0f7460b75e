#!/usr/bin/env python3
"""Rebuild the open-world benchmark (de-persons.txt, de-places.txt, en-persons.txt, en-places.txt and
cases.tsv) from sources/, deterministically (fixed seed).

    python generate.py              # stdlib only: reads sources/*.tsv, including sources/spellings.tsv
    python generate.py --romanise   # first recompute sources/spellings.tsv (needs the romanisers below)

--romanise runs every Cyrillic name of sources/ through
  * our own tables: `normalizer variants NATIVE --source uk|ru|be` (systems named nz:<system>),
  * independent romanisers from PyPI: translitua (Ukrainian and Russian standards), iuliia (Russian
    schemes, also applied to Ukrainian and Belarusian names, as sloppy tools do), cyrtranslit (ua, by),
    transliterate (ru, uk) and unidecode,
and stores each distinct spelling with the systems that produce it. Install them into a scratch venv,
not into the project's:

    python -m venv /tmp/owvenv && /tmp/owvenv/bin/pip install translitua iuliia cyrtranslit transliterate unidecode
    /tmp/owvenv/bin/python generate.py --romanise --normalizer /work/main/.venv/bin/normalizer
"""
import argparse, collections, concurrent.futures, pathlib, random, subprocess, sys

HERE = pathlib.Path(__file__).resolve().parent
SRC = HERE / "sources"
SEED = 1611

# ------------------------------------------------------------------------------------------ sources
def read_tsv(name):
    return [line.split("\t") for line in (SRC / name).read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]


def load():
    surnames = [dict(zip(("native", "fem", "kind", "country", "lang", "source"), r)) for r in read_tsv("surnames.tsv")]
    given = [dict(zip(("native", "gender", "country", "lang"), r)) for r in read_tsv("given-names.tsv")]
    places = [dict(zip(("native", "kind", "country", "lang", "source", "ru", "population"), r))
              for r in read_tsv("places.tsv")]
    return surnames, given, places


CYRILLIC_LANGS = ("uk", "ru", "be")


def natives_to_romanise(surnames, given, places):
    todo = set()
    for s in surnames:
        if s["lang"] in CYRILLIC_LANGS:
            todo.add((s["native"], s["lang"]))
            todo.add((s["fem"], s["lang"]))
    for g in given:
        if g["lang"] in CYRILLIC_LANGS:
            todo.add((g["native"], g["lang"]))
    for p in places:
        if p["lang"] in CYRILLIC_LANGS:
            todo.add((p["native"], p["lang"]))
            if p["ru"]:
                todo.add((p["ru"], "ru"))
    return sorted(todo)


# ------------------------------------------------------------------------------------------ --romanise
def independent(native, lang):
    """{system: spelling} from the PyPI romanisers."""
    import cyrtranslit, iuliia, translitua, transliterate, unidecode
    out = {"unidecode": unidecode.unidecode(native)}
    for name in ("WIKIPEDIA", "BGN_PCGN", "ICAO_DOC_9303", "MOSMETRO", "YANDEX_MAPS", "ALA_LC", "SCIENTIFIC", "GOST_779"):
        out[f"iuliia:{name}"] = getattr(iuliia, name).translate(native)
    if lang == "uk":
        for t in ("UkrainianKMU", "UkrainianBGN", "UkrainianBGN2019", "UkrainianGerman", "UkrainianALALC",
                  "UkrainianBritish", "UkrainianWWS", "UkrainianNational1996"):
            out[f"translitua:{t}"] = translitua.translit(native, getattr(translitua, t))
        out["cyrtranslit:ua"] = cyrtranslit.to_latin(native, "ua")
        out["transliterate:uk"] = transliterate.translit(native, "uk", reversed=True)
    if lang == "ru":
        for t in ("RussianGOST2006", "RussianInternationalPassport", "RussianInternationalPassport1997"):
            out[f"translitua:{t}"] = translitua.translit(native, getattr(translitua, t))
        out["transliterate:ru"] = transliterate.translit(native, "ru", reversed=True)
    if lang == "be":
        out["cyrtranslit:by"] = cyrtranslit.to_latin(native, "by")
        out["transliterate:ru"] = transliterate.translit(native, "ru", reversed=True)
    return out


def ours(native, lang, normalizer):
    """{system: spelling} from `normalizer variants`."""
    run = subprocess.run([normalizer, "variants", native, "--source", lang], capture_output=True, text=True)
    if run.returncode != 0:
        raise SystemExit(f"normalizer variants {native!r} --source {lang} failed: {run.stderr.strip()[:300]}")
    out = {}
    for line in run.stdout.splitlines():
        spelling, _, systems = line.partition("\t")
        for s in systems.split(","):
            if s.strip():
                out["nz:" + s.strip()] = spelling
    return out


def romanise(normalizer, fresh=False):
    todo = natives_to_romanise(*load())
    old = {}
    if not fresh and (SRC / "spellings.tsv").exists():     # names romanised before are kept as they are
        for (native, lang), systems in load_spellings().items():
            old[(native, lang)] = systems
    new = [t for t in todo if t not in old]
    print(f"romanising {len(new)} names ({len(todo) - len(new)} kept from sources/spellings.tsv) ...", file=sys.stderr)
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        nz = dict(zip(new, pool.map(lambda t: ours(t[0], t[1], normalizer), new)))
    rows = []
    for native, lang in todo:
        if (native, lang) in old:
            found = old[(native, lang)]
        else:
            found = {**nz[(native, lang)], **independent(native, lang)}
        by_spelling = collections.defaultdict(list)
        for system, spelling in found.items():
            if system in USED_SYSTEMS:              # keep the file small: only what SYSTEMS can pick
                by_spelling[spelling].append(system)
        for spelling in sorted(by_spelling):
            rows.append((native, lang, spelling, ",".join(sorted(by_spelling[spelling]))))
    write_spellings(rows)
    print(f"wrote {len(rows)} spellings", file=sys.stderr)


def write_spellings(rows):
    """rows: (native, lang, spelling, comma-separated systems). The systems are stored by number (the
    numbers are listed in the file's second line) to keep the file small."""
    systems = sorted({s for r in rows for s in r[3].split(",")})
    number = {s: str(i) for i, s in enumerate(systems, 1)}
    with open(SRC / "spellings.tsv", "w", encoding="utf-8") as f:
        f.write("# native\tlang\tspelling\tsystems that give it (numbers; nz: our normalizer's tables, others: PyPI romanisers)\n")
        f.write("# systems: " + " ".join(f"{number[s]}={s}" for s in systems) + "\n")
        for native, lang, spelling, sy in rows:
            f.write("\t".join((native, lang, spelling, ",".join(number[x] for x in sy.split(",")))) + "\n")


def load_spellings():
    lines = (SRC / "spellings.tsv").read_text(encoding="utf-8").splitlines()
    names = dict(item.split("=", 1) for item in lines[1].removeprefix("# systems: ").split())
    table = collections.defaultdict(dict)
    for native, lang, spelling, systems in (l.split("\t") for l in lines[2:] if l):
        for n in systems.split(","):
            table[(native, lang)][names[n]] = spelling
    return table


# ------------------------------------------------------------------------------------------ systems
# Which romanisation a line uses, by the language of the text and of the name: weights. German text
# leans on German-style spellings (sch/tsch/w/j), English text on English-style ones (kh/ch/v/y), but
# both mix in official, scholarly and Russian-reading forms, as machine translation does. "ru:" takes
# the Russian form of a place (sources/places.tsv, native_russian) instead of its own-language form.
SYSTEMS = {
    ("de", "uk"): {"nz:uk-german": 28, "translitua:UkrainianGerman": 8, "nz:uk-russian-style-de": 6,
                   "nz:ru-reading+ru-german": 10, "nz:ru-reading-e+ru-german": 3, "nz:uk-national-2010": 14,
                   "translitua:UkrainianKMU": 4, "nz:uk-bgn-pcgn": 4, "nz:uk-scholarly": 3, "nz:uk-iso9": 2,
                   "nz:uk-polish": 3, "cyrtranslit:ua": 3, "unidecode": 3, "nz:ru-reading+ru-english-press": 5,
                   "iuliia:WIKIPEDIA": 2, "translitua:UkrainianWWS": 2,
                   "ru:nz:ru-german": 6, "ru:nz:ru-english-press": 2},
    ("en", "uk"): {"nz:uk-national-2010": 22, "translitua:UkrainianKMU": 6, "translitua:UkrainianBGN2019": 4,
                   "nz:uk-bgn-pcgn": 8, "translitua:UkrainianBGN": 3, "nz:uk-russian-style": 8,
                   "nz:ru-reading+ru-english-press": 10, "nz:ru-reading+ru-bgn-pcgn": 4, "nz:ru-reading+ru-icao": 3,
                   "nz:ru-reading-e+ru-english-press": 2, "nz:uk-scholarly": 3, "translitua:UkrainianALALC": 2,
                   "translitua:UkrainianBritish": 2, "unidecode": 5, "iuliia:BGN_PCGN": 2, "iuliia:ICAO_DOC_9303": 1,
                   "transliterate:uk": 4, "cyrtranslit:ua": 2, "nz:uk-german": 3, "nz:uk-french": 2,
                   "ru:nz:ru-english-press": 6, "ru:iuliia:WIKIPEDIA": 3},
    ("de", "ru"): {"nz:ru-german": 45, "nz:ru-english-press": 12, "iuliia:WIKIPEDIA": 6, "iuliia:BGN_PCGN": 4,
                   "nz:ru-scholarly": 4, "nz:ru-iso9": 2, "transliterate:ru": 5, "unidecode": 4,
                   "translitua:RussianGOST2006": 3, "translitua:RussianInternationalPassport1997": 3,
                   "iuliia:ALA_LC": 2, "nz:ru-french": 2, "iuliia:SCIENTIFIC": 2, "iuliia:MOSMETRO": 2},
    ("en", "ru"): {"nz:ru-english-press": 24, "iuliia:WIKIPEDIA": 12, "nz:ru-bgn-pcgn": 8, "iuliia:BGN_PCGN": 5,
                   "nz:ru-icao": 6, "iuliia:ICAO_DOC_9303": 3, "iuliia:MOSMETRO": 4, "iuliia:YANDEX_MAPS": 3,
                   "nz:ru-gost-2006": 4, "nz:ru-scholarly": 3, "iuliia:ALA_LC": 3, "transliterate:ru": 5,
                   "unidecode": 6, "nz:ru-german": 3, "nz:ru-french": 2,
                   "translitua:RussianInternationalPassport": 3, "iuliia:GOST_779": 2},
    ("de", "be"): {"nz:ru-german": 30, "nz:ru-english-press": 12, "cyrtranslit:by": 12, "unidecode": 10,
                   "nz:ru-bgn-pcgn": 6, "nz:ru-scholarly": 4, "iuliia:WIKIPEDIA": 4, "transliterate:ru": 3,
                   "ru:nz:ru-german": 15, "ru:nz:ru-english-press": 5},
    ("en", "be"): {"nz:ru-english-press": 22, "nz:ru-bgn-pcgn": 12, "cyrtranslit:by": 10, "unidecode": 12,
                   "nz:ru-icao": 6, "nz:ru-gost-2006": 4, "iuliia:BGN_PCGN": 4, "iuliia:WIKIPEDIA": 4,
                   "nz:ru-scholarly": 3, "transliterate:ru": 3, "ru:nz:ru-english-press": 12, "ru:iuliia:WIKIPEDIA": 5},
}


USED_SYSTEMS = {s.removeprefix("ru:") for table in SYSTEMS.values() for s in table}


def pick_system(rnd, text_lang, name_lang, available):
    weights = {s: w for s, w in SYSTEMS[(text_lang, name_lang)].items() if available(s)}
    systems = sorted(weights)
    return rnd.choices(systems, [weights[s] for s in systems])[0]


# ------------------------------------------------------------------------------------------ frames
# {F}: full name (first mention), {S}: surname alone, {Sgen}: German genitive of the surname.
PERSON_FRAMES = {
    "de": [
        ("Wie {F} am Dienstag mitteilte, bleibt die Brücke gesperrt. Später ergänzte {S}, die Reparatur dauere Wochen.",) * 2,
        ("Der Abgeordnete {F} kritisierte den Haushaltsentwurf scharf. {S} verlangte eine Abstimmung im Ausschuss.",
         "Die Abgeordnete {F} kritisierte den Haushaltsentwurf scharf. {S} verlangte eine Abstimmung im Ausschuss."),
        ("{F} äußerte sich nach einer Sitzung im Rathaus. Laut {S} sind die Vorräte für den Winter gesichert.",) * 2,
        ("{F}, Bürgermeister der Stadt, rief die Bewohner zur Ruhe auf. Nach Angaben von {S} wurde niemand verletzt.",
         "{F}, Bürgermeisterin der Stadt, rief die Bewohner zur Ruhe auf. Nach Angaben von {S} wurde niemand verletzt."),
        ("Die Staatsanwaltschaft ermittelt gegen {F}. Ein Anwalt von {S} wies die Vorwürfe zurück.",) * 2,
        ("Zum neuen Vorsitzenden wurde {F} gewählt. {S} dankte den Delegierten für das Vertrauen.",
         "Zur neuen Vorsitzenden wurde {F} gewählt. {S} dankte den Delegierten für das Vertrauen."),
        ("Der Historiker {F} stellte am Abend sein Buch vor. {Sgen} Thesen stießen auf großes Interesse.",
         "Die Historikerin {F} stellte am Abend ihr Buch vor. {Sgen} Thesen stießen auf großes Interesse."),
        ("Im Gespräch mit Journalisten nannte {F} die Lage angespannt. {S} kündigte weitere Gespräche an.",) * 2,
    ],
    "en": [
        ("{F} told reporters on Tuesday that the bridge would stay closed. {S} added that repairs could take weeks.",) * 2,
        ("MP {F} sharply criticised the draft budget. {S} demanded a committee vote.",) * 2,
        ("{F} spoke after a meeting at the town hall. According to {S}, supplies for the winter are secure.",) * 2,
        ("{F}, the town's mayor, urged residents to stay calm. {S} said no one had been injured.",) * 2,
        ("Prosecutors have opened a case against {F}. A lawyer for {S} denied the allegations.",) * 2,
        ("Delegates elected {F} as the new chair. {S} thanked them for their trust.",) * 2,
        ("The historian {F} presented a new book on Monday. {S}'s findings drew wide interest.",) * 2,
        ("In an interview, {F} described the situation as tense. {S} promised further talks.",) * 2,
    ],
}
PLACE_FRAMES = {
    "de": ["In {P} wurde am Morgen Luftalarm ausgelöst.", "Bei {P} schlug eine Rakete in ein Lagerhaus ein.",
           "Nahe {P} wurden zwei Brücken beschädigt.", "Die Verwaltung von {P} richtete Notunterkünfte ein.",
           "Aus {P} wurden am Wochenende Familien in Sicherheit gebracht.", "Die Straße nach {P} ist seit Tagen gesperrt.",
           "Die Behörden in {P} meldeten Stromausfälle.", "Rund um {P} wird weiter gekämpft."],
    "en": ["Air-raid sirens sounded in {P} on Tuesday morning.", "A missile hit a warehouse near {P}.",
           "Two bridges were damaged outside {P}.", "The administration of {P} opened emergency shelters.",
           "Families were evacuated from {P} over the weekend.", "The road to {P} has been closed for days.",
           "Officials in {P} reported power cuts.", "Fighting continued around {P}."],
}
RIVER_FRAMES = {
    "de": ["Am Fluss {P} wurden neue Stellungen ausgehoben.", "Über den Fluss {P} führt nur noch eine Brücke.",
           "Entlang des Flusses {P} wurden Minen geräumt.", "Am Ufer des Flusses {P} stieg das Wasser weiter."],
    "en": ["New positions were dug along the {P} river.", "Only one bridge still crosses the {P} River.",
           "Mines were cleared along the {P} river.", "The water of the {P} river kept rising."],
}
RAION_WORDS = {  # how the word for the district follows the romanised adjective
    ("de", "uk"): ["rajon", "Rajon", "raion", "Raion"], ("en", "uk"): ["raion", "district", "District", "rayon"],
    ("de", "ru"): ["Rajon", "rayon", "Bezirk"], ("en", "ru"): ["district", "District", "rayon"],
    ("de", "be"): ["Rajon", "rayon", "raion"], ("en", "be"): ["district", "raion", "rayon"],
}


def genitive_de(s):
    return s + "'" if s[-1] in "sßxzSXZ" or s.endswith(("sch", "tsch")) else s + "s"


def ascii_fold(s):
    import unicodedata
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c)).replace("ł", "l").replace("Ł", "L")


# ------------------------------------------------------------------------------------------ build
def build(text_lang, surnames, given, places, spellings):
    rnd = random.Random(f"{SEED}-{text_lang}")
    persons, places_out, cases = [], [], []

    def spell(native, lang, system, ru_native=""):
        if system.startswith("ru:"):
            return spellings[(ru_native, "ru")][system[3:]]
        return spellings[(native, lang)][system]

    # persons: every surname once, a given name of its country and gender
    order = sorted(surnames, key=lambda s: (s["country"], s["native"]))
    rng_people = random.Random(f"{SEED}-people")            # the same people in both languages
    people = []
    for s in order:
        pool_f = [g for g in given if g["country"] == s["country"] and g["gender"] == "f"]
        female = pool_f and rng_people.random() < 0.25
        g = rng_people.choice([x for x in given if x["country"] == s["country"] and x["gender"] == ("f" if female else "m")])
        people.append((s, g, female))
    rng_people.shuffle(people)
    for i, (s, g, female) in enumerate(people):
        sur_native = s["fem"] if female else s["native"]
        if s["lang"] in CYRILLIC_LANGS:
            ok = lambda sy: not sy.startswith("ru:") and sy in spellings[(sur_native, s["lang"])] and sy in spellings[(g["native"], g["lang"])]
            system = pick_system(rnd, text_lang, s["lang"], ok)
            first, last = spell(g["native"], g["lang"], system), spell(sur_native, s["lang"], system)
        else:
            system = "native"
            first, last = g["native"], sur_native
            if text_lang == "en" and s["country"] == "PL" and rnd.random() < 0.3:
                system, first, last = "native-ascii", ascii_fold(first), ascii_fold(last)
        frame = PERSON_FRAMES[text_lang][i % len(PERSON_FRAMES[text_lang])][1 if female else 0]
        line = frame.format(F=f"{first} {last}", S=last, Sgen=genitive_de(last))
        persons.append(line)
        cases.append((f"{text_lang}-persons.txt", str(len(persons)), s["country"], "person", f"{g['native']} {sur_native}",
                       s["source"], system, f"{first} {last}"))

    # places
    order = sorted(places, key=lambda p: (p["country"], p["kind"], p["native"]))
    rnd.shuffle(order)
    n_set = 0
    for p in order:
        if p["lang"] in CYRILLIC_LANGS:
            ok = lambda sy: (sy[3:] in spellings.get((p["ru"], "ru"), {})) if sy.startswith("ru:") else sy in spellings[(p["native"], p["lang"])]
            system = pick_system(rnd, text_lang, p["lang"], ok)
            name = spell(p["native"], p["lang"], system, p["ru"])
        else:
            system, name = "native", p["native"]
        if p["kind"] == "raion":
            word = rnd.choice(RAION_WORDS[(text_lang, p["lang"])])
            name = f"{name} {word}"
        if p["kind"] == "river":
            frame = rnd.choice(RIVER_FRAMES[text_lang])
        else:
            frame = PLACE_FRAMES[text_lang][n_set % len(PLACE_FRAMES[text_lang])]
            n_set += 1
        places_out.append(frame.format(P=name))
        cases.append((f"{text_lang}-places.txt", str(len(places_out)), p["country"], p["kind"],
                      p["native"] if not system.startswith("ru:") else p["ru"], p["source"], system, name))
    return persons, places_out, cases


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--romanise", action="store_true", help="recompute sources/spellings.tsv first")
    ap.add_argument("--fresh", action="store_true", help="with --romanise: romanise every name again")
    ap.add_argument("--normalizer", default=str(HERE.parent.parent / ".venv" / "bin" / "normalizer"))
    args = ap.parse_args()
    if args.romanise:
        romanise(args.normalizer, args.fresh)
    surnames, given, places = load()
    spellings = load_spellings()
    all_cases = []
    for lang in ("de", "en"):
        persons, places_out, cases = build(lang, surnames, given, places, spellings)
        for kind, lines in (("persons", persons), ("places", places_out)):
            assert len(set(lines)) == len(lines), f"duplicate lines in {lang}-{kind}"
            (HERE / f"{lang}-{kind}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        all_cases += cases
    with open(HERE / "cases.tsv", "w", encoding="utf-8") as f:
        f.write("# file\tline\tcountry\tkind\tnative\tsource\tsystem\tspelling in the line\n")
        for c in all_cases:
            f.write("\t".join(c) + "\n")
    print(f"wrote {len(all_cases)} lines", file=sys.stderr)


if __name__ == "__main__":
    main()
