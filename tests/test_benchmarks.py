"""The benchmark harness: a tiny generated corpus and the runner's pure functions (nothing is timed
and no tool is run here)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from benchmarks import generate as gen
from benchmarks import run
from normalizer import Entry, load_conventions

TINY = {"seed": 7, "articles": 5, "stream_mb": 0.01, "sizes": [100, 700]}


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("bench")
    gen.generate(out, **TINY)  # type: ignore[arg-type]
    return out


def test_same_seed_same_bytes(corpus: Path, tmp_path: Path) -> None:
    gen.generate(tmp_path / "again", **TINY)  # type: ignore[arg-type]
    first, second = _files(corpus), _files(tmp_path / "again")
    assert first == second
    assert {"planted.tsv", "stream-de.txt", "stream-en.txt", "conv-de-100.yaml", "manifest.json"} <= set(first)
    assert sum(1 for name in first if name.startswith("folder/")) == TINY["articles"]


def test_another_seed_other_text(corpus: Path, tmp_path: Path) -> None:
    gen.generate(tmp_path / "other", **{**TINY, "seed": 8, "sizes": [100]})  # type: ignore[arg-type]
    assert (corpus / "stream-de.txt").read_bytes() != (tmp_path / "other" / "stream-de.txt").read_bytes()


def test_conventions_load_with_their_sizes(corpus: Path) -> None:
    shipped = {e.canonical for e in load_conventions(["de"]).entries}
    small = load_conventions([str(corpus / "conv-de-100.yaml")])
    assert len(small.entries) == 100
    assert {e.canonical for e in small.entries} <= shipped
    big = load_conventions([str(corpus / "conv-de-700.yaml")])
    assert len(big.entries) == 700
    assert [e.canonical for e in big.entries[:100]] == [e.canonical for e in small.entries]
    synthetic = [e for e in big.entries if e.canonical not in shipped]
    assert len(synthetic) == 700 - len(shipped)
    assert any(e.native for e in synthetic) and any(not e.native for e in synthetic)
    files = [*corpus.rglob("*.txt"), *corpus.rglob("*.md")]
    words = {w for p in files for w in re.findall(r"\w+", p.read_text(encoding="utf-8"))}
    for entry in synthetic:  # synthetic entities never occur in the text
        assert not set(gen.split_person(entry.canonical)[1].split()) & words


def test_a_convention_over_the_size_cap_is_split_with_extends(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import normalizer.conventions

    entries = [{"canonical": f"Name{chr(97 + i)}", "kind": "place"} for i in range(20)]
    lines = [gen.entry_line(e) for e in entries]
    monkeypatch.setattr(normalizer.conventions, "MAX_BYTES", 700)
    gen._write_convention(tmp_path, "conv-de-20", "# test\n", ["Oder"], lines)
    assert (tmp_path / "conv-de-20-part1.yaml").exists()
    assert all(p.stat().st_size <= 700 for p in tmp_path.glob("*.yaml"))
    monkeypatch.undo()
    loaded = load_conventions([str(tmp_path / "conv-de-20.yaml")])
    assert [e.canonical for e in loaded.entries] == [e["canonical"] for e in entries]
    assert "Oder" in loaded.protect


def test_planted_rows_point_at_the_planted_text(corpus: Path) -> None:
    rows = run.read_planted(corpus / "planted.tsv")
    assert rows
    assert {r[0].split("/")[0] for r in rows} >= {"folder", "stream-de.txt", "stream-en.txt"}
    lines: dict[str, list[str]] = {}
    for file, line, column, found, expected in rows:
        text = lines.setdefault(file, (corpus / file).read_text(encoding="utf-8").split("\n"))
        assert text[line - 1][column - 1 : column - 1 + len(found)] == found
        assert found != expected
    canonicals = {e.canonical for e in load_conventions([str(corpus / "conv-de-100.yaml")]).entries}
    surnames = {gen.split_person(c)[1] for c in canonicals}
    for *_, expected in rows:
        bare = expected.removesuffix("'s").removesuffix("s")
        assert expected in canonicals or expected in surnames or bare in surnames


def test_entry_lines_are_plain_yaml_where_safe() -> None:
    line = gen.entry_line(
        {"canonical": "Kiew", "kind": "place", "native": "Київ", "source_lang": "uk", "aliases": ["Kyiv"]}
    )
    assert line == "- {canonical: Kiew,kind: place,native: Київ,source_lang: uk,aliases: [Kyiv]}\n"
    assert gen._scalar("No") == '"No"' and gen._scalar("a: b") == '"a: b"' and gen._scalar("Mariupol'") == "Mariupol'"


# ---------------------------------------------------------------- the runner's pure functions


def test_parse_findings_of_each_tool() -> None:
    assert run.parse_findings(
        "normalizer", "folder/a.md:3:5: Andrey Ermak -> Andrij Jermak [Andrij Jermak, variant, 100, x]\n"
    ) == [("folder/a.md", 3, "Andrey Ermak")]
    assert run.parse_findings("codespell", "folder/a.md:3: Ermak ==> Jermak\n") == [("folder/a.md", 3, "Ermak")]
    assert run.parse_findings("typos", "./folder/a.md:3:12: error: `Ermak` should be `Jermak`\n") == [
        ("folder/a.md", 3, "Ermak")
    ]
    assert run.parse_findings("grep", "folder/a.md:3:Ermak\nnoise\n") == [("folder/a.md", 3, "Ermak")]


def test_recall_matches_on_the_line_by_text() -> None:
    planted = [
        ("f", 1, 1, "Andrey Ermak", "Andrij Jermak"),
        ("f", 1, 30, "Kyiv", "Kiew"),
        ("f", 2, 1, "Kyiv", "Kiew"),
        ("f", 2, 9, "Kyiv", "Kiew"),
    ]
    assert run.recall(planted, [("f", 1, "Ermak"), ("f", 1, "Kyiv"), ("f", 2, "Kyiv")]) == 0.75
    assert run.recall(planted, [("f", 2, "Ermak")]) == 0.0
    assert run.recall([], []) is None


def _fake_results() -> run.Results:
    results = run.Results(
        folder_bytes=7_000_000, stream_bytes=25_000_000, sizes=[1000, 100000], tools={t: True for t in run.TOOLS}
    )
    results.tools["grep"] = False
    for size, slow in ((1000, 1.0), (100000, 1.2)):
        results.samples[("normalizer", size, "folder-j1")] = run.Sample([2.0 * slow, 2.2 * slow], 300_000, 5.0, 0.99)
        results.samples[("normalizer", size, "folder-j2")] = run.Sample([1.0 * slow], 350_000, None, None)
        results.samples[("normalizer", size, "stream")] = run.Sample([7.0 * slow], 310_000, None, 0.98)
        results.samples[("codespell", size, "folder-j1")] = run.Sample([1.0], 20_000, 1.1, 0.95)
        results.samples[("codespell", size, "stream")] = run.Sample([3.5], 20_000, None, 0.94)
        results.samples[("typos", size, "folder-j1")] = run.Sample([0.5], 25_000, 0.6, 0.96)
        results.samples[("typos", size, "folder-j2")] = run.Sample([], 25_000, None, None, "timeout > 600 s")
        results.samples[("typos", size, "stream")] = run.Sample([1.0], 25_000, None, 0.93)
    results.startup[("normalizer", "warm")] = run.Sample([0.12] * 10)
    results.startup[("normalizer", "cold")] = run.Sample([0.8] * 10)
    results.startup[("codespell", "warm")] = run.Sample([0.04] * 10)
    return results


def test_format_table_on_a_fake_measurement() -> None:
    table = run.format_table(_fake_results())
    lines = table.splitlines()
    assert lines[0] == "| measure | normalizer | codespell | typos | grep |"
    assert all(line.startswith("| ") and line.endswith(" |") and line.count(" | ") == 4 for line in lines)
    row = next(line for line in lines if line.startswith("| 1,000 entries: folder (7.0 MB), 1 process"))
    assert "| 3.33 MB/s |" in row  # 7 MB in a median of 2.1 s
    assert "7.00 MB/s (×2.10)" in row  # codespell; normalizer time ÷ codespell time
    assert row.endswith("| n/a |")  # grep not installed
    assert "timeout > 600 s" in next(line for line in lines if "1,000 entries: folder, 2" in line)
    assert "| 2.10× |" in next(line for line in lines if "1,000 entries: speed-up" in line)
    assert "| 293 MB / 303 MB |" in next(line for line in lines if "1,000 entries: peak RSS" in line)
    assert "0.990 / 0.980" in next(line for line in lines if "1,000 entries: recall" in line)
    assert "| 120 ms |" in next(line for line in lines if "cache warm" in line)
    assert "| 1.20× |" in next(line for line in lines if "growth" in line and "folder" in line)


def test_targets_and_json_round_trip() -> None:
    results = _fake_results()
    text = "\n".join(run.targets(results, size=1000))
    assert "start-up ≤ 150 ms (cache warm): 120 ms — met" in text
    assert "growth 100,000 ÷ 1,000 entries (folder-j1) ≤ 1.5: 1.20 — met" in text
    assert "peak RSS at 100,000 entries ≤ 400 MB: folder 293 MB, stream 303 MB — met" in text
    assert "--jobs 2 ≥ 1.7× --jobs 1 (folder, 1,000 entries): 2.10× — met" in text
    assert "≥ 3× codespell's throughput (normalizer time ÷ codespell time ≤ 0.33): 1.00 — NOT met" in text
    again = run.from_json(run.to_json(results))
    assert run.format_table(again) == run.format_table(results)
    assert run.mb_per_s(2_000_000, 2.0) == 1.0 and run.mb_per_s(1, 0) is None


def test_convention_converted_for_the_other_tools() -> None:
    entries = [
        Entry("Andrij Jermak", "person", "Андрій Єрмак", "uk", ("Andriy Yermak",)),
        Entry("Kiew", "place", "Київ", "uk", ("Kyiv", "Kiev")),
        Entry("Andrei Belousow", "person", aliases=("Andrey Belousov",)),
    ]
    mapping = run.convert(entries, zipf=lambda word: 0.0)
    assert mapping["Yermak"] == ["Jermak"] and mapping["Kyiv"] == ["Kiew"]
    assert mapping["Andrey"] == ["Andrij", "Andrei"]
    assert "Andrei" not in mapping  # a word of a house spelling is never flagged
    assert "Ermak" in mapping  # generated by the transliteration tables
    assert "Ermak" not in run.convert(entries, zipf=lambda word: 5.0)  # generated common words are left out
    dictionary = run.codespell_dictionary(mapping)
    assert "yermak->Jermak\n" in dictionary and "andrey->Andrij, Andrei,\n" in dictionary
    config = run.typos_config(mapping)
    assert 'extend-ignore-words-re = [".*"]' in config and '"Yermak" = "Jermak"' in config
    assert "Kyiv\n" in run.grep_words(mapping)


def test_peers_table_on_a_fake_measurement() -> None:
    from benchmarks import peers

    def size(scale: float) -> dict[str, object]:
        names = ("normalizer", "normalizer -j 1", "normalizer -j 2", "normalizer, findings kept", "codespell", "typos")
        times = {name: [scale * t for t in (2.0, 1.0, 3.0)] for name in names}
        times["normalizer -j 1"] = [scale * 3.4] * 3
        times["normalizer -j 2"] = [scale * 2.0] * 3
        times["codespell"] = [0.5] * 3
        times["normalizer, findings kept"] = [0.4] * 3
        return {"first": [9.5, 300 * 1024], "times": times, "rss": dict.fromkeys(names, 80 * 1024), "recall": 1.0}

    results = {"sizes": {"1000": size(1.0), "100000": size(1.25)}, "startup": {"normalizer": [0.1, 0.08, 0.09]}}
    results["startup"]["codespell"] = [0.05, 0.04, 0.06]  # type: ignore[index]
    table = peers.report(results)
    assert "| normalizer --no-cache: seconds (median) | 2.00 | 2.50 |" in table
    assert "| normalizer (--no-cache) ÷ codespell | 4.00 | 5.00 |" in table
    assert "| normalizer (findings kept) ÷ codespell | 0.80 | 0.80 |" in table
    assert "| `-j 1` ÷ `-j 2` | 1.70× | 1.70× |" in table
    assert "| first run (compiles the cache): seconds / peak RSS | 9.5 s / 300 MB | 9.5 s / 300 MB |" in table
    assert "Growth, default settings, 100,000 ÷ 1,000 entries: 1.25×." in table
    assert "normalizer 90 ms, codespell 50 ms (÷ 1.80)" in table
