"""The prose language of a text: declared by the document (`<html lang>`, front matter `lang:` /
`language:`), else recognised (py3langid, which ships its model) among the languages that have a
shipped convention — but only when the recognition is confident.

Recognition reads the words that start with a small letter only. Names start with a capital,
and they are what a fix changes: so a fixed text is recognised as the same language as before,
and `fix` never undoes itself (Ermak in Kiev → Jermak in Kiew → Yermak in Kyiv, as German and
English were chosen by turns, is what it did when names counted).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

CONFIDENCE = 0.95  # the least probability of the recognised language
MIN_WORDS = 4  # small-letter words a text needs before it is recognised at all
SAMPLE = 20000  # characters read

_WORD = re.compile(r"(?<![\w'’])[^\W\d_][^\W\d_'’-]*")
_HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})(?:[-_][A-Za-z0-9-]*)?[\"']?", re.IGNORECASE)
_FRONT_MATTER_LANG = re.compile(
    r"^(?:lang|language)[ \t]*:[ \t]*[\"']?([A-Za-z]{2,3})(?:[-_][A-Za-z0-9-]*)?[\"']?[ \t]*$"
)


@dataclass(frozen=True, slots=True)
class Recognised:
    """The outcome of recognition: the language, or None when it is not confident."""

    language: str | None
    best: str  # the most likely language, confident or not ('' for a text with no words)
    confidence: float
    words: int  # small-letter words read

    def describe(self) -> str:
        """Why the language is unknown."""
        if self.words < MIN_WORDS:
            return f"too few words to tell ({self.words} in small letters)"
        return f"not recognised with confidence ({self.best} {self.confidence:.2f})"


def recognise(text: str, choices: Sequence[str]) -> Recognised:
    """The language of `text` among `choices`, from its small-letter words."""
    words = [w for w in _WORD.findall(text[:SAMPLE]) if not w[0].isupper()]
    if len(choices) == 1:
        return Recognised(choices[0], choices[0], 1.0, len(words))
    if len(words) < MIN_WORDS:
        return Recognised(None, "", 0.0, len(words))
    lang, probability = _identifier(tuple(choices)).classify(" ".join(words))
    confident = probability >= CONFIDENCE
    return Recognised(str(lang) if confident else None, str(lang), float(probability), len(words))


def declared(text: str, markup: str) -> str | None:
    """The language the document declares: `<html lang="de">` in HTML, `lang:` or `language:`
    in Markdown front matter (the primary subtag, lower case: de-AT → de)."""
    if markup == "html":
        found = _HTML_LANG.search(text[:SAMPLE])
        return found.group(1).lower() if found else None
    if markup == "markdown" and text.startswith("---"):
        lines = text[:SAMPLE].splitlines()
        for line in lines[1:]:
            if line.rstrip() in ("---", "..."):
                break
            match = _FRONT_MATTER_LANG.match(line)
            if match:
                return match.group(1).lower()
    return None


@lru_cache(maxsize=4)
def _identifier(choices: tuple[str, ...]) -> Any:
    """py3langid's classifier for `choices`, loaded once per run: unpacking its model takes
    about 0.3 s, far longer than classifying an article."""
    import py3langid  # imported here: loading its model costs start-up time

    identifier = py3langid.langid.LanguageIdentifier.from_model_file(py3langid.langid.MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(choices))
    return identifier
