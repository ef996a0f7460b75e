"""Leaked-ending stemming: a span, then the span without an ending of the prose ('Jermaks'),
then without a case ending of the source language that machine translation carried over
('Kuleby' for Kuleba, 'Poroschenkom', 'Slutskogo'), each with the data entry that allowed it.
The endings come from `data/inflection.yaml`; which name ends they replace and how much of the
name must stay, from the source language's section of `data/endings.yaml`.
"""

from __future__ import annotations

from typing import NamedTuple

from normalizer.codes import data_key
from normalizer.lexicon import Endings, Inflection


class Stem(NamedTuple):  # a tuple: a run makes hundreds of thousands of them
    text: str
    kept: str
    dropped: str
    restored_a: bool = False  # the dropped ending replaced a final -a ('Kuleby' → 'Kuleba')
    key: str = ""  # the data entry of the dropped ending ('inflection.leaked.after_a=y')
    # the source languages (data/endings.yaml) whose names the stem may match; None: all of them
    sources: frozenset[str] | None = None


class Stemmer:
    """The stems of spans, by the endings of `normalizer/data/inflection.yaml` and the ending
    structure of the source languages `sources` (None: every one)."""

    def __init__(self, inflection: Inflection, endings: Endings, sources: frozenset[str] | None = None):
        self.inflection = inflection
        self.endings = endings
        self.sources = sources
        self.leaked = (  # every ending that `stems` may take off as a leaked case ending
            *inflection.leaked_after_a,
            *inflection.leaked_after_other,
            *inflection.leaked_after_o,
            *inflection.full_feminine,
            *inflection.leaked_adjectival,
        )

    def stems(self, span: str, leaked: bool = True) -> list[Stem]:
        """The span itself, then without a kept ending, then (with `leaked`) without leaked case
        endings."""
        out = [Stem(span, "", "")]
        for ending in self.inflection.kept:
            if len(span) > len(ending) + 3 and span[-len(ending) :].lower() == ending:
                out.append(Stem(span[: -len(ending)], span[-len(ending) :], ""))
        # a leaked case ending is taken off the word as written, never after a kept ending:
        # 'Chersones' is another place, not 'Cherson' + e + s
        for base in out[:1] if leaked else ():
            lower = base.text.lower()
            inflection, ends = self.inflection, self.endings
            out.extend(self.replaced(base, inflection.leaked_after_a, ends.after_a, "after_a", restored_a=True))
            for ending in inflection.leaked_after_other:
                if lower.endswith(ending) and len(lower) - len(ending) >= ends.stem_appended:
                    stem = base.text[: -len(ending)]
                    if self.may_leak(stem.lower(), ending):
                        key = data_key("inflection.leaked.after_other", ending)
                        out.append(Stem(stem, base.kept, base.text[-len(ending) :], False, key, self.sources))
            out.extend(self.replaced(base, inflection.leaked_after_o, ends.after_o, "after_o"))
            out.extend(self.replaced(base, inflection.full_feminine, ends.full_feminine, "full_feminine"))
            adjectival, name_ends = inflection.leaked_adjectival, inflection.adjectival_name_ends
            out.extend(self.replaced(base, adjectival, name_ends, "adjectival", rest=ends.stem_adjectival))
        return out

    def replaced(
        self,
        base: Stem,
        endings: tuple[str, ...],
        ends: tuple[str, ...],
        group: str,
        restored_a: bool = False,
        rest: int = 0,
    ) -> list[Stem]:
        """`base` with a leaked ending (of the `group` of leaked endings) replaced by each of the
        name `ends` it may stand for; at least `rest` letters (the source language's
        `stem_replaced` if 0) stay before it."""
        lower = base.text.lower()
        rest = rest or self.endings.stem_replaced
        out = []
        for ending in endings:
            if lower.endswith(ending) and len(lower) - len(ending) >= rest:
                head, dropped = base.text[: -len(ending)], base.text[-len(ending) :]
                key = data_key("inflection.leaked." + group, ending)
                for end in ends:
                    text = head + (end.upper() if base.text.isupper() else end)
                    out.append(Stem(text, base.kept, dropped, restored_a, key, self.sources))
        return out

    def may_leak(self, name: str, ending: str) -> bool:
        """Whether `ending` may be a leaked case ending after `name` (which ends otherwise than -a)."""
        return ending in self.inflection.leaked_after_other and not self.not_after(name, ending)

    def not_after(self, name: str, ending: str) -> str:
        """The key of the end of `name` after which `ending` is no leaked ending ('' if none)."""
        end = next((e for e in self.inflection.leaked_not_after.get(ending, ()) if name.endswith(e)), "")
        return data_key("inflection.leaked.not_after." + ending, end) if end else ""
