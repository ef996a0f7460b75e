"""Loading, validating and merging convention files; the shipped conventions; broken files."""

from __future__ import annotations

import csv
import os
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from normalizer import Normalizer
from normalizer.cli import main
from normalizer.conventions import (
    MAX_BYTES,
    MAX_EXTENDS_DEPTH,
    SHIPPED_DIR,
    load_conventions,
    load_file,
    merge,
    resolve_name,
    shipped_names,
)
from normalizer.errors import ConventionError

BAD = Path(__file__).parent / "data" / "bad_conventions"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def by_canonical(convention):
    return {entry.canonical: entry for entry in convention.entries}


# --- the documented v1 shape ------------------------------------------------------------------

V1 = """\
convention: desk-de
version: 1
language: de
description: one line
entries:
  - canonical: Andrij Jermak
    native: Андрій Єрмак
    source_lang: uk
    kind: person
    aliases: [Andriy Yermak]
  - canonical: Kiew
    native: Київ
    source_lang: uk
    kind: place
    aliases: [Kyiv, Kyjiw]
  - canonical: Steve Witkoff
    kind: person
protect: [Trumpf, März]
"""


def test_v1_shape_loads_every_field(tmp_path: Path) -> None:
    path = write(tmp_path / "desk.yaml", V1)
    convention = load_file(path)
    assert convention.name == "desk-de"
    assert convention.language == "de"
    assert convention.description == "one line"
    assert convention.protect == frozenset({"Trumpf", "März"})
    assert convention.sources == (str(path),)
    assert [e.canonical for e in convention.entries] == ["Andrij Jermak", "Kiew", "Steve Witkoff"]
    jermak, kiew, witkoff = convention.entries
    assert (jermak.kind, jermak.native, jermak.source_lang, jermak.aliases) == (
        "person",
        "Андрій Єрмак",
        "uk",
        ("Andriy Yermak",),
    )
    assert (kiew.kind, kiew.native, kiew.source_lang, kiew.aliases) == ("place", "Київ", "uk", ("Kyiv", "Kyjiw"))
    assert (witkoff.kind, witkoff.native, witkoff.source_lang, witkoff.aliases) == ("person", None, None, ())
    assert witkoff.fuzzy is True
    assert witkoff.examples == ()
    assert jermak.origin == f"{path}:6"
    assert kiew.origin == f"{path}:11"


def test_fixture_convention_loads(convention_path: Path) -> None:
    convention = load_conventions([str(convention_path)])
    assert convention.name == "test-de"
    assert sorted(by_canonical(convention)) == ["Andrij Jermak", "Günter Sautter", "Kiew", "Steve Witkoff"]
    assert convention.protect == frozenset({"Witkov"})


def test_version_is_optional_and_description_defaults_to_empty(tmp_path: Path) -> None:
    path = write(
        tmp_path / "min.yaml",
        """\
        convention: min
        language: en
        entries:
          - canonical: Kyiv
            kind: place
        """,
    )
    convention = load_file(path)
    assert convention.description == ""
    assert convention.protect == frozenset()
    assert [e.canonical for e in convention.entries] == ["Kyiv"]


def test_utf8_bom_in_convention_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + V1.encode("utf-8"))
    assert load_file(path).name == "desk-de"


def test_examples_and_fuzzy_false(tmp_path: Path) -> None:
    path = write(
        tmp_path / "ex.yaml",
        """\
        convention: ex
        language: de
        entries:
          - canonical: Andrij Jermak
            native: Андрій Єрмак
            source_lang: uk
            kind: person
            fuzzy: false
            examples:
              - in: "Laut Andriy Yermak ist das so."
                out: "Laut Andrij Jermak ist das so."
              - in: Kein Name hier.
                out: Kein Name hier.
          - canonical: Steve Witkoff
            kind: person
            fuzzy: true
        """,
    )
    jermak, witkoff = load_file(path).entries
    assert jermak.fuzzy is False
    assert witkoff.fuzzy is True
    assert [(e.text, e.expected, e.line) for e in jermak.examples] == [
        ("Laut Andriy Yermak ist das so.", "Laut Andrij Jermak ist das so.", 10),
        ("Kein Name hier.", "Kein Name hier.", 12),
    ]


