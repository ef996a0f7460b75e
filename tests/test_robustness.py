"""Bad files and faults for `normalizer fix` on files and folders (issue 7).

The promise: a file either gets exactly the intended edits or stays byte for byte as it was,
whatever the input and whatever happens during the run; a file that cannot be processed gets a
one-line message naming it, the other files are still processed and the exit code says that
something failed. Everything runs with the shipped convention `-c de`.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import io
import os
import resource
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import normalizer.atomic
import normalizer.batch
import normalizer.errors
import normalizer.files
import normalizer.walk
from normalizer.cli import main

VARIANTS = "Andrey Ermak traf Steven Wittkoff in Kyiv."
FIXED = "Andrij Jermak traf Steve Witkoff in Kiew."
PLAIN = "Danach gab es Kaffee."
TMP_SUFFIX = ".normalizer-tmp"


@pytest.fixture(autouse=True)
def _slow_only_when_asked(request: pytest.FixtureRequest) -> None:
    """`pytest` alone (the CI command) skips the slow tests; `-m slow` or NORMALIZER_SLOW_TESTS=1 runs them."""
    asked = "slow" in (request.config.option.markexpr or "") or os.environ.get("NORMALIZER_SLOW_TESTS")
    if request.node.get_closest_marker("slow") and not asked:
        pytest.skip("slow: run with -m slow")


def fix(*args: object) -> Result:
    """`normalizer fix -c de --jobs 1 ARGS` in this process (monkeypatches apply)."""
    return CliRunner().invoke(main, ["fix", "-c", "de", "--jobs", "1", *map(str, args)])


def run(*args: object, timeout: float = 120, **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    """`python -m normalizer ARGS` as a real process."""
    command = [sys.executable, "-m", "normalizer", *map(str, args)]
    return subprocess.run(command, capture_output=True, timeout=timeout, check=False, **kwargs)


def temp_files(root: Path) -> list[str]:
    """Temporary files of atomic writes left anywhere under `root` (`.NAME.XXXX.normalizer-tmp`)."""
    return [os.path.join(folder, n) for folder, _, names in os.walk(root) for n in names if n.endswith(TMP_SUFFIX)]


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("normalizer: error:")]


def fixed(text: str) -> str:
    """The intended edits: the variant sentence, and a lone Kyiv."""
    return text.replace(VARIANTS, FIXED).replace("Kyiv", "Kiew")


# --- byte-exact round trips ---------------------------------------------------------------------

V, P = VARIANTS, PLAIN
ROUND_TRIPS = {
    "bom-lf": f"\ufeff{V}\n{P}\n",
    "bom-only": "\ufeff",
    "bom-crlf-no-final-newline": f"\ufeff{V}\r\n{P}\r\n{V}",
    "crlf": f"{V}\r\n{P}\r\n\r\n{V}\r\n",
    "lone-cr": f"{V}\r{P}\r{V}\r",
    "mixed-line-endings": f"{P}\n{V}\r\n{P}\r{V}\n\r{V}\r\n\n{P}",
    "no-final-newline": f"{P}\n{V}",
    "only-a-name": "Kyiv",
    "empty": "",
    "only-whitespace": " \t\n\r\n  \u00a0\u2003\r\n\t",
    "nul-after-8-kib": f"{P}\n" * 400 + f"\x00{V}\n",  # not binary: the NUL comes after the sniffed 8 KiB
    "trailing-spaces-and-tabs": f"  {V}  \t\n\t{P} \n",
}


@pytest.mark.parametrize("suffix", [".txt", ".md"])
@pytest.mark.parametrize("name", list(ROUND_TRIPS))
def test_round_trip_byte_for_byte(tmp_path: Path, name: str, suffix: str) -> None:
    source = ROUND_TRIPS[name]
    path = tmp_path / f"article{suffix}"
    path.write_bytes(source.encode("utf-8"))
    before = path.stat()
    result = fix(path)
    assert result.exit_code == 0, result.output
    assert path.read_bytes() == fixed(source).encode("utf-8")
    if fixed(source) == source:  # nothing to change: the file is not even rewritten
        after = path.stat()
        assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert temp_files(tmp_path) == []


@pytest.mark.parametrize("name", list(ROUND_TRIPS))
def test_round_trip_through_stdin(name: str) -> None:
    source = ROUND_TRIPS[name]
    result = CliRunner().invoke(main, ["fix", "-c", "de"], input=source.encode("utf-8"))
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == fixed(source).encode("utf-8")


def test_round_trip_in_a_real_process_and_line_numbers_of_lone_cr() -> None:
    source = ROUND_TRIPS["mixed-line-endings"].encode("utf-8")
    done = run("fix", "-c", "de", input=b"\xef\xbb\xbf" + source)
    assert done.returncode == 0, done.stderr
    assert done.stdout == b"\xef\xbb\xbf" + fixed(source.decode()).encode("utf-8")
    checked = run("check", "-c", "de", input=f"{P}\r{P}\r\n\rKyiv".encode())
    assert checked.returncode == 1
    assert checked.stdout.decode().startswith("<stdin>:4:1: Kyiv -> Kiew")


# --- binary and undecodable files ----------------------------------------------------------------


def test_binary_files_are_skipped_with_a_notice_and_untouched(tmp_path: Path) -> None:
    binaries = {
        "photo.md": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR Kyiv",
        "nul-in-text.txt": f"{V}\n\x00\n{V}\n".encode(),
        "utf16.txt": f"\ufeff{V}\n".encode("utf-16-le"),
        "sqlite.html": b"SQLite format 3\x00" + bytes(range(256)) * 4,
    }
    for name, data in binaries.items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "article.txt").write_text(f"{V}\n", encoding="utf-8")
    result = fix(tmp_path)
    assert result.exit_code == 0, result.output
    for name, data in binaries.items():
        assert (tmp_path / name).read_bytes() == data
        assert f"{tmp_path / name}: skipped, looks like a binary file" in result.stderr
    assert (tmp_path / "article.txt").read_text(encoding="utf-8") == f"{FIXED}\n"
    given = fix(tmp_path / "photo.md")  # named on the command line: skipped all the same
    assert given.exit_code == 0
    assert "skipped" in given.stderr


def test_undecodable_file_is_an_error_naming_file_and_line_and_the_others_go_on(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(f"{V}\n", encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes(f"{P}\n{V} Grüße\n".encode("latin-1"))
    (tmp_path / "z.txt").write_text(f"{V}\n", encoding="utf-8")
    result = fix(tmp_path)
    assert result.exit_code == 2
    assert error_lines(result.stderr) == [
        f"normalizer: error: {tmp_path / 'latin1.txt'}:2: not valid UTF-8 (byte 0xfc at offset 67)"
    ]
    assert (tmp_path / "latin1.txt").read_bytes() == f"{P}\n{V} Grüße\n".encode("latin-1")
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == (tmp_path / "z.txt").read_text(encoding="utf-8")
    assert (tmp_path / "z.txt").read_text(encoding="utf-8") == f"{FIXED}\n"


# --- a 200 MB file ---------------------------------------------------------------------------

PEAK_RSS_LIMIT = 1536 * 1024 * 1024
MEASURE = """\
import resource, subprocess, sys
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode
print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


