"""Score `check --consistency` and `suggest` on the unlisted-names corpus (see README.md).

    python -m benchmarks.consistency.score [--split dev|held-out|held-out-2|held-out-3|held-out-4|held-out-5|held-out-6|held-out-7|all] [-v] [-- NORMALIZER...]

Runs the command (default: `.venv/bin/normalizer` of this checkout, else `normalizer` on the
PATH) on each passage and on each folder, and prints:
- consistency: precision of the reported groups (every spelling in a group belongs to one and
  the same entity of truth.tsv), recall of the inconsistent names (entities written two or more
  ways in a passage that a pure group reports with at least two of their spellings);
- suggest: the share of the corpus's unlisted entities that a pure proposal covers (recall), and
  the share of proposals that are one entity with the right native spelling (precision).
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).parent
LANGUAGES = ("de", "en")
SPLITS = (
    "dev",
    "held-out",
    "held-out-2",
    "held-out-3",
    "held-out-4",
    "held-out-5",
    "held-out-6",
    "held-out-7",
    "held-out-8",
)


@dataclass
class Truth:
    native: dict[str, str]  # entity → native spelling ('' for a name that is not transliterated)
    kind: dict[str, str]
    split: dict[str, str]
    spellings: dict[str, dict[str, set[str]]] = field(default_factory=dict)  # passage → spelling → entities


def load_truth() -> Truth:
    with (HERE / "entities.tsv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    truth = Truth(
        {r["entity"]: r["native"] for r in rows},
        {r["entity"]: r["kind"] for r in rows},
        {r["entity"]: r["split"] for r in rows},
    )
    with (HERE / "truth.tsv").open(encoding="utf-8") as handle:
        for r in csv.DictReader(handle, delimiter="\t"):
            for spelling in r["spellings"].split("|"):
                truth.spellings.setdefault(r["passage"], {}).setdefault(spelling.casefold(), set()).add(r["entity"])
    return truth


def entities_of(spellings: list[str], known: dict[str, set[str]]) -> set[str] | None:
    """The entities the spellings stand for; None when one is unknown or stands for several."""
    found: set[str] = set()
    for spelling in spellings:
        key = spelling.casefold()
        if key not in known and key.endswith("s") and key[:-1] in known:  # a German genitive
            key = key[:-1]
        if len(known.get(key, ())) != 1:
            return None
        found |= known[key]
    return found


def native_key(text: str | None) -> str:
    return (text or "").lower().replace("ё", "е").replace("’", "'").replace("ʼ", "'")


def run(command: list[str], *args: str) -> dict[str, object]:
    done = subprocess.run([*command, *args], capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1):
        sys.exit(f"{' '.join([*command, *args])} failed ({done.returncode}): {done.stderr.strip()}")
    result: dict[str, object] = json.loads(done.stdout)
    return result


def consistency(command: list[str], truth: Truth, splits: tuple[str, ...], verbose: bool) -> Counter[str]:
    tally: Counter[str] = Counter()
    for lang in LANGUAGES:
        for split in splits:
            for path in sorted((HERE / lang / split).glob("*.txt")):
                passage = f"{lang}/{split}/{path.stem}"
                known = truth.spellings[passage]
                report = run(
                    command, "check", "-q", "--isolated", "-c", lang, "--consistency", "--format", "json", str(path)
                )
                by_entity: dict[str, set[str]] = {}
                for spelling, entities in known.items():
                    for entity in entities:
                        by_entity.setdefault(entity, set()).add(spelling)
                inconsistent = {e for e, spelled in by_entity.items() if len(spelled) > 1}
                tally["inconsistent"] += len(inconsistent)
                covered: set[str] = set()
                for found in report.get("inconsistencies", []):  # type: ignore[union-attr]
                    spellings = [s["spelling"] for s in found["spellings"]]
                    entities = entities_of(spellings, known)
                    pure = entities is not None and len(entities) == 1
                    tally["groups"] += 1
                    tally["pure"] += pure
                    if pure and entities is not None:
                        entity = next(iter(entities))
                        covered.add(entity)
                        tally["complete"] += len(spellings) == len(by_entity[entity])
                        tally["native right"] += native_key(found["native"]) == native_key(truth.native[entity])
                        tally["house"] += str(found["reason"]).startswith("house spelling")
                    if verbose and not pure:
                        print(f"  impure group in {passage}: {', '.join(spellings)}")
                tally["found"] += len(covered & inconsistent)
                if verbose:
                    for entity in sorted(inconsistent - covered):
                        print(f"  missed in {passage}: {entity} ({', '.join(sorted(by_entity[entity]))})")
    return tally


def suggest(command: list[str], truth: Truth, splits: tuple[str, ...], verbose: bool) -> Counter[str]:
    tally: Counter[str] = Counter()
    for lang in LANGUAGES:
        for split in splits:
            known: dict[str, set[str]] = {}
            for passage, spellings in truth.spellings.items():
                if passage.startswith(f"{lang}/{split}/"):
                    for spelling, entities in spellings.items():
                        known.setdefault(spelling, set()).update(entities)
            entities = {e for es in known.values() for e in es}
            tally["entities"] += len(entities)
            report = run(
                command,
                "suggest",
                "-q",
                "--isolated",
                "-c",
                lang,
                "--min-count",
                "1",
                "--format",
                "json",
                str(HERE / lang / split),
            )
            covered: set[str] = set()
            for proposal in report["proposals"]:  # type: ignore[union-attr]
                spellings = [s["spelling"] for s in proposal["spellings"]]
                found = entities_of(spellings, known)
                tally["proposals"] += 1
                if found is None or len(found) != 1:
                    if verbose:
                        print(f"  not one entity ({lang}/{split}): {proposal['canonical']}: {', '.join(spellings)}")
                    continue
                entity = next(iter(found))
                covered.add(entity)
                name = " ".join(str(proposal["native"] or "").split()[-len(truth.native[entity].split()) or 1 :])
                right = native_key(name if proposal["native"] else None) == native_key(truth.native[entity])
                tally["right"] += right
                tally["kind right"] += proposal["kind"] == truth.kind[entity]
                if verbose and not right:
                    print(
                        f"  wrong native ({lang}/{split}): {proposal['canonical']}: {proposal['native']}, "
                        f"expected {truth.native[entity] or 'none'}"
                    )
            tally["covered"] += len(covered)
            if verbose:
                for entity in sorted(entities - covered):
                    print(f"  not proposed ({lang}/{split}): {entity}")
    return tally


def share(part: int, whole: int) -> str:
    return f"{part / whole:.3f} ({part}/{whole})" if whole else "n/a"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=[*SPLITS, "all"], default="all")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every impure group and miss")
    parser.add_argument("command", nargs="*", help="the normalizer command (after --)")
    args = parser.parse_args(argv)
    local = HERE.parent.parent / ".venv" / "bin" / "normalizer"
    command = args.command or [str(local) if local.exists() else "normalizer"]
    truth = load_truth()
    for split in SPLITS if args.split == "all" else (args.split,):
        c = consistency(command, truth, (split,), args.verbose)
        s = suggest(command, truth, (split,), args.verbose)
        print(
            f"{split}: consistency P={share(c['pure'], c['groups'])} R={share(c['found'], c['inconsistent'])} "
            f"(all spellings in one group: {c['complete']}/{c['pure']}; native right {c['native right']}/{c['pure']}; "
            f"house spelling suggested {c['house']}/{c['pure']})"
        )
        print(
            f"{split}: suggest R={share(s['covered'], s['entities'])} "
            f"P={share(s['right'], s['proposals'])} (one entity with the right native spelling; "
            f"kind right {s['kind right']}/{s['proposals']})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