def test_fuzzy_false_limits_the_entry_to_listed_and_generated_spellings(tmp_path: Path) -> None:
    text = "Der Gesandte Wittkoff sprach mit Andriy Yermak."
    fuzzy_on = write(
        tmp_path / "on.yaml",
        """\
        convention: fuzzy-on
        language: de
        entries:
          - canonical: Steve Witkoff
            kind: person
          - canonical: Andrij Jermak
            kind: person
            aliases: [Andriy Yermak]
        """,
    )
    fuzzy_off = write(
        tmp_path / "off.yaml",
        """\
        convention: fuzzy-off
        language: de
        entries:
          - canonical: Steve Witkoff
            kind: person
            fuzzy: false
          - canonical: Andrij Jermak
            kind: person
            aliases: [Andriy Yermak]
            fuzzy: false
        """,
    )
    assert Normalizer(load_file(fuzzy_on)).fix(text).text == "Der Gesandte Witkoff sprach mit Andrij Jermak."
    assert Normalizer(load_file(fuzzy_off)).fix(text).text == "Der Gesandte Wittkoff sprach mit Andrij Jermak."


# --- extends ------------------------------------------------------------------------------------


def test_extends_local_file_by_path_relative_to_the_extending_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(
        tmp_path / "base" / "base.yaml",
        """\
        convention: base
        language: de
        description: the base
        entries:
          - canonical: Kiew
            native: Київ
            source_lang: uk
            kind: place
            aliases: [Kyiv]
          - canonical: Steve Witkoff
            kind: person
        protect: [März]
        """,
    )
    child = write(
        tmp_path / "desk" / "child.yaml",
        """\
        convention: child
        language: de
        description: the child
        extends: ../base/base.yaml
        entries:
          - canonical: Günter Sautter
            kind: person
        protect: [Trumpf]
        """,
    )
    (tmp_path / ".normalizer.yaml").write_text("conventions: [desk/child.yaml]\n")  # the project root
    # the relative path is resolved against the extending file's folder, not the working directory
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    convention = load_file(child)
    assert convention.name == "child"
    assert convention.description == "the child"
    assert [e.canonical for e in convention.entries] == ["Kiew", "Steve Witkoff", "Günter Sautter"]
    assert convention.protect == frozenset({"März", "Trumpf"})
    assert len(convention.sources) == 2
    assert Path(convention.sources[0]).resolve() == (tmp_path / "base" / "base.yaml").resolve()
    assert convention.sources[1] == str(child)
    assert Normalizer(convention).fix("Gunther Sautter in Kyiv").text == "Günter Sautter in Kiew"


def test_extends_a_list_and_without_own_entries(tmp_path: Path) -> None:
    write(tmp_path / "a.yaml", "convention: a\nlanguage: de\nentries:\n  - {canonical: Kiew, kind: place}\n")
    write(tmp_path / "b.yaml", "convention: b\nlanguage: de\nentries:\n  - {canonical: Charkiw, kind: place}\n")
    child = write(tmp_path / "c.yaml", "convention: c\nlanguage: de\nextends: [a.yaml, b.yaml]\n")
    convention = load_file(child)
    assert convention.name == "c"
    assert [e.canonical for e in convention.entries] == ["Kiew", "Charkiw"]


def test_extends_the_shipped_de(tmp_path: Path) -> None:
    child = write(
        tmp_path / "desk.yaml",
        """\
        convention: desk
        language: de
        extends: de
        entries:
          - canonical: Kyjiw
            native: Київ
            source_lang: uk
            kind: place
          - canonical: Günter Sautter
            kind: person
            aliases: [Gunther Sautter]
          - canonical: Olena Testenko
            kind: person
        """,
    )
    shipped = load_conventions(["de"])
    convention = load_file(child)
    names = by_canonical(convention)
    assert convention.name == "desk"
    assert convention.sources == (str(SHIPPED_DIR / "de.yaml"), str(child))
    # the own entry for Київ replaces the shipped Kiew; everything else of `de` is kept
    assert "Kiew" in by_canonical(shipped)
    assert "Kiew" not in names
    assert names["Kyjiw"].native == "Київ"
    # the own Günter Sautter replaces the shipped one (same canonical); Olena Testenko is new
    assert by_canonical(shipped)["Günter Sautter"].aliases != ("Gunther Sautter",)
    assert names["Günter Sautter"].aliases == ("Gunther Sautter",)
    assert "Olena Testenko" in names
    assert len(convention.entries) == len(shipped.entries) + 1
    assert {"Andrij Jermak", "Steve Witkoff"} <= set(names)
    assert Normalizer(convention).fix("Andriy Yermak in Kyiv").text == "Andrij Jermak in Kyjiw"


