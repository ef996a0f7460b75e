"""What the command line prints about a run beyond its findings, built from the settings and the
texts: the settings report of `--show-settings`, and the HTML review page (the texts read again
for their sentences, with the near misses of `explain`)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from normalizer import __version__
from normalizer.batch import Session
from normalizer.errors import NormalizerError
from normalizer.files import display, read, shown
from normalizer.findings import Finding
from normalizer.markup import markup_for
from normalizer.tuning import Tuning
from normalizer.walk import DEFAULT_SUFFIXES

if TYPE_CHECKING:
    from normalizer.consistency import Inconsistency


def settings_report(path: Path, session: Session, read_text: bool = True) -> str:
    """What governs `path`: the configuration file, the settings, and how its language and
    conventions are chosen (from its text when it can be read)."""
    config = session.configs.for_path(path)
    lines = [f"file: {shown(display(path))}", f"configuration: {shown(config.source) if config.source else '(none)'}"]
    lines.append(f"conventions: {', '.join(config.conventions) or '(by language)'}")
    lines.append(
        f"language: {config.language or '(not set)'}" + (f" (from {config.language_from})" if config.language else "")
    )
    if read_text and path.is_file():
        try:
            text = read(path, config.encoding, config.max_file_size)
        except NormalizerError as exc:
            lines.append(f"chosen: cannot tell, {exc}")
        else:
            names, why = session.conventions_for(text.content, markup_for(display(path)), config)
            chosen = ", ".join(names) if names else "none: the file is left unchanged"
            lines.append(f"chosen conventions: {chosen} ({why})")
    lines.append(f"markup: {markup_for(display(path))}")
    threshold = f"{Tuning().fuzzy_min:g} (default)" if config.threshold is None else f"{config.threshold:g}"
    lines.append(f"threshold: {threshold}")
    lines.append(f"fuzzy: {str(config.fuzzy).lower()}")
    lines.append(f"ignore: {', '.join(sorted(config.ignore)) or '(none)'}")
    lines.append(f"include: {', '.join(config.include) or '(default suffixes: ' + ', '.join(DEFAULT_SUFFIXES) + ')'}")
    lines.append(f"exclude: {', '.join(config.exclude) or '(defaults)'}")
    lines.append(f"extend-exclude: {', '.join(config.extend_exclude) or '(none)'}")
    lines.append(f"force-exclude: {str(config.force_exclude).lower()}")
    lines.append(f"encoding: {config.encoding}")
    lines.append(f"max-file-size: {config.max_file_size or 'no limit'}")
    lines.append(f"prose-keys: {', '.join(config.prose_keys)}")
    lines.append(f"consistency: {config.consistency or 'off'}")
    return "\n".join(lines)


def texts(session: Session, stdin: str | None) -> Callable[[str], str]:
    """The text of a file of the run (read again, once), or of stdin."""
    cache: dict[str, str] = {}

    def text_of(path: str) -> str:
        if stdin is not None:
            return stdin
        if path not in cache:
            config = session.configs.for_path(Path(path))
            cache[path] = read(Path(path), config.encoding, config.max_file_size).content
        return cache[path]

    return text_of


_CLOSEST = re.compile(r"closest: '[^']*' \(([0-9.]+)\)")
CLOSE = 70  # score from which a refused candidate is shown beside the findings of the HTML report


def review_page(
    findings: Sequence[Finding], session: Session, stdin: str | None, inconsistent: Sequence[Inconsistency] = ()
) -> str:
    """The HTML review page: each file with findings, read again for the sentences, the names
    left alone although an entry came close (explain's near misses), and the unlisted names
    written in several ways."""
    from normalizer.html_report import Article, Refused, render

    by_path: dict[str, list[Finding]] = {}
    for finding in findings:
        by_path.setdefault(finding.path, []).append(finding)
    articles = []
    text_of = texts(session, stdin)
    for path, found in by_path.items():
        config = session.configs.for_path(None if stdin is not None else Path(path))
        text = text_of(path)
        normalizer = session.for_text(text, config, markup_for(path))
        refused: list[Refused] = []
        if normalizer is not None:
            _, skips = normalizer.explain(text)
            refused = [
                Refused(text.count("\n", 0, skip.start) + 1, skip.found, skip.reason, skip.code)
                for skip in skips
                if (close := _CLOSEST.match(skip.reason)) and float(close.group(1)) >= CLOSE
            ]
        articles.append(Article(path, text, tuple(found), tuple(refused)))
    return render(articles, __version__, inconsistent=inconsistent)
