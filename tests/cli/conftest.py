"""Fixtures the CLI tests share."""

from __future__ import annotations

from pathlib import Path

import pytest

from normalizer.batch import Session


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
