"""Folder walks: suffixes, include/exclude, .gitignore, symlinks, stable order."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from normalizer.walk import Selection, collect


def tree(root: Path, *names: str) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x\n", encoding="utf-8")


def relative(root: Path, paths: tuple[Path, ...]) -> list[str]:
    return [p.relative_to(root).as_posix() for p in paths]


def test_default_suffixes_and_order(tmp_path: Path) -> None:
    tree(tmp_path, "b.md", "a.txt", "c.html", "d.htm", "e.markdown", "f.py", "g.json", "sub/h.md")
    got = relative(tmp_path, collect([tmp_path], Selection()).files)
    assert got == ["a.txt", "b.md", "c.html", "d.htm", "e.markdown", "sub/h.md"]


def test_default_excludes_tool_folders(tmp_path: Path) -> None:
    tree(tmp_path, "a.md", ".git/x.md", ".venv/y.md", "node_modules/z.md")
    assert relative(tmp_path, collect([tmp_path], Selection()).files) == ["a.md"]


def test_include_exclude_and_extend_exclude(tmp_path: Path) -> None:
    tree(tmp_path, "a.md", "b.txt", "archive/c.md", "drafts/d.md", ".git/e.md")
    only_md = Selection(include=("*.md",), extend_exclude=("archive",))
    assert relative(tmp_path, collect([tmp_path], only_md).files) == ["a.md", "drafts/d.md"]
    replaced = Selection(exclude=("drafts",))
    assert ".git/e.md" in relative(tmp_path, collect([tmp_path], replaced).files)


def test_gitignore_is_honoured(tmp_path: Path) -> None:
    tree(tmp_path, "a.md", "build/b.md", "notes/c.md", "notes/d.md")
    (tmp_path / ".gitignore").write_text("build/\n", encoding="utf-8")
    (tmp_path / "notes" / ".gitignore").write_text("d.md\n", encoding="utf-8")
    assert relative(tmp_path, collect([tmp_path], Selection()).files) == ["a.md", "notes/c.md"]
    assert len(collect([tmp_path], Selection(gitignore=False)).files) == 4


def test_files_given_by_name_are_always_taken(tmp_path: Path) -> None:
    tree(tmp_path, "script.py")
    assert collect([tmp_path / "script.py"], Selection()).files == (tmp_path / "script.py",)


def test_symlinked_folders_are_not_followed(tmp_path: Path) -> None:
    tree(tmp_path, "real/a.md")
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    collected = collect([tmp_path], Selection())
    assert relative(tmp_path, collected.files) == ["real/a.md"]
    assert any("symbolic link" in notice for notice in collected.notices)


def test_duplicates_are_taken_once(tmp_path: Path) -> None:
    tree(tmp_path, "a.md")
    assert len(collect([tmp_path, tmp_path / "a.md"], Selection()).files) == 1


def test_parse_size() -> None:
    from normalizer.files import parse_size

    assert [parse_size(v) for v in ("0", "1500", "1K", "64M", "64MiB", "2g", "512 kb")] == [
        0,
        1500,
        1024,
        64 * 1024**2,
        64 * 1024**2,
        2 * 1024**3,
        512 * 1024,
    ]
    assert parse_size(7) == 7
    for bad in ("", "lots", "-1", "1.5M", "1T"):
        with pytest.raises(ValueError, match="is not a size"):
            parse_size(bad)
    for wrong in (-1, True):
        with pytest.raises(ValueError):
            parse_size(wrong)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX only")
def test_only_regular_files_are_read(tmp_path: Path) -> None:
    from normalizer.errors import InputError, SkippedFileError
    from normalizer.files import read, read_bytes

    os.mkfifo(tmp_path / "pipe.md")  # no writer: opening it to read would block
    (tmp_path / "zero.md").symlink_to("/dev/zero")  # read, it never ends
    (tmp_path / "a.md").write_text("Kyiv\n", encoding="utf-8")
    (tmp_path / "link.md").symlink_to("a.md")
    with pytest.raises(SkippedFileError, match="not a regular file \\(a FIFO\\)"):
        read(tmp_path / "pipe.md")
    with pytest.raises(SkippedFileError, match="not a regular file \\(a character device\\)"):
        read(tmp_path / "zero.md")
    assert read(tmp_path / "link.md").content == "Kyiv\n"  # a link to a regular file is followed
    with pytest.raises(SkippedFileError, match="over the size limit of 4 bytes"):
        read_bytes(tmp_path / "a.md", max_size=4)
    assert read_bytes(tmp_path / "a.md", max_size=5) == b"Kyiv\n"
    with pytest.raises(InputError, match="is a directory"):
        read(tmp_path)
