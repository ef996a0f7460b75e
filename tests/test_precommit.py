"""The pre-commit hooks, end to end with the real pre-commit: an editorial repository commits
articles with variant spellings; `normalizer-fix` fails the commit and fixes the files; the next
commit passes.

pre-commit installs this repository's hook into a fresh environment with pip. To run offline,
the test gives pip a wheelhouse (NORMALIZER_WHEELHOUSE, or .ci/wheelhouse as made by .ci/run:
`pip download -d .ci/wheelhouse . setuptools wheel`) and no index; without one it is skipped.
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
    pytest.mark.skipif(not WHEELHOUSE.is_dir(), reason=f"no wheelhouse at {WHEELHOUSE} for an offline install"),
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
    pytest.mark.skipif(not (ROOT / ".git").exists(), reason="not a git checkout"),
]

ARTICLE = "Andriy Yermak traf Steven Wittkoff in Kyiv.\n"
FIXED = "Andrij Jermak traf Steve Witkoff in Kiew.\n"


def git(repo: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, timeout=600, check=False)


def test_fix_hook_fails_fixes_then_passes(tmp_path: Path) -> None:
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True)
    bin_dir = Path(sys.executable).parent
    env = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
        "PIP_NO_INDEX": "1",
        "PIP_FIND_LINKS": str(WHEELHOUSE),
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
    (repo / ".normalizer.yaml").write_text("conventions: [de]\n", encoding="utf-8")
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

    git(repo, "add", ".", env=env)
    second = git(repo, "commit", "-q", "-m", "articles, names fixed", env=env)
    assert second.returncode == 0, second.stdout + second.stderr
    log = git(repo, "log", "--oneline", env=env)
    assert log.stdout.count("\n") == 1