def test_extends_nested_too_deep_is_refused(tmp_path: Path) -> None:
    depth = MAX_EXTENDS_DEPTH + 2
    for i in range(depth):
        extends = f"extends: f{i + 1}.yaml\n" if i + 1 < depth else ""
        write(tmp_path / f"f{i}.yaml", f"convention: f{i}\nlanguage: de\n{extends}entries: []\n")
    with pytest.raises(ConventionError, match=f"nested deeper than {MAX_EXTENDS_DEPTH}"):
        load_file(tmp_path / "f0.yaml")


def test_extends_a_missing_file_names_the_extending_file_and_line(tmp_path: Path) -> None:
    child = write(tmp_path / "child.yaml", "convention: c\nlanguage: de\nextends: missing.yaml\n")
    with pytest.raises(ConventionError) as info:
        load_file(child)
    assert str(info.value).startswith(f"{child}:3:10: ")
    assert "missing.yaml" in str(info.value)


# --- merging ------------------------------------------------------------------------------------


def test_merge_later_wins_for_the_same_native_spelling(convention_path: Path, tmp_path: Path) -> None:
    override = write(
        tmp_path / "kyiv.yaml",
        """\
        convention: kyiv
        language: de
        entries:
          - canonical: Kyjiw
            native: Київ
            source_lang: uk
            kind: place
            aliases: [Kiew, Kyiv]
        """,
    )
    merged = load_conventions([str(convention_path), str(override)])
    names = by_canonical(merged)
    assert "Kiew" not in names
    assert names["Kyjiw"].aliases == ("Kiew", "Kyiv")
    assert len(merged.entries) == 4
    assert merged.name == "kyiv"
    assert merged.protect == frozenset({"Witkov"})
    assert Normalizer(merged).fix("in Kyiv und Kiew").text == "in Kyjiw und Kyjiw"
    # in the other order the fixture's Kiew wins
    reverse = load_conventions([str(override), str(convention_path)])
    assert "Kyjiw" not in by_canonical(reverse)
    assert Normalizer(reverse).fix("in Kyiv").text == "in Kiew"


def test_merge_later_wins_for_the_same_canonical(tmp_path: Path) -> None:
    first = write(
        tmp_path / "first.yaml",
        "convention: first\nlanguage: de\nentries:\n  - {canonical: Steve Witkoff, kind: person, aliases: [S. W.]}\n",
    )
    second = write(
        tmp_path / "second.yaml",
        "convention: second\nlanguage: de\nentries:\n"
        "  - {canonical: STEVE WITKOFF, kind: person, aliases: [Steven Witkoff]}\n",
    )
    merged = load_conventions([str(first), str(second)])
    assert [(e.canonical, e.aliases) for e in merged.entries] == [("STEVE WITKOFF", ("Steven Witkoff",))]


def test_merge_later_wins_for_the_same_canonical_when_only_one_has_native(
    convention_path: Path, tmp_path: Path
) -> None:
    override = write(
        tmp_path / "kiew.yaml",
        "convention: kiew\nlanguage: de\nentries:\n  - {canonical: Kiew, kind: place, aliases: [Kyjiw]}\n",
    )
    merged = load_conventions([str(convention_path), str(override)])
    kiews = [e for e in merged.entries if e.canonical == "Kiew"]
    assert len(kiews) == 1
    assert kiews[0].aliases == ("Kyjiw",)


