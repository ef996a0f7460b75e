"""The pre-commit hooks, end to end with the real pre-commit: an editorial repository commits
articles with variant spellings; `normalizer-fix` fails the commit and fixes the files; the next
commit passes.

pre-commit installs this repository's hook into a fresh environment with pip, from a wheelhouse
and no index: NORMALIZER_WHEELHOUSE, or .ci/wheelhouse (made by .ci/run, or by this test on its
first run with `pip download -d .ci/wheelhouse . setuptools wheel`, which needs the package index
once). Without a wheelhouse and without the index it is skipped, and the reason says how to run it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
WHEELHOUSE = Path(os.environ.get("NORMALIZER_WHEELHOUSE", ROOT / ".ci" / "wheelhouse"))

pytestmark = [
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
    pytest.mark.skipif(not (ROOT / ".git").exists(), reason="not a git checkout"),
]

ARTICLE = "Andriy Yermak traf Steven Wittkoff in Kyiv.\n"
FIXED = "Andrij Jermak traf Steve Witkoff in Kiew.\n"


@pytest.fixture(scope="module")
def wheelhouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheels of this package and its dependencies: made (or brought up to date, when a
    dependency was added since it was made) from the package index when needed."""
    if _complete(WHEELHOUSE, tmp_path_factory.mktemp("probe")):
        return WHEELHOUSE
    made = _pip("download", "-d", str(WHEELHOUSE), ".", "setuptools>=69", "wheel")
    if made.returncode != 0:
        last = (made.stderr.strip().splitlines() or ["?"])[-1]
        pytest.skip(
            f"the wheelhouse at {WHEELHOUSE} is missing or lacks a dependency, and pip could not make it ({last}); "
            "run `pip download -d .ci/wheelhouse . setuptools wheel` where the package index is reachable"
        )
    return WHEELHOUSE


def _complete(folder: Path, probe: Path) -> bool:
    """Whether every requirement of the package is in `folder` (pip resolves offline from it)."""
    if not folder.is_dir():
        return False
    found = _pip("download", "--no-index", "--find-links", str(folder), "--no-build-isolation", "-d", str(probe), ".")
    return found.returncode == 0


def _pip(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pip", *args, "--quiet"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


def git(repo: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, timeout=600, check=False)


def test_fix_hook_fails_fixes_then_passes(tmp_path: Path, wheelhouse: Path) -> None:
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True)
    bin_dir = Path(sys.executable).parent
    env = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
        "PIP_NO_INDEX": "1",
        "PIP_FIND_LINKS": str(wheelhouse),
        "GIT_AUTHOR_NAME": "desk",
        "GIT_AUTHOR_EMAIL": "desk@example.org",
        "GIT_COMMITTER_NAME": "desk",
        "GIT_COMMITTER_EMAIL": "desk@example.org",
    }
    repo = tmp_path / "desk"
    repo.mkdir()
    assert git(repo, "init", "-q", env=env).returncode == 0
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT}\n    rev: {head.stdout.strip()}\n    hooks:\n      - id: normalizer-fix\n",
        encoding="utf-8",
    )
    (repo / ".normalizer.yaml").write_text(
        "conventions: [house.yaml]\nextend-exclude: ['archive/**']\n", encoding="utf-8"
    )
    # files the hook must leave: its own convention, an excluded archive, data that is no prose
    untouched = {
        "house.yaml": "convention: house\nlanguage: de\nextends: de\nentries:\n"
        "  - {canonical: Kiew, kind: place, aliases: [Kyiv, Kiev, Kyjiw]}\n",
        "archive/alt.txt": ARTICLE,
        "data.json": '{"city": "Kyiv"}\n',
        "notes.csv": "city\nKyiv\n",
    }
    for name, text in untouched.items():
        (repo / name).parent.mkdir(exist_ok=True)
        (repo / name).write_text(text, encoding="utf-8")
    (repo / "artikel.md").write_text(f"# Treffen\n\n{ARTICLE}", encoding="utf-8")
    (repo / "sauber.txt").write_text(FIXED, encoding="utf-8")
    install = subprocess.run(
        [str(bin_dir / "pre-commit"), "install"], cwd=repo, env=env, capture_output=True, text=True, check=False
    )
    assert install.returncode == 0, install.stderr

    git(repo, "add", ".", env=env)
    first = git(repo, "commit", "-q", "-m", "articles", env=env)
    assert first.returncode != 0, first.stdout + first.stderr
    assert "files were modified by this hook" in first.stdout + first.stderr
    assert (repo / "artikel.md").read_text(encoding="utf-8") == f"# Treffen\n\n{FIXED}"
    assert (repo / "sauber.txt").read_text(encoding="utf-8") == FIXED
    for name, text in untouched.items():
        assert (repo / name).read_text(encoding="utf-8") == text, name

    git(repo, "add", ".", env=env)
    second = git(repo, "commit", "-q", "-m", "articles, names fixed", env=env)
    assert second.returncode == 0, second.stdout + second.stderr
    log = git(repo, "log", "--oneline", env=env)
    assert log.stdout.count("\n") == 1
