"""Choose the prose language of a text when the user did not say it (py3langid, which
ships its model), restricted to the languages that have a shipped convention."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any


def detect(text: str, choices: Sequence[str], default: str) -> str:
    """The most likely language of `text` among `choices` (`default` for empty text)."""
    sample = text[:20000]
    if not sample.strip() or len(choices) == 1:
        return choices[0] if len(choices) == 1 else default
    lang, _ = _identifier(tuple(choices)).classify(sample)
    return str(lang)


@lru_cache(maxsize=4)
def _identifier(choices: tuple[str, ...]) -> Any:
    """py3langid's classifier for `choices`, loaded once per run: unpacking its model takes
    about 0.3 s, far longer than classifying an article."""
    import py3langid  # imported here: loading its model costs start-up time

    identifier = py3langid.langid.LanguageIdentifier.from_model_file(py3langid.langid.MODEL_FILE)
    identifier.set_languages(list(choices))
    return identifier
