"""The command line of the consistency mode: the options of `check --consistency` and `fix
--consistency-fix`, and the output of what they find (text lines, a key of the JSON report)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

import click

from normalizer import codes
from normalizer.batch import Session, touched
from normalizer.config import Config
from normalizer.errors import escape
from normalizer.report import counted

if TYPE_CHECKING:  # imported when the mode is on
    from normalizer.consistency import Inconsistency
    from normalizer.unlisted import Mention

F = TypeVar("F", bound=Callable[..., object])


def consistency_option(func: F) -> F:
    """`--consistency` (within each article) and `--consistency-folder` (across all the files)."""
    for flag, scope, where in (
        ("--consistency-folder", "folder", "across all the files"),
        ("--consistency", "article", "within each article"),
    ):
        func = click.option(
            flag,
            "consistency",
            flag_value=scope,
            default=None,
            help=f"Also report unlisted names spelled in several ways {where}.",
        )(func)
    return func


def consistency_fix_option(func: F) -> F:
    option = click.option(
        "--consistency-fix",
        is_flag=True,
        default=None,
        help="Also write an unlisted name spelled in several ways in the suggested spelling, within each article.",
    )
    return option(func)


class Consistency:
    """Collects what the texts of a `check` run say about their unlisted names and reports the
    ones written in several ways: per text (the setting `consistency: article`, found with the
    text), or across the texts whose setting is `consistency: folder`, in the house spelling of
    the run's convention (`config`: the settings of the first path)."""

    def __init__(self, session: Session, config: Config):
        self.session = session
        self.config = config
        self.found: list[Inconsistency] = []
        self.across: list[Inconsistency] = []  # of them, found across the folder (no fix writes these)
        self._pooled: dict[str, list[Mention]] = {}  # prose language → mentions, for the folder

    @property
    def on(self) -> bool:
        """Whether the run reports unlisted names (the first path's setting, or found some)."""
        return bool(self.config.consistency or self.found)

    def add(
        self, unlisted: tuple[Mention, ...], inconsistent: tuple[Inconsistency, ...], language: str
    ) -> tuple[Inconsistency, ...]:
        """Take one text's: pool its mentions for the folder, return what it has alone."""
        if unlisted:
            self._pooled.setdefault(language, []).extend(unlisted)
        self.found.extend(inconsistent)
        return inconsistent

    def finish(self) -> list[Inconsistency]:
        """What is found across the texts pooled for the folder."""
        if not self._pooled:
            return []
        from normalizer.consistency import inconsistencies

        found = [
            f
            for lang, ms in self._pooled.items()
            for f in inconsistencies(ms, self.session.house(lang, self.config))
            if touched(self.session.changed, f)
        ]
        self.found.extend(found)
        self.across = found
        return found

    def fixable(self, found: Inconsistency) -> bool:
        """Whether `fix --consistency-fix` writes `found` the suggested way (found in one article)."""
        return bool(found.suggestion) and found not in self.across

    def sarif(self, log: str, text_of: Callable[[str], str]) -> str:
        from normalizer.consistency_report import with_sarif

        return with_sarif(log, self.found, self.fixable, text_of)

    def rdjson(self, report: str, text_of: Callable[[str], str]) -> str:
        from normalizer.consistency_report import with_rdjson

        return with_rdjson(report, self.found, self.fixable, text_of)

    def github(self) -> list[str]:
        from normalizer.consistency_report import github_annotations

        return github_annotations(self.found)

    def json(self, report: str) -> str:
        """The JSON report with the inconsistencies found, when the setting is on."""
        if not self.on:
            return report
        payload = json.loads(report)
        payload["inconsistencies"] = [as_dict(f) for f in self.found]
        payload["summary"]["inconsistencies"] = len(self.found)
        return json.dumps(payload, ensure_ascii=False, indent=2)


def text_line(found: Inconsistency) -> str:
    """'path:line:col: unlisted name written 3 ways: A ×2 (1:5, 4:1), B ×1 (2:9) -> A [consistency, why]'."""
    first = found.mentions[0]
    paths = {m.path for m in found.mentions}
    spelled = ", ".join(
        f"{s.text} ×{s.count} ({', '.join(_where(m, len(paths) > 1) for m in s.mentions)})" for s in found.spellings
    )
    suggestion = f" -> {found.suggestion}" if found.suggestion else ""
    return (
        f"{escape(first.path)}:{first.line}:{first.column}: unlisted name written {len(found.spellings)} ways: "
        f"{spelled}{suggestion} [consistency, {found.reason}]"
    )


def summary(found: list[Inconsistency]) -> str:
    return f"{counted(len(found), 'unlisted name')} written in several ways"


def _where(m: Mention, with_path: bool) -> str:
    return f"{escape(m.path)}:{m.line}:{m.column}" if with_path else f"{m.line}:{m.column}"


def as_dict(found: Inconsistency) -> dict[str, object]:
    return {
        "code": codes.SEVERAL_SPELLINGS.code,
        "suggestion": found.suggestion or None,
        "reason": found.reason,
        "native": found.native or None,
        "source_lang": found.source_lang or None,
        "kind": found.kind or None,
        "spellings": [
            {
                "spelling": s.text,
                "count": s.count,
                "mentions": [{"path": m.path, "line": m.line, "column": m.column} for m in s.mentions],
            }
            for s in found.spellings
        ],
    }