_NEWS = f"{P} Die Regierung beriet am Abend über den Haushalt und die Lage im Land.\n"
BLOCKS = {
    # a variant sentence every 21 lines: 324,000 changes in 200 MB
    "news": (f"{V} {P} Der Präsident sprach über die Lage.\n" + _NEWS * 20) * 100,
    # a variant sentence on every other line: 6 million changes
    "dense": f"{V} {P} Der Präsident sprach über die Lage.\n{P}\n" * 2000,
}


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["news", "dense"])
def test_a_200_mb_file_is_fixed_with_bounded_memory(tmp_path: Path, kind: str) -> None:
    """The words are found and decided on as they come, and the fix is encoded and written a
    piece at a time: what grows with the file is the text itself and the findings (about 200
    bytes each, 6 million of them in the dense file)."""
    block = BLOCKS[kind].encode("utf-8")
    path = tmp_path / "huge.txt"
    repeats = 200 * 1024 * 1024 // len(block) + 1
    source, expected = hashlib.sha256(), hashlib.sha256()
    fixed_block = fixed(block.decode()).encode("utf-8")
    with path.open("wb") as handle:
        for _ in range(repeats):
            handle.write(block)
            source.update(block)
            expected.update(fixed_block)

    def cap_address_space() -> None:  # a failure must not take the whole machine down with it
        resource.setrlimit(resource.RLIMIT_AS, (4 * PEAK_RSS_LIMIT, 4 * PEAK_RSS_LIMIT))

    command = [
        sys.executable,
        "-m",
        "normalizer",
        "fix",
        "-q",
        "-c",
        "de",
        "--jobs",
        "1",
        "--max-file-size",
        "0",
        str(path),
    ]
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, *command],
        capture_output=True,
        text=True,
        timeout=3600,
        preexec_fn=cap_address_space,
        check=False,
    )
    code, peak_kib = map(int, done.stdout.split())
    print(f"200 MB file: exit {code}, peak RSS {peak_kib / 1024:.0f} MB (address space capped at 6 GB)")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    assert digest in (source.hexdigest(), expected.hexdigest()), "the file is neither its old nor its new text"
    assert code == 0, done.stderr
    assert digest == expected.hexdigest()
    assert peak_kib * 1024 < PEAK_RSS_LIMIT


# --- read-only files and unreadable folders -------------------------------------------------------


def test_read_only_file_is_fixed_and_stays_read_only(tmp_path: Path) -> None:
    """write_atomic writes a temporary file and renames it over the original, keeping the permission
    bits: a read-only file in a writable folder is rewritten (like `sed -i`), and stays 0o444."""
    (tmp_path / "a.txt").write_text(f"{V}\n", encoding="utf-8")
    locked = tmp_path / "locked.txt"
    locked.write_text(f"{V}\n", encoding="utf-8")
    locked.chmod(0o444)
    (tmp_path / "z.txt").write_text(f"{V}\n", encoding="utf-8")
    result = fix(tmp_path)
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(locked.stat().st_mode) == 0o444
    for name in ("a.txt", "locked.txt", "z.txt"):
        assert (tmp_path / name).read_text(encoding="utf-8") == f"{FIXED}\n"
    assert temp_files(tmp_path) == []


NOBODY = 65534
AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def deny_as_for_others(monkeypatch: pytest.MonkeyPatch, folder: Path, mode: int) -> None:
    """chmod `folder`; as root, whom permissions do not stop, also make the calls fail as they would
    for anyone else (listing the folder for mode 0, creating a file in it for a read-only folder)."""
    folder.chmod(mode)
    if not AS_ROOT:
        return
    denied = OSError(errno.EACCES, os.strerror(errno.EACCES), str(folder))
    if mode & stat.S_IRUSR == 0:
        real_scandir = os.scandir

        def scandir(path: str = ".") -> Iterator[os.DirEntry[str]]:
            if os.path.abspath(path) == str(folder):
                raise PermissionError(denied.errno, denied.strerror, os.fspath(path))
            return real_scandir(path)  # type: ignore[return-value]

        monkeypatch.setattr(os, "scandir", scandir)
    if mode & stat.S_IWUSR == 0:
        real_open = os.open

        def open_(path: str | Path, flags: int, mode: int = 0o777, **kwargs: object) -> int:
            if flags & os.O_CREAT and os.path.dirname(os.path.abspath(path)) == str(folder):
                raise PermissionError(denied.errno, denied.strerror, os.fspath(path))
            return real_open(path, flags, mode, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(os, "open", open_)


@pytest.fixture
def locked_tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """a.txt, locked/b.txt (the folder chmod 0), z.txt: all with variants."""
    (tmp_path / "a.txt").write_text(f"{V}\n", encoding="utf-8")
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "b.txt").write_text(f"{V}\n", encoding="utf-8")
    (tmp_path / "z.txt").write_text(f"{V}\n", encoding="utf-8")
    deny_as_for_others(monkeypatch, tmp_path / "locked", 0)
    yield tmp_path
    (tmp_path / "locked").chmod(0o755)