def test_merge_later_entry_replaces_every_earlier_entry_it_names(convention_path: Path, tmp_path: Path) -> None:
    # the fixture has Kiew (native Київ); `mid` adds a separate Kyjiw; `last` is Kyjiw with native Київ,
    # the same name as both: it replaces both
    mid = write(tmp_path / "mid.yaml", "convention: mid\nlanguage: de\nentries:\n  - {canonical: Kyjiw, kind: place}\n")
    last = write(
        tmp_path / "last.yaml",
        "convention: last\nlanguage: de\nentries:\n"
        "  - {canonical: Kyjiw, native: Київ, source_lang: uk, kind: place, aliases: [Kyiv]}\n",
    )
    merged = load_conventions([str(convention_path), str(mid), str(last)])
    places = [(e.canonical, e.native) for e in merged.entries if e.kind == "place"]
    assert places == [("Kyjiw", "Київ")]
    assert Normalizer(merged).fix("in Kyiv").text == "in Kyjiw"


def test_merge_function_keeps_order_and_joins_protect(convention_path: Path, tmp_path: Path) -> None:
    other = load_file(
        write(
            tmp_path / "o.yaml",
            "convention: o\nlanguage: en\ndescription: other\nentries:\n  - {canonical: Charkiw, kind: place}\n"
            "protect: [Trumpf]\n",
        )
    )
    base = load_file(convention_path)
    merged = merge([base, other])
    assert [e.canonical for e in merged.entries] == [*(e.canonical for e in base.entries), "Charkiw"]
    assert (merged.name, merged.language, merged.description) == ("o", "en", "other")
    assert merged.protect == frozenset({"Witkov", "Trumpf"})
    assert merged.sources == (*base.sources, *other.sources)


def test_load_conventions_needs_at_least_one() -> None:
    with pytest.raises(ConventionError, match="no convention given"):
        load_conventions([])


# --- shipped conventions -------------------------------------------------------------------------


def test_shipped_names() -> None:
    assert {"de", "en"} <= set(shipped_names())
    assert resolve_name("de") == SHIPPED_DIR / "de.yaml"


@pytest.mark.parametrize(("name", "kiew"), [("de", "Kiew"), ("en", "Kyiv")])
def test_shipped_conventions_load_with_at_least_60_entries(name: str, kiew: str) -> None:
    convention = load_conventions([name])
    assert convention.name == name
    assert convention.language == name
    assert len(convention.entries) >= 60
    assert {e.kind for e in convention.entries} == {"person", "place", "org"}
    places = {e.native: e.canonical for e in convention.entries if e.kind == "place"}
    assert places["Київ"] == kiew


# Letters beyond ASCII that each shipped convention writes in a house spelling (the file headers
# say why): dpa keeps German umlauts and the letters of western and northern European languages
# and writes the others as their base letter (Babis, Erdogan); English copy follows Reuters and
# writes plain letters only (Soeder, Guterres).
HOUSE_LETTERS = {"de": set("äöüßÄÖÜáàâãçéèêëíîïñóôõúûøåæÁÉÍÓÚÅØÆ"), "en": set()}


@pytest.mark.parametrize("name", ["de", "en"])
def test_shipped_house_spellings_use_the_letters_of_agency_copy(name: str) -> None:
    for entry in load_conventions([name]).entries:
        beyond = {c for c in entry.canonical if ord(c) > 127} - HOUSE_LETTERS[name]
        assert not beyond, (entry.canonical, beyond)


def test_shipped_spellings_with_the_letters_of_the_language_are_aliases() -> None:
    de, en = (by_canonical(load_conventions([name])) for name in ("de", "en"))
    assert "Recep Tayyip Erdoğan" in de["Recep Tayyip Erdogan"].aliases
    assert "Radosław Sikorski" in de["Radoslaw Sikorski"].aliases
    assert "François Bayrou" in de  # a western European letter stays
    assert "Antonio Guterres" in en and "António Guterres" in en["Antonio Guterres"].aliases
    assert "Günter Sautter" in en["Guenter Sautter"].aliases
    assert Normalizer(load_conventions(["de"])).fix("Erdoğans Sprecher").text == "Erdogans Sprecher"
    assert Normalizer(load_conventions(["en"])).fix("Günter Sautter said").text == "Guenter Sautter said"


def test_unknown_shipped_name() -> None:
    with pytest.raises(ConventionError) as info:
        load_conventions(["klingon"])
    assert str(info.value) == "klingon: no such convention file or shipped name (shipped: de, en)"


