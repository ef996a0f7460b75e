"""`fix --interactive`: an editor decides on each change, file by file, at the terminal.

For each change the line is shown with the span marked, then the replacement, the entry, the
rule, the score and whether the fix is safe. Keys: y accept, n reject, i reject and remember the
spelling (the configuration's `ignore:`), a accept this and every later change to the same
entry, s leave the rest of this file as it is, q stop (files already decided stay written), ?
help. A file is written once its decisions are complete, atomically, as `fix` writes; nothing is
written for a file left with s or q.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from normalizer.atomic import write_atomic
from normalizer.batch import Session
from normalizer.errors import InputError, SkippedFileError, escape
from normalizer.files import display, read
from normalizer.findings import Finding
from normalizer.rewrite import apply, line_starts

KEYS = "y accept, n reject, i reject and remember, a accept all of this entry, s skip the file, q quit, ? help"
HELP = """\
  y  accept this change
  n  reject it (the spelling stays as it is)
  i  reject it and remember the spelling: added to 'ignore:' of the configuration at the end
  a  accept it, and every later change to the same entry without asking
  s  skip the rest of this file (the file stays as it is)
  q  quit (files already decided are written, this one is not)"""


@dataclass
class Review:
    """The state of a review across files."""

    accepted_entries: set[str] = field(default_factory=set)
    remembered: list[str] = field(default_factory=list)
    written: int = 0
    changes: int = 0
    quit: bool = False


def marked_line(text: str, finding: Finding, mark: Callable[[str], str]) -> str:
    """The line of `finding` with its span passed through `mark`."""
    starts = line_starts(text)
    begin = starts[finding.line - 1]
    end = starts[finding.line] if finding.line < len(starts) else len(text)
    line = text[begin:end].rstrip("\r\n")
    s, e = finding.start - begin, min(finding.end - begin, len(line))
    return escape(line[:s]) + mark(escape(line[s:e])) + escape(line[e:])


def review_files(
    paths: Sequence[Path],
    session: Session,
    ask: Callable[[str], str],
    say: Callable[[str], None],
    mark: Callable[[str], str],
) -> Review:
    """Ask about every change of every file; write each file with the accepted ones."""
    state = Review()
    for path in paths:
        if state.quit:
            break
        _review_file(path, session, state, ask, say, mark)
    return state


def _review_file(
    path: Path,
    session: Session,
    state: Review,
    ask: Callable[[str], str],
    say: Callable[[str], None],
    mark: Callable[[str], str],
) -> None:
    label = display(path)
    config = session.configs.for_path(path)
    try:
        source = read(path, config.encoding, config.max_file_size)
    except SkippedFileError as exc:
        say(f"{escape(label)}: skipped, {exc.message}")
        return
    except InputError as exc:
        say(f"error: {exc}")
        return
    done = session.normalize(source, label, config)
    if done.notice:
        say(done.notice)
        return
    changes = [f for f in done.findings if f.is_change]
    accepted: list[Finding] = []
    for number, finding in enumerate(changes, 1):
        if finding.entry in state.accepted_entries:
            accepted.append(finding)
            continue
        say("")
        say(f"{escape(label)}:{finding.line}:{finding.column} ({number} of {len(changes)})")
        say("  " + marked_line(source.content, finding, mark))
        kind = "safe" if finding.is_safe else "unsafe"
        say(
            f"  {finding.found} -> {finding.replacement}   "
            f"[entry {finding.entry}, rule {finding.rule}, score {finding.score:g}, {kind}]"
        )
        answer = _answer(ask, say)
        if answer in ("y", "a"):
            accepted.append(finding)
            if answer == "a":
                state.accepted_entries.add(finding.entry)
        elif answer == "i":
            if finding.found not in state.remembered:
                state.remembered.append(finding.found)
        elif answer == "s":
            say(f"{escape(label)}: left as it is")
            return
        elif answer == "q":
            state.quit = True
            say(f"{escape(label)}: left as it is")
            return
    if not accepted:
        return
    fixed = apply(source.content, accepted)
    try:
        write_atomic(path, source.encode(fixed), expected=source.digest)
    except InputError as exc:
        say(f"error: {exc}")
        return
    state.written += 1
    state.changes += len(accepted)
    say(f"{escape(label)}: {len(accepted)} of {len(changes)} change{'s' if len(changes) != 1 else ''} written")


def _answer(ask: Callable[[str], str], say: Callable[[str], None]) -> str:
    while True:
        key = ask("  [y,n,i,a,s,q,?] ").strip().lower()[:1]
        if key in ("y", "n", "i", "a", "s", "q"):
            return key
        say(HELP if key == "?" else f"  {KEYS}")


_IGNORE_FLOW = re.compile(r"^ignore[ \t]*:[ \t]*\[(?P<items>[^\]]*)\][ \t]*(?P<comment>#.*)?$", re.MULTILINE)
_IGNORE_BLOCK = re.compile(r"^ignore[ \t]*:[ \t]*(#.*)?\n(?P<items>(?:[ \t]*-[^\n]*\n)*)", re.MULTILINE)


def remember(config_file: Path, spellings: Iterable[str]) -> None:
    """Add `spellings` to `ignore:` of a YAML configuration file, keeping the rest of the file as
    it is (written atomically): a flow list is extended, a block list gets more items, a file
    without the key gets it at the end."""
    import yaml

    new = list(spellings)
    text = config_file.read_text(encoding="utf-8") if config_file.exists() else ""
    current = (yaml.safe_load(text) or {}).get("ignore", []) if text.strip() else []
    add = [s for s in new if s not in current]
    if not add:
        return
    quoted = [_yaml_string(s) for s in add]
    flow = _IGNORE_FLOW.search(text)
    block = _IGNORE_BLOCK.search(text)
    if flow:
        items = [i for i in (flow.group("items").strip(),) if i] + quoted
        comment = f"  {flow.group('comment')}" if flow.group("comment") else ""
        text = text[: flow.start()] + f"ignore: [{', '.join(items)}]{comment}" + text[flow.end() :]
    elif block and block.group("items"):
        end = block.end("items")
        indent = re.match(r"[ \t]*", block.group("items")).group(0)  # type: ignore[union-attr]
        text = text[:end] + "".join(f"{indent}- {q}\n" for q in quoted) + text[end:]
    else:
        if text and not text.endswith("\n"):
            text += "\n"
        text += f"ignore: [{', '.join(quoted)}]  # spellings accepted as they are (fix --interactive)\n"
    check = yaml.safe_load(text) or {}
    assert all(s in check.get("ignore", []) for s in add), "the configuration would not say what was asked"
    if config_file.exists():
        write_atomic(config_file, text.encode("utf-8"))
    else:
        with config_file.open("x", encoding="utf-8") as new_file:  # never over a file made meanwhile
            new_file.write(text)


def _yaml_string(value: str) -> str:
    import json

    return value if re.fullmatch(r"[^\W\d_][\w .'’-]*", value) and not value.endswith(" ") else json.dumps(value)