def test_unreadable_folder_gives_a_message_and_the_others_are_processed(locked_tree: Path) -> None:
    result = fix(locked_tree)
    assert f"normalizer: error: {locked_tree / 'locked'}: cannot read folder: Permission denied" in result.stderr
    assert "Traceback" not in result.output
    assert (locked_tree / "a.txt").read_text(encoding="utf-8") == f"{FIXED}\n"
    assert (locked_tree / "z.txt").read_text(encoding="utf-8") == f"{FIXED}\n"
    (locked_tree / "locked").chmod(0o755)
    assert (locked_tree / "locked" / "b.txt").read_text(encoding="utf-8") == f"{V}\n"


def test_unreadable_folder_makes_the_exit_code_say_so(locked_tree: Path) -> None:
    result = fix(locked_tree)
    assert result.exit_code == 2, result.output


def test_file_in_a_read_only_folder_is_an_error_and_the_others_go_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.txt").write_text(f"{V}\n", encoding="utf-8")
    sealed = tmp_path / "sealed"
    sealed.mkdir()
    (sealed / "b.txt").write_text(f"{V}\n", encoding="utf-8")
    (tmp_path / "z.txt").write_text(f"{V}\n", encoding="utf-8")
    deny_as_for_others(monkeypatch, sealed, 0o555)
    try:
        result = fix(tmp_path)
    finally:
        sealed.chmod(0o755)
    assert result.exit_code == 2, result.output
    assert error_lines(result.stderr) == [
        f"normalizer: error: {sealed / 'b.txt'}: cannot write in {sealed}: Permission denied"
    ]
    assert (sealed / "b.txt").read_text(encoding="utf-8") == f"{V}\n"
    assert (tmp_path / "z.txt").read_text(encoding="utf-8") == f"{FIXED}\n"
    assert temp_files(tmp_path) == []


# --- odd file names ----------------------------------------------------------------------------

ODD_NAMES = [
    "with space.md",
    "  leading and trailing  .txt",
    "new\nline.md",
    "tab\there.txt",
    "Київ ärger 你好 🙂.md",
    "-a.md",
    "--help.txt",
    "quote'\"`$(x).md",
    "back\\slash.txt",
]


def test_odd_file_names_in_a_folder(tmp_path: Path) -> None:
    for name in ODD_NAMES:
        (tmp_path / name).write_text(f"{V}\n", encoding="utf-8")
    (tmp_path / os.fsdecode(b"latin1-caf\xe9.md")).write_text(f"{V}\n", encoding="utf-8")  # not valid UTF-8
    result = fix(tmp_path)
    assert result.exit_code == 0, result.output
    for path in tmp_path.iterdir():
        assert path.read_text(encoding="utf-8") == f"{FIXED}\n", path
    assert f"{len(ODD_NAMES) + 1} files scanned, {len(ODD_NAMES) + 1} changed" in result.stderr


def test_odd_file_names_given_on_the_command_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ODD_NAMES:
        (tmp_path / name).write_text(f"{V}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["fix", "-c", "de", "--jobs", "1", "--", *ODD_NAMES])
    assert result.exit_code == 0, result.output
    for name in ODD_NAMES:
        assert (tmp_path / name).read_text(encoding="utf-8") == f"{FIXED}\n", name
    done = run("fix", "-c", "de", "--", "-a.md", cwd=tmp_path)  # a real process: '-a.md' is a file, not an option
    assert done.returncode == 0, done.stderr


def test_check_prints_a_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    (tmp_path / os.fsdecode(b"caf\xe9.md")).write_text(f"{V}\n", encoding="utf-8")
    done = run("check", "-c", "de", "--jobs", "1", tmp_path, env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    assert b"Traceback" not in done.stderr
    assert done.returncode == 1, done.stderr
    assert b"Kyiv -> Kiew" in done.stdout


# --- symbolic links ---------------------------------------------------------------------------


def test_symlink_to_a_file_in_the_folder_rewrites_the_target_and_keeps_the_link(tmp_path: Path) -> None:
    (tmp_path / "real.md").write_text(f"{V}\n", encoding="utf-8")
    (tmp_path / "alias.md").symlink_to("real.md")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "deep.txt").write_text(f"{V}\n", encoding="utf-8")
    (tmp_path / "down.txt").symlink_to("sub/deep.txt")  # a target below the link's folder
    result = fix(tmp_path / "alias.md", tmp_path / "down.txt")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "alias.md").is_symlink()
    assert os.readlink(tmp_path / "alias.md") == "real.md"
    assert (tmp_path / "down.txt").is_symlink()
    assert (tmp_path / "real.md").read_text(encoding="utf-8") == f"{FIXED}\n"
    assert (tmp_path / "sub" / "deep.txt").read_text(encoding="utf-8") == f"{FIXED}\n"
    walked = tmp_path / "walked"
    walked.mkdir()
    (walked / "real.md").write_text(f"{V}\n", encoding="utf-8")
    (walked / "alias.md").symlink_to("real.md")
    assert fix(walked).exit_code == 0
    assert (walked / "alias.md").is_symlink()
    assert (walked / "real.md").read_text(encoding="utf-8") == f"{FIXED}\n"
    assert temp_files(tmp_path) == []