def test_missing_yaml_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.yaml"
    with pytest.raises(ConventionError) as info:
        load_conventions([str(path)])
    assert str(info.value) == f"{path}: file not found"


def test_too_large_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(V1.encode() + b"#" * MAX_BYTES)
    with pytest.raises(ConventionError) as info:
        load_file(path)
    assert str(info.value) == f"{path}: file is larger than {MAX_BYTES // (1024 * 1024)} MB"


# --- broken files ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bad:
    file: str
    line: str
    col: str
    message: str

    @property
    def path(self) -> Path:
        return BAD / self.file

    def where(self) -> str:
        return str(self.path) if self.line == "-" else f"{self.path}:{self.line}:{self.col}"


def bad_cases() -> list[Bad]:
    with (BAD / "expected.tsv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [Bad(**row) for row in rows]


BAD_CASES = bad_cases()


def test_bad_conventions_table_covers_every_file() -> None:
    assert sorted(case.file for case in BAD_CASES) == sorted(p.name for p in BAD.glob("*.yaml"))
    assert len(BAD_CASES) >= 18


@pytest.mark.parametrize("case", BAD_CASES, ids=[c.file for c in BAD_CASES])
def test_bad_convention_error(case: Bad) -> None:
    with pytest.raises(ConventionError) as info:
        load_file(case.path)
    message = str(info.value)
    assert message.startswith(f"{case.where()}: "), message
    assert case.message in message[len(case.where()) + 2 :]
    assert "\n" not in message
    if case.line != "-":
        assert info.value.line == int(case.line)
    else:
        assert info.value.line is None


@pytest.mark.parametrize("case", BAD_CASES, ids=[c.file for c in BAD_CASES])
def test_bad_convention_lint_exits_2_with_one_line(case: Bad) -> None:
    result = CliRunner().invoke(main, ["conventions", "lint", str(case.path)])
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"normalizer: error: {case.where()}: ")
    assert case.message in lines[0]
    assert "Traceback" not in result.output
    assert result.stdout == ""


def test_bad_convention_via_load_conventions_relative_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(BAD)
    with pytest.raises(ConventionError) as info:
        load_conventions(["kind_not_allowed.yaml"])
    assert str(info.value) == "kind_not_allowed.yaml:5:11: 'kind' must be one of person, place, org, not 'city'"


# --- lint -----------------------------------------------------------------------------------------


def test_lint_reports_a_failing_example_and_exits_1(tmp_path: Path) -> None:
    path = write(
        tmp_path / "ex.yaml",
        """\
        convention: ex
        language: de
        entries:
          - canonical: Kiew
            kind: place
            aliases: [Kyiv]
            examples:
              - in: "in Kyiv"
                out: "in Kyjiw"
        """,
    )
    result = CliRunner().invoke(main, ["conventions", "lint", str(path)])
    assert result.exit_code == 1
    assert result.stdout == f"{path}:8: example gives 'in Kiew', expected 'in Kyjiw'\n"
    assert result.stderr == "1 file linted, 1 problem\n"


