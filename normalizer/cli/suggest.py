"""`normalizer suggest`, its options and its output: convention entries for the names an archive
mentions and the convention does not list (normalizer.suggest), as YAML to paste, JSON or TSV."""

from __future__ import annotations

import contextlib
import functools
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import click

from normalizer import remember
from normalizer.batch import FileResult, Session
from normalizer.cli.options import Flags, Run, engine_options, walk_options
from normalizer.cli.runs import collect_files, first_config, report_problem, results, run_on_files
from normalizer.config import Config
from normalizer.errors import NormalizerError
from normalizer.files import display, read
from normalizer.report import counted

if TYPE_CHECKING:  # imported when the command runs
    from normalizer.house import House
    from normalizer.remember import Store
    from normalizer.suggest import Proposal
    from normalizer.unlisted import Mention


F = TypeVar("F", bound=Callable[..., object])


def suggest_options(func: F) -> F:
    """The options of `suggest` besides the settings: --min-count, --limit, --format."""
    options = [
        click.option(
            "--min-count",
            type=click.IntRange(1),
            default=2,
            show_default=True,
            help="Fewest mentions of a proposed name.",
        ),
        click.option("--limit", type=click.IntRange(1), default=None, help="Propose at most this many names."),
        click.option(
            "--state",
            type=click.Path(path_type=Path, dir_okay=False),
            default=None,
            help="Keep the names found in each text in this file: a later run reads only the texts changed since.",
        ),
        click.option(
            "--format",
            "fmt",
            type=click.Choice(["yaml", "json", "tsv"]),
            default="yaml",
            show_default=True,
            help="yaml: entries to paste into a convention; json, tsv: for programs.",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def load_state(path: Path | None, session: Session) -> Store | None:
    """The state of `--state PATH` (None without the option)."""
    if path is None:
        return None
    if session.changed is not None:  # the names of changed lines only are no text's names
        raise click.UsageError("--state cannot be combined with --diff-base or --changed-lines")
    from normalizer.remember import Names, Store, code_version

    return Store(path, code_version(), Names())


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@suggest_options
@engine_options
@walk_options
def suggest(
    paths: tuple[Path, ...],
    min_count: int,
    limit: int | None,
    state: Path | None,
    fmt: str,
    flags: Flags,
    run: Run,
    debug: bool,
) -> None:
    """Propose convention entries for the names that the texts in PATH (files and folders)
    mention and the convention does not list, most mentioned first.

    Each proposal has the house spelling of the likeliest native spelling, the native
    spelling, its language and kind, the spellings seen (with counts) as aliases, and
    examples from the texts that `conventions lint` checks.
    """

    def body(session: Session) -> int:
        files, failed = collect_files(paths, session.configs, run.quiet)
        kept = load_state(state, session)

        def read(chosen: list[Path]) -> Iterator[FileResult]:
            return results(chosen, "unlisted", session, run.jobs, run.quiet)

        def unlisted() -> Iterator[FileResult]:
            nonlocal failed
            for result in read(files) if kept is None else remember.remembered(files, kept, session, read):
                failed += report_problem(result, run.quiet)
                yield result

        config = first_config(session, paths)
        output = propose(files, unlisted(), session, config, min_count=min_count, limit=limit, fmt=fmt)
        if kept is not None:
            kept.save(session.settings_files())
        click.echo(output, nl=False)
        return 2 if failed else 0

    run_on_files(paths, flags, run, debug, body)


def propose(
    files: Sequence[Path],
    results: Iterable[FileResult],
    session: Session,
    config: Config,
    *,
    min_count: int,
    limit: int | None,
    fmt: str,
) -> str:
    """The proposals for the unlisted names of `results` (of the mode 'unlisted') of `files`,
    rendered; house spellings and examples by the convention that `config` gives each prose
    language."""
    from normalizer.suggest import Miner, with_examples

    miner = Miner()
    for result in results:
        miner.add(result.unlisted, result.language)
    proposals = miner.proposals(lambda language: session.house(language, config), min_count)[:limit]
    lines = _Lines({display(path): path for path in files}, session)
    done: list[Proposal] = []
    for language in dict.fromkeys(p.language for p in proposals):
        mine = [p for p in proposals if p.language == language]
        done += with_examples(mine, session.convention(language, config), lines.of)
    done.sort(key=lambda p: (-p.count, p.canonical))
    houses = {language: session.house(language, config) for language in miner.languages}
    return render(done, fmt, miner.texts, houses)


class _Lines:
    """Reads the line of a mention (in the file's own encoding), keeping the last file read."""

    def __init__(self, labels: dict[str, Path], session: Session):
        self.labels = labels
        self.session = session
        self._path = ""
        self._lines: list[str] = []

    def of(self, m: Mention) -> str | None:
        if m.path != self._path:
            self._path, self._lines = m.path, []
            path = self.labels.get(m.path)
            if path is not None:
                config = self.session.configs.for_path(path)
                with contextlib.suppress(NormalizerError):  # changed or gone since: no example from it
                    self._lines = read(path, config.encoding, config.max_file_size).content.splitlines()
        return self._lines[m.line - 1] if 0 < m.line <= len(self._lines) else None


def render(proposals: list[Proposal], fmt: str, texts: int, houses: dict[str, House]) -> str:
    """The proposals as YAML entries (with comments: the evidence, the house systems), JSON or TSV."""
    if fmt == "json":
        return (
            json.dumps(
                {"version": 1, "texts": texts, "proposals": [_as_dict(p) for p in proposals]},
                ensure_ascii=False,
                indent=2,
            )
            + "\n"
        )
    if fmt == "tsv":
        rows = ["count\tlanguage\tcanonical\tnative\tsource_lang\tkind\tspellings"]
        rows += [
            f"{p.count}\t{p.language}\t{p.canonical}\t{p.native or ''}\t{p.source_lang or ''}\t{p.kind}\t"
            + ", ".join(f"{s} {n}" for s, n in p.spellings)
            for p in proposals
        ]
        return "\n".join(rows) + "\n"
    return _yaml(proposals, texts, houses)


def _as_dict(p: Proposal) -> dict[str, object]:
    return {
        "canonical": p.canonical,
        "native": p.native,
        "source_lang": p.source_lang,
        "kind": p.kind,
        "count": p.count,
        "language": p.language,
        "spellings": [{"spelling": s, "count": n} for s, n in p.spellings],
        "aliases": [s for s, _ in p.aliases],
        "examples": [{"in": i, "out": o} for i, o in p.examples],
    }


def _yaml(proposals: list[Proposal], texts: int, houses: dict[str, House]) -> str:
    """Entries in the convention format, each with a comment of its evidence; strings are
    written as JSON strings, which YAML reads as they are."""
    q = functools.partial(json.dumps, ensure_ascii=False)
    names, read = counted(len(proposals), "name"), counted(texts, "text")
    out = [f"# normalizer suggest: {names} from {read} that the convention does not list."]
    for lang, house in houses.items():
        systems = ", ".join(f"{source} {system}" for source, (system, _) in sorted(house.systems.items()))
        out.append(f"# House systems of the {lang} convention: {systems or 'none (the most frequent spellings)'}.")
    out.append("# Review each entry before adding it: the native spelling and the kind are guesses.")
    out.append("entries:")
    several = len(houses) > 1
    for p in proposals:
        seen = ", ".join(f"{s} {n}" for s, n in p.spellings)
        out.append(f"  # {p.count} mentions{f' in {p.language} texts' if several else ''}; seen: {seen}")
        out.append(f"  - canonical: {q(p.canonical)}")
        if p.native:
            out.append(f"    native: {q(p.native)}")
            out.append(f"    source_lang: {p.source_lang}")
        out.append(f"    kind: {p.kind}")
        if p.aliases:
            out.append(f"    aliases: [{', '.join(q(s) for s, _ in p.aliases)}]")
        if p.examples:
            out.append("    examples:")
            for text, expected in p.examples:
                out.append(f"      - in: {q(text)}")
                out.append(f"        out: {q(expected)}")
    return "\n".join(out) + "\n"
