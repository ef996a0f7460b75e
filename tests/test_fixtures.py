"""The engine's cases as files, one folder per rule code (as Vale's and black's fixtures):
`tests/fixtures/<CODE>/<case>.txt` holds a passage and, when the passage changes, the
expected passage after `# expected`; its first line names the convention it needs
(`# convention: de`, a file of `tests/fixtures/conventions/`).

Each case must come out as expected, and `explain` must report the folder's code for one of
its words: the change or refusal the case is about. The folder `masked` holds passages whose
names stand inside markup (addresses, handles): no rule sees them, so nothing is reported there.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from normalizer.codes import CODES

from .engine_fixtures import normalizer

FIXTURES = Path(__file__).parent / "fixtures"
MASKED = "masked"
_HEADER = re.compile(r"# convention: ([\w-]+)\n")
_EXPECTED = "\n# expected\n"
_MARKUP = re.compile(r"\S*[@/]\S*")  # an address or a handle in a passage of `masked`


def read(path: Path) -> tuple[str, str, str]:
    """The convention, the passage and the expected passage of one fixture file."""
    content = path.read_text(encoding="utf-8")
    header = _HEADER.match(content)
    assert header is not None, f"{path}: the first line must be '# convention: NAME'"
    passage, _, expected = content[header.end() :].removesuffix("\n").partition(_EXPECTED)
    return header.group(1), passage, expected if _EXPECTED in content else passage


CASES = sorted(FIXTURES.glob("*/*.txt"))


def test_every_folder_is_a_code() -> None:
    folders = {p.parent.name for p in CASES}
    assert folders - {MASKED} <= set(CODES)
    assert len(CASES) >= 99  # every case of the engine tests it replaced


@pytest.mark.parametrize("path", CASES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_fixture(path: Path) -> None:
    name, passage, expected = read(path)
    engine = normalizer(name)
    assert engine.fix(passage).text == expected
    findings, skips = engine.explain(passage)
    reported = [(f.start, f.end, f.code) for f in findings] + [(s.start, s.end, s.code) for s in skips]
    if path.parent.name == MASKED:
        hidden = [m.span() for m in _MARKUP.finditer(passage)]
        assert hidden
        assert not [r for r in reported for a, b in hidden if r[0] < b and a < r[1]]
    else:
        assert path.parent.name in {code for _, _, code in reported}
