"""normalizer: make the spelling of names in prose follow a house convention.

The library works without the CLI::

    from normalizer import Normalizer, load_conventions
    norm = Normalizer(load_conventions(["de"]))
    result = norm.fix("Andriy Yermak traf Steven Wittkoff.")
"""

from __future__ import annotations

from normalizer.conventions import Convention, Entry, load_conventions
from normalizer.engine import Normalizer, Result
from normalizer.errors import ConventionError, InputError, NormalizerError
from normalizer.findings import Finding

__version__ = "0.1.0"

__all__ = [
    "Convention",
    "ConventionError",
    "Entry",
    "Finding",
    "InputError",
    "Normalizer",
    "NormalizerError",
    "Result",
    "__version__",
    "load_conventions",
]
