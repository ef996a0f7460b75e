"""A normalizer shipped to the workers of a Dask cluster (examples/dask; the `dask` extra).

Skipped when dask.bag or dask.distributed is not installed (`pip install -e '.[dask]'`).
"""

from __future__ import annotations

import importlib.util
import pickle
from pathlib import Path
from types import ModuleType

import pytest

from normalizer import Normalizer
from normalizer.batch import Session, process
from normalizer.cache import load_normalizer
from normalizer.config import Config
from normalizer.files import read
from normalizer.report import run_summary, text_line
from normalizer.store import StoredIndex

pytest.importorskip("dask.bag")
pytest.importorskip("distributed")

EXAMPLE = Path(__file__).parent.parent / "examples" / "dask" / "normalize_folder.py"
ARTICLES = {
    "a.txt": "Andriy Yermak traf Steven Wittkoff in Kyiv.\n",
    "b.md": "# Besuch in Kyiv\n\nDer Berater Yermak sprach mit `Kyiv` im Code.\n",
    "c.txt": "Danach gab es Kaffee.\n",
    "d/e.txt": "Selenskyjs Sprecher und Ermak reisten nach Kiev.\n",
}


def example() -> ModuleType:
    spec = importlib.util.spec_from_file_location("normalize_folder", EXAMPLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "articles"
    for name, text in ARTICLES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_a_cached_normalizer_pickles_with_its_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NORMALIZER_CACHE_DIR", str(tmp_path / "cache"))
    normalizer = load_normalizer(("de",), (None, True, ()), Normalizer)
    assert isinstance(normalizer.index, StoredIndex)
    data = pickle.dumps(normalizer)
    for compiled in (tmp_path / "cache").glob("*.sqlite"):
        compiled.unlink()  # a worker elsewhere has no cache
    copy = pickle.loads(data)
    assert copy.fix(ARTICLES["a.txt"]) == normalizer.fix(ARTICLES["a.txt"])


def test_the_cluster_finds_and_fixes_what_the_cli_does(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    module = example()
    local = Session(Config(conventions=("de",)))
    paths = sorted(p for p in folder.rglob("*") if p.is_file())
    expected = {str(p): process(p, "check", local).findings for p in paths}
    assert sum(map(len, expected.values())) >= 6

    assert module.main(["-c", "de", "--workers", "2", str(folder)]) == 0
    *lines, summary = capsys.readouterr().out.splitlines()
    assert sorted(lines) == sorted(text_line(f) for findings in expected.values() for f in findings)
    every = [f for findings in expected.values() for f in findings]
    assert summary == run_summary(len(paths), sum(1 for f in expected.values() if f), 0, every, "with findings")

    expected_text = {p: local.normalize(read(p), str(p)).text for p in paths}
    assert module.main(["-c", "de", "--workers", "2", "--fix", str(folder)]) == 0
    for path in paths:
        assert path.read_text(encoding="utf-8") == expected_text[path]
    assert (folder / "c.txt").read_text(encoding="utf-8") == ARTICLES["c.txt"]
    assert "`Kyiv`" in (folder / "b.md").read_text(encoding="utf-8")  # code is left alone
