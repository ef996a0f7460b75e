"""normalizer: make the spelling of names in prose follow a house convention.

The library works without the CLI::

    from normalizer import Normalizer, load_conventions
    norm = Normalizer(load_conventions(["de"]))
    result = norm.fix("Andriy Yermak traf Steven Wittkoff.")

The names below are imported on first use, so that importing the package costs nothing: the
`normalizer` command handles Ctrl-C before anything heavy is loaded (normalizer.entry).
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (type checkers know the name)
if TYPE_CHECKING:
    from normalizer.conventions import Convention, Entry, load_conventions
    from normalizer.engine import Normalizer, Result
    from normalizer.errors import ConventionError, InputError, NormalizerError
    from normalizer.findings import Finding

__version__ = "0.1.0"

_MODULE_OF = {
    "Convention": "normalizer.conventions",
    "Entry": "normalizer.conventions",
    "load_conventions": "normalizer.conventions",
    "Normalizer": "normalizer.engine",
    "Result": "normalizer.engine",
    "ConventionError": "normalizer.errors",
    "InputError": "normalizer.errors",
    "NormalizerError": "normalizer.errors",
    "Finding": "normalizer.findings",
}

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


def __getattr__(name: str) -> object:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_MODULE_OF})
