"""Ctrl-C and SIGTERM during `normalizer fix` on a folder of 1,000 files (issue 7).

A real `normalizer fix -c de --jobs 1|2 FOLDER` is started and signalled after a random delay
(seeded): SIGINT to the whole process group (what Ctrl-C in a terminal does) or to the main process,
SIGTERM to the main process (`kill PID`) or to the group (a supervisor stopping the job). Afterwards
every file must be byte for byte its old or its fully fixed text, never truncated or mixed, no
temporary file may be left, no process of the run may outlive it, and the run must end promptly.
"""

from __future__ import annotations

import contextlib
import os
import random
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from normalizer import Normalizer, load_conventions
from normalizer.atomic import write_atomic

from .processes import alive, descendants

FILES = 1000
TMP_SUFFIX = ".normalizer-tmp"
ALLOWED_EXITS = {0, 130, -signal.SIGINT, -signal.SIGTERM}  # done, interrupted (handled), killed before the handler

PARAGRAPHS = [
    "Andrey Ermak traf Steven Wittkoff in Kyiv, um über die Lage zu sprechen.",
    "Präsident Selensky sagte in Kiew, die Gespräche mit Peskov seien schwierig.",
    "In Charkow und Odesa fiel am Abend der Strom aus; Kuleba kündigte Hilfe an.",
    "Der Bürgermeister sprach von einer schweren Nacht für die ganze Stadt.",
    "Witkoff reiste danach weiter nach Moskau, Ermak blieb in der Hauptstadt.",
]
ENDINGS = ["\n", "\r\n", "\r", "\n", "\r\n"]


def article(i: int) -> str:
    """A distinct text per file, about 1 KB, with variants, line endings and a BOM now and then."""
    end = ENDINGS[i % len(ENDINGS)]
    body = [f"Meldung Nummer {i}"] + [PARAGRAPHS[(i + k) % len(PARAGRAPHS)] for k in range(14)]
    return ("\ufeff" if i % 7 == 0 else "") + end.join(body) + (end if i % 3 else "")


@dataclass(frozen=True)
class Texts:
    old: dict[str, bytes]
    new: dict[str, bytes]


@pytest.fixture(scope="module")
def texts(tmp_path_factory: pytest.TempPathFactory) -> Texts:
    """Every file's old bytes and its fully fixed bytes, computed once with the library. A first run
    fills the normalizer cache, so that signals land in the work on files rather than in start-up."""
    warm = tmp_path_factory.mktemp("warm") / "a.txt"
    warm.write_text(article(0), encoding="utf-8")
    command = [sys.executable, "-m", "normalizer", "fix", "-q", "-c", "de", str(warm)]
    subprocess.run(command, capture_output=True, timeout=120, check=True)
    norm = Normalizer(load_conventions(["de"]))
    old: dict[str, bytes] = {}
    new: dict[str, bytes] = {}
    for i in range(FILES):
        name = f"part{i % 10}/article-{i:04}.txt"
        text = article(i)
        bom, body = text.startswith("\ufeff"), text.removeprefix("\ufeff")
        old[name] = text.encode("utf-8")
        new[name] = (("\ufeff" if bom else "") + norm.fix(body).text).encode("utf-8")
        assert new[name] != old[name]
    return Texts(old, new)


@pytest.fixture(autouse=True)
def _slow_only_when_asked(request: pytest.FixtureRequest) -> None:
    """`pytest` alone (the CI command) skips the slow tests; `-m slow` or NORMALIZER_SLOW_TESTS=1 runs them."""
    asked = "slow" in (request.config.option.markexpr or "") or os.environ.get("NORMALIZER_SLOW_TESTS")
    if request.node.get_closest_marker("slow") and not asked:
        pytest.skip("slow: run with -m slow")


def write_tree(root: Path, texts: Texts) -> None:
    for name, data in texts.old.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def temp_files(root: Path) -> list[str]:
    return [os.path.join(folder, n) for folder, _, names in os.walk(root) for n in names if n.endswith(TMP_SUFFIX)]


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # pragma: no cover - a recycled group id of someone else
        return False
    return True


