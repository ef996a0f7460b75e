"""Folder walks: suffixes, include/exclude, .gitignore, symlinks, stable order."""

from __future__ import annotations

from pathlib import Path

from normalizer.files import Selection, collect


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
