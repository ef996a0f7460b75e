"""Fixtures the CLI tests share."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from normalizer.batch import Session

SHIPPED = Path(__file__).resolve().parents[2] / "conventions" / "de.yaml"


def _write_archive(folder: Path, articles: dict[str, str]) -> Path:
    """`articles` (relative path -> text) written into `folder`, and a copy of the shipped German
    convention beside it as `house.yaml` (a convention file of the test's own)."""
    for name, text in articles.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    shutil.copy(SHIPPED, folder.parent / "house.yaml")
    return folder


@pytest.fixture
def write_archive() -> Callable[[Path, dict[str, str]], Path]:
    """Writes a folder of articles with a convention of the test's own beside it (`_write_archive`)."""
    return _write_archive


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The file names of the texts a run normalizes in this process, in order (counted through
    `Session.normalize`, not timed): what a run kept from an earlier one is not among them."""
    seen: list[str] = []
    original = Session.normalize

    def counting(self: Session, text: object, label: str, *args: object, **kwargs: object) -> object:
        seen.append(Path(label).name)
        return original(self, text, label, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Session, "normalize", counting)
    return seen