@dataclass(frozen=True)
class Outcome:
    jobs: int
    signal: str
    target: str
    delay: float
    code: int
    fixed: int
    stderr: str

    @property
    def stage(self) -> str:
        return "before any file" if self.fixed == 0 else "after the last file" if self.fixed == FILES else "mid-way"


def interrupt_once(root: Path, texts: Texts, jobs: int, sig: signal.Signals, target: str, delay: float) -> Outcome:
    write_tree(root, texts)
    command = [sys.executable, "-m", "normalizer", "fix", "-q", "-c", "de", "--jobs", str(jobs), str(root)]
    # stderr goes to a file: a pipe that nobody reads yet would stop the run when it is full
    with open(root.with_suffix(".stderr"), "w+", encoding="utf-8") as log:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=log, start_new_session=True)
        time.sleep(delay)
        if target == "group":
            os.killpg(process.pid, sig)
        else:
            process.send_signal(sig)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            pytest.fail(f"fix --jobs {jobs} did not end within 60 s of {sig.name} to the {target} after {delay:.2f} s")
        log.seek(0)
        stderr = log.read()
    deadline = time.monotonic() + 10
    while group_alive(process.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    if group_alive(process.pid):
        os.killpg(process.pid, signal.SIGKILL)
        pytest.fail(f"worker processes outlived fix --jobs {jobs} ({sig.name} to the {target} after {delay:.2f} s)")
    done = 0
    for name, old in texts.old.items():
        now = (root / name).read_bytes()
        assert now in (old, texts.new[name]), (
            f"{name} is neither its old nor its fixed text after {sig.name} to the {target} "
            f"(--jobs {jobs}, {delay:.2f} s): {now[:80]!r}..."
        )
        done += now == texts.new[name]
    assert temp_files(root) == [], f"temporary files left after {sig.name} to the {target} (--jobs {jobs})"
    assert sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()) == sorted(texts.old)
    outcome = Outcome(jobs, sig.name, target, delay, process.returncode, done, stderr)
    assert outcome.code in ALLOWED_EXITS, outcome
    assert "Traceback" not in stderr, outcome  # workers end quietly; the main process reports once
    if outcome.code == 130:
        assert "normalizer: interrupted" in stderr
    return outcome


def report(outcomes: list[Outcome]) -> None:
    stages = Counter(o.stage for o in outcomes)
    codes = Counter(o.code for o in outcomes)
    tracebacks = sum("Traceback" in o.stderr for o in outcomes)
    print(
        f"\n{len(outcomes)} interrupted runs: {stages['mid-way']} mid-way, {stages['before any file']} before any "
        f"file, {stages['after the last file']} after the last file; exit codes {dict(codes)}; "
        f"{tracebacks} printed a traceback; no file lost or mixed, no temporary file left"
    )
    for o in outcomes:
        print(f"  --jobs {o.jobs} {o.signal:7} to {o.target:5} after {o.delay:.2f} s: exit {o.code}, {o.fixed} fixed")


SHORT_PLAN = [
    (1, signal.SIGINT, "group"),
    (2, signal.SIGINT, "group"),
    (1, signal.SIGTERM, "main"),
    (2, signal.SIGTERM, "main"),
    (2, signal.SIGTERM, "group"),
    (1, signal.SIGINT, "main"),
]


def test_interrupted_fix_leaves_every_file_old_or_new(tmp_path: Path, texts: Texts) -> None:
    rng = random.Random(7)
    outcomes = [
        interrupt_once(tmp_path / f"run{i}", texts, jobs, sig, target, rng.uniform(0.05, 1.5))
        for i, (jobs, sig, target) in enumerate(SHORT_PLAN)
    ]
    report(outcomes)


@pytest.mark.slow
def test_interrupted_fix_leaves_every_file_old_or_new_many_times(tmp_path: Path, texts: Texts) -> None:
    rng = random.Random(2024)
    outcomes = []
    for i in range(50):
        jobs = rng.choice([1, 2])
        sig = rng.choice([signal.SIGINT, signal.SIGTERM])
        target = rng.choice(["group", "main"])
        # from 0.15 s: a SIGINT while the interpreter itself starts up is Python's (normalizer/entry.py)
        outcomes.append(interrupt_once(tmp_path / f"run{i}", texts, jobs, sig, target, rng.uniform(0.15, 1.5)))
    report(outcomes)
    assert sum(o.stage == "mid-way" for o in outcomes) >= 5  # the runs do test interruptions mid-way