def test_symlink_out_of_the_tree_is_refused_and_the_outside_file_stays(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "secret.md"
    secret.write_text(f"{V}\n", encoding="utf-8")
    (outside / "folder").mkdir()
    (outside / "folder" / "inner.md").write_text(f"{V}\n", encoding="utf-8")
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "a.md").write_text(f"{V}\n", encoding="utf-8")
    (tree / "absolute.md").symlink_to(secret)
    (tree / "relative.md").symlink_to("../outside/secret.md")
    (tree / "folder-link").symlink_to(outside / "folder", target_is_directory=True)
    (tree / "z.md").write_text(f"{V}\n", encoding="utf-8")
    result = fix(tree)
    assert result.exit_code == 2
    errors = error_lines(result.stderr)
    assert len(errors) == 2
    assert all("outside its folder: not rewritten" in line for line in errors)
    assert f"{tree / 'folder-link'}: symbolic link to a folder, not followed" in result.stderr
    assert secret.read_text(encoding="utf-8") == f"{V}\n"
    assert (outside / "folder" / "inner.md").read_text(encoding="utf-8") == f"{V}\n"
    assert (tree / "absolute.md").is_symlink()
    assert (tree / "relative.md").is_symlink()
    assert (tree / "a.md").read_text(encoding="utf-8") == (tree / "z.md").read_text(encoding="utf-8") == f"{FIXED}\n"
    named = fix(tree / "absolute.md")  # given by name: refused all the same
    assert named.exit_code == 2
    assert secret.read_text(encoding="utf-8") == f"{V}\n"
    assert temp_files(tmp_path) == []


def test_symlink_loops_do_not_hang(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(f"{V}\n", encoding="utf-8")
    (tmp_path / "self.md").symlink_to("self.md")
    (tmp_path / "ping.md").symlink_to("pong.md")
    (tmp_path / "pong.md").symlink_to("ping.md")
    (tmp_path / "dangling.md").symlink_to("nowhere.md")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "up").symlink_to("..", target_is_directory=True)
    (tmp_path / "sub" / "b.txt").write_text(f"{V}\n", encoding="utf-8")
    done = run("fix", "-c", "de", "--jobs", "1", tmp_path, timeout=60)
    stderr = done.stderr.decode()
    assert done.returncode == 2, stderr
    errors = error_lines(stderr)
    assert len(errors) == 4, stderr
    for name in ("self.md", "ping.md", "pong.md"):
        assert f"normalizer: error: {tmp_path / name}: cannot read: Too many levels of symbolic links" in errors
    assert f"normalizer: error: {tmp_path / 'dangling.md'}: no such file" in errors
    assert "symbolic link to a folder, not followed" in stderr
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == f"{FIXED}\n"
    assert (tmp_path / "sub" / "b.txt").read_text(encoding="utf-8") == f"{FIXED}\n"
    assert not (tmp_path / "nowhere.md").exists()


# --- modes and owners ---------------------------------------------------------------------------


@pytest.mark.parametrize("mode", [0o640, 0o755, 0o600, 0o664, 0o444, 0o2775])
def test_permission_bits_are_kept(tmp_path: Path, mode: int) -> None:
    path = tmp_path / "a.md"
    path.write_text(f"{V}\n", encoding="utf-8")
    path.chmod(mode)
    result = fix(path)
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(path.stat().st_mode) == mode
    assert path.read_text(encoding="utf-8") == f"{FIXED}\n"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to give a file away")
def test_owner_and_group_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(f"{V}\n", encoding="utf-8")
    os.chown(path, NOBODY, NOBODY)
    assert fix(path).exit_code == 0
    assert path.read_text(encoding="utf-8") == f"{FIXED}\n"
    assert (path.stat().st_uid, path.stat().st_gid) == (NOBODY, NOBODY)


# --- files that vanish or change during the run -------------------------------------------------------


def three_files(root: Path) -> tuple[Path, Path, Path]:
    paths = (root / "a.txt", root / "b.txt", root / "c.txt")
    for path in paths:
        path.write_text(f"{V}\n", encoding="utf-8")
    return paths


def test_file_that_vanishes_before_it_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    a, b, c = three_files(tmp_path)
    real_read = normalizer.batch.read

    def vanishing_read(path: Path, encoding: str = "utf-8", max_size: int = 0) -> normalizer.files.Text:
        if path.name == "b.txt":
            path.unlink()
        return real_read(path, encoding, max_size)

    monkeypatch.setattr(normalizer.batch, "read", vanishing_read)
    result = fix(tmp_path)
    assert result.exit_code == 2
    assert error_lines(result.stderr) == [f"normalizer: error: {b}: no such file"]
    assert not b.exists()
    assert a.read_text(encoding="utf-8") == c.read_text(encoding="utf-8") == f"{FIXED}\n"
    assert temp_files(tmp_path) == []


def test_file_removed_after_the_walk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    a, b, c = three_files(tmp_path)
    real_collect = normalizer.walk.collect

    def collect_then_remove(paths: list[Path], selection: normalizer.walk.Selection) -> normalizer.walk.Collected:
        found = real_collect(paths, selection)
        b.unlink()
        return found

    monkeypatch.setattr(normalizer.walk, "collect", collect_then_remove)
    result = fix(tmp_path)
    assert result.exit_code == 2
    assert error_lines(result.stderr) == [f"normalizer: error: {b}: no such file"]
    assert a.read_text(encoding="utf-8") == c.read_text(encoding="utf-8") == f"{FIXED}\n"


def test_file_that_vanishes_between_read_and_write_is_not_recreated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b, c = three_files(tmp_path)
    real_read = normalizer.batch.read

    def read_then_remove(path: Path, encoding: str = "utf-8", max_size: int = 0) -> normalizer.files.Text:
        text = real_read(path, encoding, max_size)
        if path.name == "b.txt":
            path.unlink()
        return text

    monkeypatch.setattr(normalizer.batch, "read", read_then_remove)
    result = fix(tmp_path)
    assert result.exit_code == 2
    errors = error_lines(result.stderr)
    assert len(errors) == 1
    assert errors[0].startswith(f"normalizer: error: {b}: ")
    assert not b.exists()
    assert a.read_text(encoding="utf-8") == c.read_text(encoding="utf-8") == f"{FIXED}\n"
    assert temp_files(tmp_path) == []