def test_lint_clean_file_exits_0(convention_path: Path) -> None:
    result = CliRunner().invoke(main, ["conventions", "lint", str(convention_path)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr == "1 file linted, 0 problems\n"


def test_lint_names_the_file_of_an_inherited_example(tmp_path: Path) -> None:
    parent = write(
        tmp_path / "parent.yaml",
        """\
        convention: parent
        language: de
        entries:
          - canonical: Kiew
            kind: place
            aliases: [Kyiv]
            examples:
              - in: "in Kyiv"
                out: "in Kyjiw"
        """,
    )
    child = write(tmp_path / "child.yaml", "convention: child\nlanguage: de\nextends: parent.yaml\n")
    result = CliRunner().invoke(main, ["conventions", "lint", str(child)])
    assert result.exit_code == 1
    assert result.stdout == f"{parent}:8: example gives 'in Kiew', expected 'in Kyjiw'\n"


@pytest.mark.parametrize("target", ["/etc/passwd", "../outside/base.yaml", "notes.txt"])
def test_extends_outside_the_project_or_not_yaml_is_refused_unread(tmp_path: Path, target: str) -> None:
    project = tmp_path / "project"
    (project / ".git").mkdir(parents=True)
    write(tmp_path / "outside" / "base.yaml", "convention: secret-base\nlanguage: de\nentries: []\n")
    (project / "notes.txt").write_text("root:*:19000:0:99999:7:::\n")
    child = write(project / "house.yaml", f"convention: house\nlanguage: de\nextends: {target}\n")
    with pytest.raises(ConventionError) as caught:
        load_file(child)
    message = str(caught.value)
    assert "'extends'" in message and "only shipped conventions and .yaml/.yml files inside" in message
    assert "root:" not in message and "secret-base" not in message


def test_a_file_that_is_not_a_convention_is_not_quoted(tmp_path: Path) -> None:
    secret = tmp_path / "shadow.yaml"
    secret.write_text("root: '*:19000:0:99999:7:::'\ndaemon: '*:19000'\n")
    with pytest.raises(ConventionError) as caught:
        load_file(secret)
    assert str(caught.value).endswith("missing required key 'convention'")
    assert "root" not in str(caught.value).replace(str(tmp_path), "")


@pytest.mark.parametrize("kind", ["fifo", "device", "folder"])
def test_a_convention_path_that_is_not_a_regular_file_is_refused_without_reading(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "pipe.yaml"
    if kind == "fifo":
        os.mkfifo(path)  # opening it to read would block forever
    elif kind == "device":
        path = Path("/dev/zero")  # reading it would fill the memory
    else:
        path.mkdir()
    with pytest.raises(ConventionError, match="not a regular file"):
        load_file(path)


def test_a_symlink_loop_is_one_line(tmp_path: Path) -> None:
    loop = tmp_path / "loop.yaml"
    loop.symlink_to(tmp_path / "loop.yaml")
    with pytest.raises(ConventionError, match="symbolic link loop"):
        load_file(loop)


@pytest.mark.parametrize(
    "field", ['canonical: "Kiew\\nInjected"', 'canonical: "Ki\\u001b[31mew"', 'aliases: ["Ky\\u0007iv"]']
)
def test_control_characters_in_spellings_are_refused(tmp_path: Path, field: str) -> None:
    lines = ["convention: c", "language: de", "entries:", "  - kind: place"]
    lines.append(f"    {field}" if field.startswith("canonical") else "    canonical: Kiew")
    if not field.startswith("canonical"):
        lines.append(f"    {field}")
    path = write(tmp_path / "c.yaml", "\n".join(lines) + "\n")
    with pytest.raises(ConventionError, match="contains a control character"):
        load_file(path)


def test_native_other_names_are_spellings_of_the_entry(tmp_path: Path) -> None:
    """The Russian or former name of a place, romanised with the Russian tables."""
    path = write(
        tmp_path / "c.yaml",
        """\
        convention: c
        language: de
        entries:
          - canonical: Mykolajiw
            native: Миколаїв
            native_other: [Николаев]
            source_lang: uk
            kind: place
          - canonical: Bachmut
            native: Бахмут
            native_other: [Артёмовск]
            source_lang: uk
            kind: place
        """,
    )
    convention = load_file(path)
    assert convention.entries[0].native_other == ("Николаев",)
    engine = Normalizer(convention)
    assert engine.fix("In Nikolajew und Artjomowsk").text == "In Mykolajiw und Bachmut"
    (finding, _) = engine.findings("Nikolaev, Artemovsk")
    assert finding.detail.startswith("generated:native_other+")


def test_native_other_needs_native(tmp_path: Path) -> None:
    path = write(
        tmp_path / "c.yaml",
        "convention: c\nlanguage: de\nentries:\n  - {canonical: Lyman, kind: place, native_other: [Лиман]}\n",
    )
    with pytest.raises(ConventionError, match="'native_other' needs 'native'"):
        load_file(path)


def test_shipped_other_names_are_cyrillic() -> None:
    for name in shipped_names():
        for entry in load_conventions([name]).entries:
            for other in entry.native_other:
                assert all("\u0400" <= c <= "\u04ff" or not c.isalpha() for c in other), (name, other)
