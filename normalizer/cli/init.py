"""`normalizer init`: write a starter configuration and a house convention that extends a shipped
one. The files are templates in `normalizer/data/init/`, a house convention for each shipped
prose language, written in that language."""

from __future__ import annotations

from pathlib import Path
from string import Template

import click

from normalizer.cli.options import LANGUAGES, Failure

TEMPLATES = Path(__file__).parent.parent / "data" / "init"


def starter_files(lang: str) -> dict[Path, str]:
    """The files `init` writes for the prose language `lang`, and their text."""
    house = f"house-{lang}.yaml"
    config = Template((TEMPLATES / "normalizer.yaml").read_text(encoding="utf-8")).substitute(lang=lang)
    return {Path(".normalizer.yaml"): config, Path(house): (TEMPLATES / house).read_text(encoding="utf-8")}


@click.command()
@click.option("--lang", type=click.Choice(LANGUAGES), default="de", show_default=True, help="Prose language.")
@click.option("--force", is_flag=True, help="Overwrite existing files.")
def init(lang: str, force: bool) -> None:
    """Write a starter .normalizer.yaml and a house convention that extends a shipped one."""
    files = starter_files(lang)
    existing = [str(p) for p in files if p.exists()]
    if existing and not force:
        raise Failure(f"{', '.join(existing)}: already exists (use --force to overwrite)")
    for path, text in files.items():
        path.write_text(text, encoding="utf-8")
        click.echo(f"wrote {path}")