def test_file_changed_between_read_and_write_keeps_the_newer_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b, c = three_files(tmp_path)
    newer = f"{V}\nEin neuer Absatz des Redakteurs.\n"
    real_read = normalizer.batch.read

    def read_then_edit(path: Path, encoding: str = "utf-8", max_size: int = 0) -> normalizer.files.Text:
        text = real_read(path, encoding, max_size)  # the old text goes on to be fixed ...
        if path.name == "b.txt":
            path.write_text(newer, encoding="utf-8")  # ... while an editor saves a newer one
        return text

    monkeypatch.setattr(normalizer.batch, "read", read_then_edit)
    result = fix(tmp_path)
    assert result.exit_code == 2
    assert error_lines(result.stderr) == [
        f"normalizer: error: {b}: changed since it was read; not overwritten (run again)"
    ]
    assert b.read_text(encoding="utf-8") == newer
    assert a.read_text(encoding="utf-8") == c.read_text(encoding="utf-8") == f"{FIXED}\n"
    assert temp_files(tmp_path) == []
    again = fix(tmp_path)  # as the message says: the next run fixes the newer text
    assert again.exit_code == 0
    assert b.read_text(encoding="utf-8") == fixed(newer)


def test_file_fixed_by_another_run_between_read_and_write_is_no_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b, c = three_files(tmp_path)
    b.write_text(f"{V}\r\n{P}", encoding="utf-8-sig")  # a BOM, CRLF, no final newline: the fix is byte-exact
    want = f"\ufeff{FIXED}\r\n{P}".encode()
    real_read = normalizer.batch.read
    mode = stat.S_IMODE(b.stat().st_mode)

    def read_then_fixed_elsewhere(path: Path, encoding: str = "utf-8", max_size: int = 0) -> normalizer.files.Text:
        text = real_read(path, encoding, max_size)
        if path.name == "b.txt":
            path.write_bytes(want)  # an overlapping `normalizer fix` wrote the same fix meanwhile
        return text

    monkeypatch.setattr(normalizer.batch, "read", read_then_fixed_elsewhere)
    result = fix(tmp_path)
    assert result.exit_code == 0, result.stderr
    assert error_lines(result.stderr) == []
    assert b.read_bytes() == want
    assert stat.S_IMODE(b.stat().st_mode) == mode
    assert a.read_text(encoding="utf-8") == c.read_text(encoding="utf-8") == f"{FIXED}\n"
    assert temp_files(tmp_path) == []


def test_stale_check_tells_the_same_fix_from_a_conflicting_change(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"Kyiv\n")
    read = normalizer.files.read(path)
    path.write_bytes(b"Kiew\n")  # what this run is about to write
    normalizer.atomic.write_atomic(path, b"Kiew\n", expected=read.digest)
    assert path.read_bytes() == b"Kiew\n"
    for other in (b"Kiew!\n", b"Kiew"):  # anything else (a prefix of it too)
        path.write_bytes(other)
        with pytest.raises(normalizer.files.InputError, match="changed since it was read"):
            normalizer.atomic.write_atomic(path, [b"Ki", b"ew\n"], expected=read.digest)  # in pieces
        assert path.read_bytes() == other
    assert temp_files(tmp_path) == []


def test_a_text_encoded_in_pieces_has_the_bytes_of_the_whole() -> None:
    """One incremental encoder encodes all pieces: a stateful encoding (ISO-2022-JP switches
    between character sets with escape sequences) gives the bytes of the whole text, where
    encoding each piece alone would switch back and forth; a BOM comes first."""
    pieces = ["日本", "の", "Kiew"]
    japanese = normalizer.files.Text("", encoding="iso2022_jp")
    whole = "".join(pieces).encode("iso2022_jp")
    assert b"".join(japanese.encode_pieces(pieces)) == whole
    assert b"".join(p.encode("iso2022_jp") for p in pieces) != whole
    assert b"".join(normalizer.files.Text("", bom=True).encode_pieces(["Ki", "ew"])) == "\ufeffKiew".encode()


# --- a full disk ----------------------------------------------------------------------------------


def enospc(*args: object, **kwargs: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


class FullDisk(io.BufferedWriter):
    """A file that takes a few bytes, then reports a full disk."""

    def write(self, data: object) -> int:
        super().write(bytes(data)[:3])
        super().flush()
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def full_disk_on_write(fd: int, mode: str = "rb", *args: object, **kwargs: object) -> io.BufferedWriter:
    return FullDisk(io.FileIO(fd, "wb"))


@pytest.mark.parametrize(
    ("target", "fake"),
    [
        pytest.param("fdopen", enospc, id="fdopen"),
        pytest.param("fdopen", full_disk_on_write, id="write-after-3-bytes"),
        pytest.param("fsync", enospc, id="fsync"),
        pytest.param("replace", enospc, id="replace"),
    ],
)
def test_full_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: str, fake: object) -> None:
    a, b, c = three_files(tmp_path)
    c.write_text(f"{V}\r\n{P}", encoding="utf-8")
    before = {p: p.read_bytes() for p in (a, b, c)}
    monkeypatch.setattr(normalizer.files.os, target, fake)
    result = fix(tmp_path)
    monkeypatch.undo()
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    errors = error_lines(result.stderr)
    assert errors == [f"normalizer: error: {p}: cannot write: No space left on device" for p in (a, b, c)]
    for path, data in before.items():
        assert path.read_bytes() == data
    assert temp_files(tmp_path) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt", "c.txt"]


