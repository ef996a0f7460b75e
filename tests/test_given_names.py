"""The given-name table (data/given_names.yaml): its listed spellings, and the spellings every
romanisation table gives its native forms (lexicon.given_names)."""

from __future__ import annotations

from normalizer.lexicon import DATA_DIR, _yaml, given_names
from normalizer.textfold import fold


def test_every_listed_spelling_belongs_to_one_group() -> None:
    seen: dict[str, int] = {}
    for number, group in enumerate(_yaml("given_names.yaml")["groups"]):  # type: ignore[arg-type]
        for word in [*group.get("latin", []), *group["native"]]:
            assert seen.setdefault(fold(word), number) == number, word


def test_a_native_form_is_known_in_every_romanisation_of_its_language() -> None:
    names = given_names()
    listed = (DATA_DIR / "given_names.yaml").read_text(encoding="utf-8")
    # Дзмітрый in the German transcription of Belarusian, Дмитрий in the Ukrainian national system:
    # neither is listed, both are the group of Дмитро
    for generated in ("Dsmitryj", "Dmytryi"):
        assert generated not in listed
        assert names.group(generated) == names.group("Dmytro") is not None
    # the listed spellings keep their groups: Олексій is not Олександр
    assert names.different("Oleksii", "Oleksandr")


def test_a_romanisation_that_is_a_frequent_word_is_no_given_name() -> None:
    # 'Soja' (German transcription of Зоя) is the German word for soy; 'Jury' an English word
    names = given_names()
    assert names.group("Soja") is None and names.group("Jury") is None