def test_a_worker_killed_alone_is_one_error_line(tmp_path: Path, texts: Texts) -> None:
    """SIGKILL to one worker (the out-of-memory killer): the run ends with a one-line error and
    exit 2, every file is its old or its new text, and no temporary file is left."""
    write_tree(tmp_path, texts)
    command = [sys.executable, "-m", "normalizer", "fix", "-q", "-c", "de", "--jobs", "2", str(tmp_path)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    children: list[int] = []
    deadline = time.monotonic() + 30
    while not children and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.02)
        with contextlib.suppress(OSError):
            children = [int(c) for c in Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()]
    if not children:
        process.communicate()
        pytest.skip("the run ended before a worker could be found")
    time.sleep(0.2)  # let the workers get going
    with contextlib.suppress(ProcessLookupError):
        os.kill(children[0], signal.SIGKILL)
    _, stderr = process.communicate(timeout=60)
    if process.returncode == 0:
        pytest.skip("the run ended before the worker was killed")
    assert process.returncode == 2, stderr
    lines = stderr.strip().splitlines()
    problems = [line for line in lines if not line.endswith(" names fixed")]  # -q keeps the line per file
    assert problems == [
        "normalizer: error: a worker process ended unexpectedly (killed?); files it did not write are unchanged"
    ]
    for name, old in texts.old.items():
        assert (tmp_path / name).read_bytes() in (old, texts.new[name])
    assert temp_files(tmp_path) == []


@pytest.mark.skipif(not os.path.exists("/proc/self/task"), reason="needs /proc")
def test_the_workers_end_when_the_main_process_is_killed(tmp_path: Path, texts: Texts) -> None:
    """SIGKILL of the main process of `fix --jobs 2` (issue 12, item 5): its workers end too,
    within seconds, and none of them holds the caller's stdout or stderr: a pipeline (pre-commit,
    CI) reading them sees their end. Every file is its old or its new text, no temporary file is
    left."""
    write_tree(tmp_path, texts)
    command = [sys.executable, "-m", "normalizer", "fix", "-q", "-c", "de", "--jobs", "2", str(tmp_path)]
    # the pipes are not read until the end: a worker may block in sending, the main process in writing
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 30
        while len(workers) < 2 and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.02)
            with contextlib.suppress(OSError):
                workers = sorted(descendants(process.pid))
        if len(workers) < 2:
            pytest.skip("the run ended before its workers could be found")
        time.sleep(0.3)  # let the workers get going
        process.kill()
        deadline = time.monotonic() + 30
        while any(map(alive, workers)) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(map(alive, workers)), [pid for pid in workers if alive(pid)]
        try:
            process.communicate(timeout=30)  # reads both pipes to their end
        except subprocess.TimeoutExpired:
            pytest.fail("a process of the run still holds its stdout or stderr")
        assert process.returncode == -signal.SIGKILL
    finally:
        for pid in workers:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        if process.poll() is None:
            process.kill()
        process.communicate()
    for name, old in texts.old.items():
        assert (tmp_path / name).read_bytes() in (old, texts.new[name])
    assert temp_files(tmp_path) == []


def test_interrupt_right_after_the_temporary_file_is_created(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"Kyiv\n")
    real_open = os.open

    def open_then_signal(file: str | Path, flags: int, mode: int = 0o777) -> int:
        os.close(real_open(file, flags, mode))
        raise KeyboardInterrupt  # what SIGINT/SIGTERM (turned into KeyboardInterrupt) does at this moment

    monkeypatch.setattr(os, "open", open_then_signal)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(path, b"Kiew\n")
    monkeypatch.undo()
    assert path.read_bytes() == b"Kyiv\n"
    assert temp_files(tmp_path) == []


# --- Ctrl-C and SIGTERM while the command starts up -----------------------------------------------