def test_full_disk_when_creating_the_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    a = three_files(tmp_path)[0]
    real_open = os.open

    def open_(path: str | Path, flags: int, mode: int = 0o777, **kwargs: object) -> int:
        if flags & os.O_CREAT:
            enospc()
        return real_open(path, flags, mode, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", open_)
    result = fix(a)
    monkeypatch.undo()
    assert result.exit_code == 2
    assert error_lines(result.stderr) == [
        f"normalizer: error: {a}: cannot write in {tmp_path}: No space left on device"
    ]
    assert a.read_text(encoding="utf-8") == f"{V}\n"


def test_full_disk_for_one_file_only_the_others_are_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    a, b, c = three_files(tmp_path)
    real_replace = os.replace

    def replace(source: str, target: str | Path) -> None:
        if Path(target).name == "b.txt":
            enospc()
        real_replace(source, target)

    monkeypatch.setattr(normalizer.files.os, "replace", replace)
    result = fix(tmp_path)
    monkeypatch.undo()
    assert result.exit_code == 2
    assert error_lines(result.stderr) == [f"normalizer: error: {b}: cannot write: No space left on device"]
    assert b.read_text(encoding="utf-8") == f"{V}\n"
    assert a.read_text(encoding="utf-8") == c.read_text(encoding="utf-8") == f"{FIXED}\n"
    assert temp_files(tmp_path) == []


# --- two runs at once ---------------------------------------------------------------------------------


def test_two_fix_runs_on_the_same_folder_at_once(tmp_path: Path) -> None:
    originals: dict[Path, bytes] = {}
    for i in range(200):
        sub = tmp_path / f"part{i % 4}"
        sub.mkdir(exist_ok=True)
        path = sub / f"article{i:03}.{'md' if i % 2 else 'txt'}"
        text = f"# Artikel {i}\n\n{V}\n\n{P} Nummer {i}.\n" + f"{P}\n" * (i % 7) + ("Kyiv" if i % 3 else V)
        originals[path] = text.encode("utf-8")
        path.write_bytes(originals[path])
    command = [sys.executable, "-m", "normalizer", "fix", "-q", "-c", "de"]
    runs = [
        subprocess.Popen([*command, "--jobs", jobs, str(tmp_path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for jobs in ("2", "1")
    ]
    outputs = [process.communicate(timeout=120) for process in runs]
    codes = [process.returncode for process in runs]
    stale = sum(err.count(b"changed since it was read") for _, err in outputs)
    done_fixed = 0
    for path, data in originals.items():
        now = path.read_bytes()
        want = fixed(data.decode()).encode("utf-8")
        assert now in (data, want), f"{path} is neither its old nor its new text"
        done_fixed += now == want
    print(f"two runs at once: exit codes {codes}, {done_fixed}/200 fixed, {stale} 'changed since read' refusals")
    # the runs write the same fixes: a file the other run has fixed meanwhile is no conflict
    assert codes == [0, 0], outputs
    assert stale == 0, outputs
    assert done_fixed == 200
    assert b"Traceback" not in b"".join(err for _, err in outputs)
    assert temp_files(tmp_path) == []
    again = run("fix", "-q", "-c", "de", tmp_path)  # nothing is left for a third run
    assert again.returncode == 0, again.stderr
    for path, data in originals.items():
        assert path.read_bytes() == fixed(data.decode()).encode("utf-8")


# --- hostile folders (issue 12) ---------------------------------------------------------------------


def notices(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ": skipped, " in line]


def hostile_folder(root: Path) -> dict[str, str]:
    """A folder whose .md files are a symlink to /dev/zero, a FIFO, a socket and (as root) a
    character device, beside one article; the kind each is reported as."""
    import socket

    (root / "a.md").write_text(f"{V}\n", encoding="utf-8")
    (root / "zero.md").symlink_to("/dev/zero")
    os.mkfifo(root / "pipe.md")
    kinds = {"zero.md": "a character device", "pipe.md": "a FIFO"}
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(root / "sock.md"))
    kinds["sock.md"] = "a socket"
    try:
        os.mknod(root / "random.txt", 0o600 | stat.S_IFCHR, os.makedev(1, 9))  # /dev/urandom
        kinds["random.txt"] = "a character device"
    except OSError:  # not root: the symlink to /dev/zero stands for devices
        pass
    return kinds


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX only")
@pytest.mark.parametrize("command", ["check", "fix"])
def test_devices_fifos_and_sockets_in_a_folder_are_skipped_with_a_notice(tmp_path: Path, command: str) -> None:
    kinds = hostile_folder(tmp_path)
    # the timeout only guards against a hang (a FIFO blocks, /dev/zero fills the memory)
    done = run(command, "-c", "de", "--jobs", "1", tmp_path, timeout=120)
    stderr = done.stderr.decode()
    assert done.returncode == (1 if command == "check" else 0), stderr
    assert "Traceback" not in stderr
    for name, kind in kinds.items():
        assert f"normalizer: {tmp_path / name}: skipped, not a regular file ({kind})" in stderr.splitlines()
    assert len(notices(stderr)) == len(kinds)
    if command == "fix":
        assert (tmp_path / "a.md").read_text(encoding="utf-8") == f"{FIXED}\n"
        assert (tmp_path / "zero.md").is_symlink()
        assert stat.S_ISFIFO(os.lstat(tmp_path / "pipe.md").st_mode)
    else:
        assert b"Kyiv -> Kiew" in done.stdout


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX only")
def test_devices_and_fifos_named_on_the_command_line_are_skipped_too(tmp_path: Path) -> None:
    kinds = hostile_folder(tmp_path)
    named = [tmp_path / name for name in kinds]
    done = run("fix", "-c", "de", "--jobs", "2", *named, tmp_path / "a.md", timeout=120)
    stderr = done.stderr.decode()
    assert done.returncode == 0, stderr
    assert len(notices(stderr)) == len(kinds), stderr
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == f"{FIXED}\n"
    alone = run("check", "-c", "de", tmp_path / "pipe.md", timeout=120)  # nothing else to do: still no error
    assert alone.returncode == 0, alone.stderr
    assert f"{tmp_path / 'pipe.md'}: skipped, not a regular file (a FIFO)" in alone.stderr.decode()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX only")
def test_a_fifo_is_never_opened_even_if_it_replaces_a_file_after_the_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pipe = tmp_path / "pipe.md"
    os.mkfifo(pipe)
    (tmp_path / "a.md").write_text("x", encoding="utf-8")
    regular = os.stat(tmp_path / "a.md")
    real_stat = os.stat
    # the first check is fooled (the FIFO took the place of a file after it was looked at) ...
    monkeypatch.setattr(normalizer.files.os, "stat", lambda p, *a, **k: regular if p == pipe else real_stat(p, *a, **k))
    # ... but the FIFO is opened without blocking, and its fstat refuses it (no writer: a blocking open would hang)
    with pytest.raises(normalizer.errors.SkippedFileError, match="not a regular file"):
        normalizer.files.read(pipe)


SPARSE_SIZE = 65 * 1024 * 1024  # over the default limit of 64 MiB; sparse, so it costs no disk


def test_a_file_over_the_size_limit_is_skipped_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = tmp_path / "big.md"
    with open(big, "wb") as handle:
        handle.truncate(SPARSE_SIZE)  # read, it would be a binary file (all NUL bytes)
    (tmp_path / "a.md").write_text(f"{V}\n", encoding="utf-8")
    opened: list[str] = []
    real_open = os.open
    monkeypatch.setattr(normalizer.files.os, "open", lambda p, *a, **k: opened.append(str(p)) or real_open(p, *a, **k))
    result = fix(tmp_path)
    assert result.exit_code == 0, result.output
    assert f"{big}: skipped, {SPARSE_SIZE} bytes, over the size limit of 64 MiB (--max-file-size)" in result.stderr
    assert str(big) not in opened  # checked before it was opened, let alone read
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == f"{FIXED}\n"
    assert big.stat().st_size == SPARSE_SIZE


def test_the_size_limit_is_set_by_option_and_by_configuration(tmp_path: Path) -> None:
    (tmp_path / "small.md").write_text("Kyiv\n", encoding="utf-8")
    (tmp_path / "large.md").write_text("Kyiv\n" * 400, encoding="utf-8")  # 2000 bytes
    result = fix("--max-file-size", "1K", tmp_path)
    assert result.exit_code == 0, result.output
    assert f"{tmp_path / 'large.md'}: skipped, 2000 bytes, over the size limit of 1 KiB (--max-file-size)" in (
        result.stderr
    )
    assert (tmp_path / "small.md").read_text(encoding="utf-8") == "Kiew\n"
    assert (tmp_path / "large.md").read_text(encoding="utf-8") == "Kyiv\n" * 400
    (tmp_path / "small.md").write_text("Kyiv\n", encoding="utf-8")
    (tmp_path / ".normalizer.yaml").write_text("max-file-size: 1500\n", encoding="utf-8")
    configured = CliRunner().invoke(main, ["check", "-c", "de", "--jobs", "1", str(tmp_path)])
    assert configured.exit_code == 1
    assert "over the size limit of 1500 bytes" in configured.stderr
    unlimited = CliRunner().invoke(main, ["check", "-c", "de", "--max-file-size", "0", str(tmp_path)])
    assert "skipped" not in unlimited.stderr
    assert unlimited.output.count("large.md") == 400
    bad = CliRunner().invoke(main, ["check", "-c", "de", "--max-file-size", "lots", str(tmp_path)])
    assert bad.exit_code == 2
    assert "'lots' is not a size" in bad.stderr
    (tmp_path / ".normalizer.yaml").write_text("max-file-size: [1]\n", encoding="utf-8")
    assert CliRunner().invoke(main, ["check", "-c", "de", str(tmp_path)]).exit_code == 2


HOSTILE_NAMES = ["evil\x1b]0;PWNED\x07.md", "new\nline.md", "red\x1b[31mtext.md", "cr\rname.md"]


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_file_names_with_escapes_and_line_breaks_are_printed_escaped(tmp_path: Path, fmt: str) -> None:
    for name in HOSTILE_NAMES:
        (tmp_path / name).write_text("Kyiv\n", encoding="utf-8")
    (tmp_path / "bad\x1b[2J.txt").write_bytes(b"Kyiv \xff\n")  # an error line names it
    (tmp_path / "bin\x07.md").write_bytes(b"\x00Kyiv")  # a notice names it
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    done = run("check", "-c", "de", "--jobs", "1", "--format", fmt, tmp_path, env=env)  # through a pipe
    diff = run("fix", "--diff", "-c", "de", "--jobs", "1", tmp_path, env=env)
    fixing = run("fix", "-c", "de", "--jobs", "1", tmp_path, env=env)
    for output in (done.stdout, done.stderr, diff.stdout, diff.stderr, fixing.stdout, fixing.stderr):
        assert b"\x1b" not in output and b"\x07" not in output and b"\r" not in output
    assert done.returncode == fixing.returncode == 2  # the undecodable file
    findings = done.stdout.decode().splitlines()
    assert len(findings) == len(HOSTILE_NAMES)  # one line each: no name breaks a line
    assert any("evil\\x1b]0;PWNED\\x07.md" in line for line in findings)
    assert any("new\\nline.md" in line for line in findings)
    errors = error_lines(fixing.stderr.decode())
    assert errors == [f"normalizer: error: {tmp_path}/bad\\x1b[2J.txt:1: not valid UTF-8 (byte 0xff at offset 5)"]
    assert f"{tmp_path}/bin\\x07.md: skipped, looks like a binary file" in fixing.stderr.decode()
    assert f"{tmp_path}/red\\x1b[31mtext.md: 1 name fixed" in fixing.stderr.decode().splitlines()
    assert f"+++ b/{tmp_path}/cr\\rname.md" in diff.stdout.decode().splitlines()
    for name in HOSTILE_NAMES:
        assert (tmp_path / name).read_text(encoding="utf-8") == "Kiew\n"


def test_sarif_uri_of_a_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    (tmp_path / os.fsdecode(b"bad\xff.md")).write_text("Kyiv\n", encoding="utf-8")
    done = run("check", "-c", "de", "--format", "sarif", tmp_path, env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    assert done.returncode == 1, done.stderr
    import json

    (result,) = json.loads(done.stdout)["runs"][0]["results"]
    uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri.endswith("/bad%FF.md")


# --- leftovers of killed runs, hard links, extended attributes ------------------------------------


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_temporary_files_left_by_a_killed_run_are_removed_by_the_next(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(f"{V}\n", encoding="utf-8")
    copy = f"{FIXED}\n".encode()  # what a run killed in the middle of a write leaves: a full copy
    hour_ago = os.stat(tmp_path).st_mtime - 2 * 3600
    stale = {
        # the writer is gone (SIGKILL of the whole process group)
        f".a.md.{'ab12cd34'}{'0' * 12}-{dead_pid()}{TMP_SUFFIX}": None,
        # older than an hour, whoever wrote it; and one of a version without pids in the names
        f".b.md.{'ab12cd34'}{'1' * 12}-{os.getpid()}{TMP_SUFFIX}": hour_ago,
        f".c.md.{'ab12cd34'}{'2' * 12}{TMP_SUFFIX}": hour_ago,
    }
    kept = {
        # a live writer (this test) and a recent file: another run's write in progress
        f".d.md.{'ab12cd34'}{'3' * 12}-{os.getpid()}{TMP_SUFFIX}": None,
        # a recent file without a pid
        f".e.md.{'ab12cd34'}{'4' * 12}{TMP_SUFFIX}": None,
        # not of its naming pattern, however old
        f"notes{TMP_SUFFIX}": hour_ago,
        f".f.md.not-ours{TMP_SUFFIX}": hour_ago,
        f".g.md.{'ab12cd34'}{'5' * 12}-{dead_pid()}.bak": hour_ago,
        "draft.md~": hour_ago,
    }
    for name, mtime in {**stale, **kept}.items():
        (tmp_path / name).write_bytes(copy)
        if mtime is not None:
            os.utime(tmp_path / name, (mtime, mtime))
    os.mkdir(tmp_path / f".h.md.{'ab12cd34'}{'6' * 12}-{dead_pid()}{TMP_SUFFIX}")  # not a file: stays
    result = fix(tmp_path / "a.md")
    assert result.exit_code == 0, result.output
    left = sorted(path.name for path in tmp_path.iterdir())
    for name in stale:
        assert name not in left
    for name in kept:
        assert name in left
    assert len(left) == len(kept) + 2  # a.md and the folder
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == f"{FIXED}\n"


def test_a_killed_run_leaves_nothing_after_the_next_run(tmp_path: Path) -> None:
    """The attack itself: SIGKILL of a whole `fix -j 2` process group while it writes; the next
    run, fixing one other file of the folder, removes what the killed one left."""
    import signal
    import time

    texts = {tmp_path / f"a{i}.md": (f"{V}\n" + f"{P}\n" * 30_000).encode() for i in range(6)}
    for path, data in texts.items():
        path.write_bytes(data)
    command = [sys.executable, "-m", "normalizer", "fix", "-q", "-c", "de", "--jobs", "2", str(tmp_path)]
    victim = subprocess.Popen(command, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60  # only against a hang
    while not temp_files(tmp_path) and victim.poll() is None and time.monotonic() < deadline:
        time.sleep(0.001)
    with contextlib.suppress(ProcessLookupError):  # the whole group: the main process and its workers
        os.killpg(victim.pid, signal.SIGKILL)
    victim.wait(timeout=60)
    left = temp_files(tmp_path)
    print(f"left by the killed run: {left}")
    for pid in {int(name.removesuffix(TMP_SUFFIX).rsplit("-", 1)[1]) for name in left}:
        for _ in range(200):  # until the killed workers are reaped
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.05)
    (tmp_path / "next.md").write_text("Kyiv\n", encoding="utf-8")
    again = run("fix", "-q", "-c", "de", "--jobs", "1", tmp_path / "next.md")
    assert again.returncode == 0, again.stderr
    assert temp_files(tmp_path) == []
    for path, data in texts.items():
        assert path.read_bytes() in (data, fixed(data.decode()).encode())


def test_hard_links_are_kept(tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text(f"{V}\n{P}\n", encoding="utf-8")
    os.chmod(article, 0o640)
    elsewhere = tmp_path / "published"
    elsewhere.mkdir()
    os.link(article, elsewhere / "a.md")
    inode = article.stat().st_ino
    result = fix(article)
    assert result.exit_code == 0, result.output
    assert article.stat().st_ino == inode
    assert article.stat().st_nlink == 2
    assert stat.S_IMODE(article.stat().st_mode) == 0o640
    assert (elsewhere / "a.md").read_text(encoding="utf-8") == f"{FIXED}\n{P}\n"
    os.link(article, tmp_path / "b.md")  # a longer text: the file grows in place
    article.write_text("Andrey Ermak\n" * 100, encoding="utf-8")
    assert fix(tmp_path / "b.md").exit_code == 0
    assert article.read_bytes() == (elsewhere / "a.md").read_bytes() == b"Andrij Jermak\n" * 100
    assert article.stat().st_ino == inode
    assert article.stat().st_nlink == 3
    assert temp_files(tmp_path) == []


@pytest.mark.skipif(not hasattr(os, "setxattr"), reason="no extended attributes here")
def test_extended_attributes_are_kept(tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text(f"{V}\n", encoding="utf-8")
    try:
        os.setxattr(article, "user.normalizer.test", b"kept")
    except OSError:
        pytest.skip("the file system of the temporary folder has no user extended attributes")
    result = fix(article)
    assert result.exit_code == 0, result.output
    assert article.read_text(encoding="utf-8") == f"{FIXED}\n"
    assert os.getxattr(article, "user.normalizer.test") == b"kept"


def test_extended_attributes_that_cannot_be_copied_are_no_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = tmp_path / "a.md"
    article.write_text(f"{V}\n", encoding="utf-8")

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(normalizer.files.os, "listxattr", lambda path: ["security.selinux"], raising=False)
    monkeypatch.setattr(normalizer.files.os, "getxattr", lambda path, name: b"x", raising=False)
    monkeypatch.setattr(normalizer.files.os, "setxattr", refuse, raising=False)
    result = fix(article)
    assert result.exit_code == 0, result.output
    assert article.read_text(encoding="utf-8") == f"{FIXED}\n"
