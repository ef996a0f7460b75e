"""Every command shown in examples/README.md, run in a copy of the example repository, prints
what the README shows (stdout and stderr together)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
BLOCK = re.compile(r"```console\n(.*?)```", re.DOTALL)


def documented() -> list[tuple[str, str]]:
    """(command, expected output) in the order of the README."""
    pairs: list[tuple[str, str]] = []
    for block in BLOCK.findall((EXAMPLES / "README.md").read_text(encoding="utf-8")):
        for chunk in re.split(r"^\$ ", block, flags=re.MULTILINE)[1:]:
            command, _, output = chunk.partition("\n")
            pairs.append((command, output))
    return pairs


def test_the_readme_documents_the_three_uses() -> None:
    commands = [command for command, _ in documented()]
    assert any("| normalizer fix" in c for c in commands)  # a pipe
    assert any(c.startswith("normalizer fix .") for c in commands)  # a folder
    assert (EXAMPLES / ".pre-commit-config.yaml").is_file()


def test_documented_commands_print_what_the_readme_shows(tmp_path: Path) -> None:
    repo = tmp_path / "examples"
    shutil.copytree(EXAMPLES, repo)
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    for command, expected in documented():
        proc = subprocess.run(
            ["bash", "-c", f"{command} 2>&1"],
            cwd=repo,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert proc.stdout == expected, f"$ {command}"
