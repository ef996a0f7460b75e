"""`normalizer variants`: the spellings the transliteration tables generate from a native name."""

from __future__ import annotations

import click

from normalizer.cli.options import Failure
from normalizer.errors import quote
from normalizer.translit import source_languages
from normalizer.translit import variants as generate


@click.command()
@click.argument("native")
@click.option(
    "--source", "source_lang", type=click.Choice(source_languages()), required=True, help="Language of NATIVE."
)
def variants(native: str, source_lang: str) -> None:
    """Print the spellings generated from a native name, each with the systems that produce it."""
    import unicodedata

    def cyrillic(c: str) -> bool:
        return unicodedata.name(c, "").startswith("CYRILLIC")

    if not any(cyrillic(c) for c in native):
        raise Failure(f"{quote(native)} has no Cyrillic letter: give the name as the source language writes it")
    found = generate(native, source_lang)
    left = sorted({c for latin in found for c in latin if cyrillic(c)})
    if left:
        click.echo(
            f"normalizer: warning: the {source_lang} tables have no letter for {', '.join(left)}, kept as is"
            f" (is the name in another language? see --source)",
            err=True,
        )
    for latin, systems in sorted(found.items()):
        click.echo(f"{latin}\t{', '.join(systems)}")
