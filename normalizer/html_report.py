"""`check --format html`: one self-contained page for an editor to review a run.

Per article, each finding in its sentence (before struck through, after underlined), with entry,
rule, score and class, and beside them the names refused although close; a summary per entry and
per rule; filters by class, rule and entry (a few lines of inline script; without script every
finding is shown). No network and no external asset: styles and script are inline. Semantic
markup (sections, headings, tables with captions and header cells), colours of at least 4.5:1
contrast, and a print style that drops the filters.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from normalizer.codes import SEVERAL_SPELLINGS
from normalizer.findings import Finding

if TYPE_CHECKING:  # given with the consistency setting
    from normalizer.consistency import Inconsistency

_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'»«“”’)\]]*\s+|\n\s*\n|\n")
CONTEXT = 160  # characters of sentence shown at most on each side of a finding


@dataclass(frozen=True, slots=True)
class Refused:
    """A name left alone although an entry came close (from `explain`)."""

    line: int
    found: str
    reason: str
    code: str


@dataclass(frozen=True, slots=True)
class Article:
    """One file of the run: its text and what was found in it."""

    path: str
    text: str
    findings: tuple[Finding, ...]
    refused: tuple[Refused, ...] = ()


def sentence_around(text: str, start: int, end: int) -> tuple[str, str]:
    """The sentence text before `start` and after `end` (at most CONTEXT characters each)."""
    begin = 0
    for match in _SENTENCE_END.finditer(text, max(0, start - CONTEXT), start):
        begin = match.end()
    begin = max(begin, start - CONTEXT)
    stop = _SENTENCE_END.search(text, end, end + CONTEXT)
    finish = stop.start() if stop else min(len(text), end + CONTEXT)
    return text[begin:start].lstrip(), text[end:finish].rstrip()


def render(
    articles: Sequence[Article],
    version: str,
    title: str = "normalizer: names to review",
    inconsistent: Sequence[Inconsistency] = (),
) -> str:
    """The whole page (with the unlisted names written in several ways, when there are any)."""
    findings = [f for a in articles for f in a.findings]
    by_entry = Counter(f.entry for f in findings)
    by_rule: Counter[str] = Counter(str(f.rule) for f in findings)
    classes = Counter(_class(f) for f in findings)
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        "script-src 'unsafe-inline'\">",
        f"<title>{_e(title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{_e(title)}</h1>",
        f"<p>{len(articles)} file{_s(len(articles))} with findings; {len(findings)} finding{_s(len(findings))}: "
        f"{classes['safe']} safe, {classes['unsafe']} unsafe, {classes['ambiguous']} ambiguous. "
        f"<code>fix</code> applies the safe ones; <code>fix --unsafe-fixes</code> all but the ambiguous.</p>",
        "</header>",
        "<main>",
        _filters(by_entry, by_rule),
        '<section aria-labelledby="summary-title" class="summary">',
        '<h2 id="summary-title">Summary</h2>',
        _count_table("Findings per entry", "Entry", by_entry),
        _count_table("Findings per rule", "Rule", by_rule),
        "</section>",
    ]
    if inconsistent:
        out.append(_unlisted(inconsistent))
    for number, article in enumerate(articles):
        out.append(_article(article, number))
    out += [
        "</main>",
        f"<footer><p>Made by normalizer {_e(version)}. Nothing on this page was fetched from the network.</p></footer>",
        f"<script>{_SCRIPT}</script>",
        "</body>",
        "</html>",
    ]
    return "\n".join(out) + "\n"


def _class(f: Finding) -> str:
    return "ambiguous" if f.replacement is None else f.applicability


def _article(article: Article, number: int) -> str:
    rows = []
    for f in article.findings:
        before, after = sentence_around(article.text, f.start, f.end)
        kind = _class(f)
        if f.replacement is None:
            change = f'<mark class="ambiguous">{_e(f.found)}</mark>'
            verdict = "ambiguous: left as is"
        else:
            change = f"<del>{_e(f.found)}</del> <ins>{_e(f.replacement)}</ins>"
            verdict = kind
        where = f"{f.path}:{f.line}"
        rows.append(
            f'<tr data-class="{kind}" data-rule="{_e(f.rule)}" data-entry="{_e(f.entry)}">'
            f'<th scope="row"><a href="{_e(_href(f.path))}">{_e(where)}</a></th>'
            f'<td class="sentence">{_e(before)}{change}{_e(after)}</td>'
            f"<td>{_e(f.entry)}</td><td>{_e(f.code)} {_e(f.rule)}</td><td>{f.score:g}</td>"
            f'<td><span class="badge {kind}">{_e(verdict)}</span></td></tr>'
        )
    refused = ""
    if article.refused:
        items = "".join(
            f"<li><strong>{_e(r.found)}</strong> (line {r.line}): {_e(r.code)} {_e(r.reason)}</li>"
            for r in article.refused
        )
        refused = (
            f"<details><summary>Left alone although close ({len(article.refused)})</summary><ul>{items}</ul></details>"
        )
    return (
        f'<section class="article" aria-labelledby="article-{number}">'
        f'<h2 id="article-{number}">{_e(article.path)}</h2>'
        f"<table><caption>{len(article.findings)} finding{_s(len(article.findings))} in {_e(article.path)}</caption>"
        '<thead><tr><th scope="col">Where</th><th scope="col">In its sentence</th><th scope="col">Entry</th>'
        '<th scope="col">Rule</th><th scope="col">Score</th><th scope="col">Class</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>{refused}</section>"
    )


def _unlisted(inconsistent: Sequence[Inconsistency]) -> str:
    """The names the convention does not list that are written in several ways: each spelling
    with its count and lines, and the suggestion with its reason."""
    rows = []
    for found in inconsistent:
        spellings = "".join(
            f"<li><strong>{_e(s.text)}</strong> ×{s.count}: "
            + ", ".join(f'<a href="{_e(_href(m.path))}">{_e(f"{m.path}:{m.line}")}</a>' for m in s.mentions)
            + "</li>"
            for s in found.spellings
        )
        suggestion = f"<ins>{_e(found.suggestion)}</ins>" if found.suggestion else "none"
        rows.append(
            f'<tr><th scope="row">{suggestion}</th><td><ul>{spellings}</ul></td><td>{_e(found.reason)}</td></tr>'
        )
    n = len(inconsistent)
    return (
        '<section aria-labelledby="unlisted-title" class="unlisted">'
        '<h2 id="unlisted-title">Unlisted names written in several ways '
        f"<code>{SEVERAL_SPELLINGS.code}</code></h2>"
        f"<table><caption>{n} name{_s(n)} the convention does not list, each written in several ways; "
        "<code>fix --consistency-fix</code> writes those found within one article the suggested way</caption>"
        '<thead><tr><th scope="col">Suggestion</th><th scope="col">Spellings, counts and lines</th>'
        f'<th scope="col">Why</th></tr></thead><tbody>{"".join(rows)}</tbody></table></section>'
    )


def _filters(by_entry: Counter[str], by_rule: Counter[str]) -> str:
    def options(values: Counter[str]) -> str:
        return "".join(f'<option value="{_e(v)}">{_e(v)} ({n})</option>' for v, n in sorted(values.items()))

    return (
        '<form class="filters" aria-label="Filters" hidden>'
        "<fieldset><legend>Class</legend>"
        + "".join(
            f'<label><input type="checkbox" name="class" value="{c}" checked> {c}</label>'
            for c in ("safe", "unsafe", "ambiguous")
        )
        + "</fieldset>"
        f'<label>Rule <select name="rule"><option value="">all</option>{options(by_rule)}</select></label>'
        f'<label>Entry <select name="entry"><option value="">all</option>{options(by_entry)}</select></label>'
        '<p class="shown" aria-live="polite"></p>'
        "</form>"
    )


def _count_table(caption: str, head: str, counts: Counter[str]) -> str:
    rows = "".join(
        f'<tr><th scope="row">{_e(k)}</th><td>{n}</td></tr>'
        for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    )
    return (
        f'<table class="counts"><caption>{_e(caption)}</caption>'
        f'<thead><tr><th scope="col">{_e(head)}</th><th scope="col">Findings</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )


def _href(path: str) -> str:
    return "".join(c if c.isalnum() or c in "/._-~" else f"%{ord(c):02X}" for c in path) if path != "<stdin>" else "#"


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _s(n: int) -> str:
    return "" if n == 1 else "s"


_CSS = """
:root { color-scheme: light; --ink: #1a1a1a; --muted: #4a4a4a; --line: #c8c8c8; --del: #8a1010; --ins: #0b5d1e;
  --safe: #0b5d1e; --unsafe: #7a4a00; --ambiguous: #5a2d82; }
body { font: 16px/1.5 system-ui, sans-serif; color: var(--ink); background: #fff; margin: 0 auto; max-width: 72rem;
  padding: 1rem 1.5rem; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.2rem; margin-top: 2rem; word-break: break-all; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; color: var(--muted); }
th, td { border-bottom: 1px solid var(--line); padding: .35rem .5rem; text-align: left; vertical-align: top; }
th[scope=row] { font-weight: normal; white-space: nowrap; }
.summary { display: grid; grid-template-columns: 1fr 1fr; gap: 1.5rem; align-items: start; }
.summary h2 { grid-column: 1 / -1; }
.counts td { text-align: right; width: 6rem; }
del { color: var(--del); text-decoration: line-through; } ins { color: var(--ins); text-decoration: underline;
  font-weight: 600; }
mark.ambiguous { background: #efe6f7; color: var(--ambiguous); }
.badge { border: 1px solid currentColor; border-radius: .25rem; padding: 0 .3rem; font-size: .85rem;
  white-space: nowrap; }
.badge.safe { color: var(--safe); } .badge.unsafe { color: var(--unsafe); }
.badge.ambiguous { color: var(--ambiguous); }
.filters { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; padding: .5rem 0;
  border-bottom: 2px solid var(--line); }
fieldset { border: 1px solid var(--line); } a { color: #0b4a8a; }
a:focus, input:focus, select:focus, summary:focus { outline: 3px solid #0b4a8a; outline-offset: 2px; }
footer { color: var(--muted); font-size: .9rem; margin-top: 2rem; }
@media print { .filters { display: none; } body { max-width: none; } tr { break-inside: avoid; }
  details { display: block; } a { color: inherit; text-decoration: none; } }
"""

_SCRIPT = """
(function () {
  var form = document.querySelector('form.filters');
  var rows = Array.prototype.slice.call(document.querySelectorAll('tr[data-class]'));
  function update() {
    var classes = Array.prototype.slice.call(form.querySelectorAll('input[name=class]:checked'))
      .map(function (box) { return box.value; });
    var rule = form.elements.rule.value, entry = form.elements.entry.value, shown = 0;
    rows.forEach(function (row) {
      var keep = classes.indexOf(row.dataset.class) >= 0 && (!rule || row.dataset.rule === rule) &&
        (!entry || row.dataset.entry === entry);
      row.hidden = !keep; if (keep) { shown += 1; }
    });
    document.querySelectorAll('section.article').forEach(function (section) {
      section.hidden = !section.querySelector('tr[data-class]:not([hidden])');
    });
    form.querySelector('.shown').textContent = shown + ' of ' + rows.length + ' findings shown';
  }
  form.hidden = false;
  form.addEventListener('change', update);
  update();
  document.body.dataset.ready = 'yes';
})();
"""