EARLY_INPUT = b"Andrey Ermak traf Steven Wittkoff in Kyiv.\n"
# A SIGINT that arrives while Python is importing `name` raises KeyboardInterrupt right there; this
# child does exactly that, deterministically, and then calls the console script's entry point.
INTERRUPT_AT_IMPORT = """
import importlib
import sys

entry_point, stage = sys.argv.pop(1), sys.argv.pop(1)


class InterruptAt:
    def find_spec(self, name, path=None, target=None):
        if name == stage:
            raise KeyboardInterrupt
        if "wrapped " + name == stage:
            # CPython 3.11 wraps an exception raised while a class is created (in __set_name__,
            # e.g. by dataclasses) in a RuntimeError: Ctrl-C at that moment arrives so
            try:
                raise KeyboardInterrupt
            except KeyboardInterrupt as exc:
                raise RuntimeError("Error calling __set_name__ on 'Field' instance") from exc
        return None


if stage == "parsing":  # Ctrl-C while click parses the command line
    import click

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    click.Context.__init__ = interrupted
else:
    sys.meta_path.insert(0, InterruptAt())
sys.argv[0] = "normalizer"
module, function = entry_point.split(":")
sys.exit(getattr(importlib.import_module(module), function)())
"""
STAGES = [
    "normalizer.cli",  # the first import of the command
    "click",
    "yaml",
    "rapidfuzz",
    "normalizer.conventions",
    "normalizer.batch",
    "parsing",
    "tomllib" if sys.version_info >= (3, 11) else "tomli",  # reading the configuration, inside the command
    "normalizer.markup",  # the first text
    "wrapped normalizer.batch",  # the interrupt inside a RuntimeError (class creation)
]


def console_script() -> str:
    """The entry point of the `normalizer` command, as pyproject.toml declares it."""
    text = (Path(__file__).parent.parent / "pyproject.toml").read_text(encoding="utf-8")
    match = re.search(r'^normalizer = "([\w.]+:\w+)"', text, re.MULTILINE)
    assert match, "no console script 'normalizer' in pyproject.toml"
    return match.group(1)


def assert_interrupted_cleanly(code: int, stderr: str, what: str) -> None:
    assert "Traceback" not in stderr, f"{what}: {stderr}"
    assert (code, stderr.strip()) == (130, "normalizer: interrupted"), f"{what}: exit {code}, {stderr!r}"


@pytest.mark.parametrize("stage", STAGES)
def test_interrupt_at_each_moment_of_start_up(stage: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", INTERRUPT_AT_IMPORT, console_script(), stage, "fix", "-c", "de"],
        input=EARLY_INPUT,
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert_interrupted_cleanly(done.returncode, done.stderr.decode(), f"interrupted at {stage}")
    assert done.stdout == b""


def start_up_time() -> float:
    """How long the interpreter takes to start and find the package, before any of its code runs
    (the slowest of a few tries)."""
    times = []
    for _ in range(3):
        started = time.monotonic()
        find = "import importlib.util; assert importlib.util.find_spec('normalizer')"
        subprocess.run([sys.executable, "-c", find], check=True, timeout=60)
        times.append(time.monotonic() - started)
    return max(times)


def signal_after(sig: signal.Signals, delay: float) -> tuple[int, str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "normalizer", "fix", "-c", "de"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    time.sleep(delay)
    process.send_signal(sig)
    try:
        stdout, stderr = process.communicate(EARLY_INPUT, timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        pytest.fail(f"no end within 60 s of {sig.name} after {delay * 1000:.0f} ms")
    if process.returncode == 0:  # the run was over before the signal
        assert stdout == Normalizer(load_conventions(["de"])).fix(EARLY_INPUT.decode()).text.encode()
    return process.returncode, stderr.decode()


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=lambda s: s.name)
def test_signal_in_the_first_moments_of_a_run(sig: signal.Signals) -> None:
    # At once, the interpreter itself is starting: a signal takes its default action (the process
    # ends, silently). From the moment the package's code runs, a signal ends the run with the
    # line and exit 130; those moments are counted from the interpreter's start-up time.
    ready = start_up_time()
    for delay in (0.0, ready + 0.005, ready + 0.020, ready + 0.050, ready + 0.100):
        code, stderr = signal_after(sig, delay)
        what = f"{sig.name} after {delay * 1000:.0f} ms (the interpreter starts in {ready * 1000:.0f} ms)"
        assert "Traceback" not in stderr, f"{what}: {stderr}"
        if delay == 0.0 and code == -sig:
            continue
        if code != 0:
            assert_interrupted_cleanly(code, stderr, what)
