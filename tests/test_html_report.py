"""check --format html: one self-contained review page. Rendered in a real browser (headless
Chromium, which .ci/run installs where it is missing): no console error, the filter script ran."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from normalizer.cli import main
from normalizer.html_report import sentence_around

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
CHROMIUM = next((shutil.which(name) for name in ("chromium", "chromium-browser") if shutil.which(name)), None)


def report(*args: str, text: str | None = None) -> str:
    result = CliRunner().invoke(main, ["check", "--format", "html", *args], input=text)
    assert result.exit_code == 1, result.output
    return result.stdout


def test_each_change_is_shown_in_its_sentence_with_its_evidence() -> None:
    page = report(
        "-c", "de", "--stdin-filename", "artikel.txt", text="Erster Satz. Dann traf Andrey Ermak Kiews Bürgermeister.\n"
    )
    assert "<del>Andrey Ermak</del> <ins>Andrij Jermak</ins>" in page
    assert "Dann traf <del>Andrey Ermak</del>" in page  # the sentence, not the whole text
    assert "Erster Satz" not in page
    assert '<a href="artikel.txt">artikel.txt:1</a>' in page
    assert '<span class="badge safe">safe</span>' in page
    assert "<caption>Findings per entry</caption>" in page and "<caption>Findings per rule</caption>" in page


def test_ambiguous_and_close_refusals_are_beside_the_changes(tmp_path: Path) -> None:
    house = tmp_path / "tie.yaml"
    house.write_text(
        "convention: tie\nlanguage: de\nentries:\n  - {canonical: Iwan Kalinowskyj, kind: person}\n"
        "  - {canonical: Petro Kalinowski, kind: person}\n  - {canonical: Kiew, kind: place, aliases: [Kyiv]}\n",
        encoding="utf-8",
    )
    page = report("-c", str(house), text="Der Minister Kalinowsky sagte in Kyiv, Kiewski sei da.\n")
    assert '<mark class="ambiguous">Kalinowsky</mark>' in page
    assert "ambiguous: left as is" in page
    assert "Left alone although close" in page and "<strong>Kiewski</strong>" in page


def test_the_page_is_self_contained_and_escapes_what_it_shows(tmp_path: Path) -> None:
    article = tmp_path / "<b>x.txt"
    article.write_text(
        "Der Präsident traf <script>alert(1)</script> in Kyiv am Montag den Gesandten.\n", encoding="utf-8"
    )
    page = report("-c", "de", str(article))
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>x" not in page and "&lt;b&gt;x.txt" in page
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", page)  # no external asset or link
    assert "default-src 'none'" in page  # nothing can be fetched even if a name were a URL


def test_sentence_around() -> None:
    text = "Eins. Zwei drei vier. Fünf."
    start = text.index("drei")
    assert sentence_around(text, start, start + 4) == ("Zwei ", " vier.")


def chromium(page: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    return subprocess.run(
        [
            CHROMIUM,
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--enable-logging=stderr",
            "--v=0",
            *args,
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def console_errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ":CONSOLE" in line or "Uncaught" in line]


@pytest.mark.skipif(CHROMIUM is None, reason="no chromium: .ci/run installs Debian's chromium package")
def test_the_report_of_the_bundled_example_renders_in_a_browser(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(EXAMPLES)
    page = tmp_path / "report.html"
    page.write_text(report("de", "en"), encoding="utf-8")
    dom = chromium(page, "--dump-dom")
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert console_errors(dom.stderr) == []
    assert 'data-ready="yes"' in dom.stdout  # the filter script ran to its end
    assert re.search(r"\d+ of \d+ findings shown", dom.stdout)
    shot = chromium(page, f"--screenshot={tmp_path / 'report.png'}", "--window-size=1200,1400")
    assert shot.returncode == 0 and (tmp_path / "report.png").stat().st_size > 10_000


@pytest.mark.skipif(CHROMIUM is None, reason="no chromium: .ci/run installs Debian's chromium package")
def test_the_console_check_can_fail(tmp_path: Path) -> None:
    broken = tmp_path / "broken.html"
    broken.write_text(
        "<!DOCTYPE html><html lang='en'><title>x</title><script>nosuch()</script></html>", encoding="utf-8"
    )
    assert console_errors(chromium(broken, "--dump-dom").stderr)
