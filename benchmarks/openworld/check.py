#!/usr/bin/env python3
"""Disjointness checks of the open-world benchmark (needs PyYAML, e.g. the project's venv):

    /work/main/.venv/bin/python check.py

For every case of cases.tsv it takes the name words (the surname; the place without the raion word and
without generic adjectives such as Nowa/Velyka), in the native Cyrillic form and in the spelling that
stands in the line, and tests them against
  1. the shared development probe (/work/shared/eval/openworld/*.txt, every capitalised or non-ASCII word):
     a. same word after folding (case, diacritics, apostrophes, Cyrillic homoglyphs),
     b. same medium skeleton (romanisation systems merged: Kowaltschuk = Kovalchuk = Ковальчук),
     c. same consonant key (consonants of the skeleton: Sokolovsky = Sakaloўskі);
  2. the shipped conventions (canonical, aliases, native of every entry of conventions/de.yaml, en.yaml):
     a. same folded word, b. same medium skeleton.
Exit status 1 if any test finds a hit.
"""
import collections, sys

sys.dont_write_bytecode = True
import owlib

GENERIC_KEYS = {owlib.skeleton(w) for w in owlib.GENERIC}


def name_words(text: str, kind: str) -> list[str]:
    ws = owlib.name_parts(text)
    if kind == "raion":
        ws = [w for w in ws if w.lower() not in owlib.RAION_WORDS]
    if len(ws) > 1:
        ws = [w for w in ws if owlib.skeleton(w) not in GENERIC_KEYS] or ws
    return ws


def main() -> int:
    cases = [l.split("\t") for l in (owlib.HERE / "cases.tsv").read_text(encoding="utf-8").splitlines()
             if l and not l.startswith("#")]
    shared = owlib.shared_probe_words()
    sh_fold = {owlib.fold(w) for w in shared}
    sh_skel = {owlib.skeleton(w) for w in shared}
    sh_cons = {owlib.consonants(w) for w in shared} - {""}
    conv_words = {p for n in owlib.convention_names() for w in owlib.words(n) for p in w.split("-")}
    cv_fold = {owlib.fold(w) for w in conv_words if len(owlib.fold(w)) >= 3}
    cv_skel = {owlib.skeleton(w) for w in conv_words if len(owlib.fold(w)) >= 3}

    hits = collections.defaultdict(set)
    checked = set()
    for file, line, country, kind, native, source, system, spelled in cases:
        if kind == "person":     # the surname: last word(s) of the full name; given names are not checked
            native, spelled = native.split(" ", 1)[1], spelled.split(" ", 1)[1]
        for form in (native, spelled):
            for w in name_words(form, kind):
                checked.add(w)
                if owlib.fold(w) in sh_fold:
                    hits["1a shared probe, same folded word"].add(w)
                if owlib.skeleton(w) in sh_skel:
                    hits["1b shared probe, same skeleton"].add(w)
                if owlib.consonants(w) in sh_cons:
                    hits["1c shared probe, same consonant key"].add(w)
                if owlib.fold(w) in cv_fold:
                    hits["2a conventions, same folded word"].add(w)
                if owlib.skeleton(w) in cv_skel:
                    hits["2b conventions, same skeleton"].add(w)
    print(f"checked {len(cases)} cases, {len(checked)} distinct name words (native and spelled forms) against "
          f"{len(shared)} words of the shared probe and {len(conv_words)} words of the conventions")
    for test in ("1a shared probe, same folded word", "1b shared probe, same skeleton",
                 "1c shared probe, same consonant key", "2a conventions, same folded word",
                 "2b conventions, same skeleton"):
        found = sorted(hits.get(test, ()))
        print(f"  {test}: {len(found)} hits" + (": " + ", ".join(found[:30]) if found else ""))
    return 1 if hits else 0


if __name__ == "__main__":
    sys.exit(main())
