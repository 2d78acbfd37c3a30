"""Traditional-character mirror pages read as simplified ones, offsets intact.

Some sites publish a traditional-character mirror of every page (評價報告,
存在的問題); every later stage matches simplified vocabulary, so such a document
is converted with OpenCC's ``t2s`` table. The conversion is length-preserving,
character for character, so an offset into the converted text is an offset into
the original too.
"""

from __future__ import annotations

import re
from functools import cache

# Unified ideographs: the BMP's (extension A, the main block, compatibility forms),
# enough to detect a traditional text, and the supplementary planes', converted too.
_BMP_HAN_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))
_ASTRAL_HAN_RANGES = ((0x20000, 0x323AF),)
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U000323af]")
# A document is traditional when t2s changes at least this many of its characters
# and this share of its Han characters. The seeds (simplified) have at most 2
# (職業 once in seed 000), a traditional page about a quarter of its characters.
MIN_TRADITIONAL_CHARS = 5
MIN_TRADITIONAL_SHARE = 0.01


@cache
def _converter():
    """OpenCC's traditional → simplified converter, built once per process."""
    import opencc

    return opencc.OpenCC("t2s")


@cache
def _changed_characters(ranges: tuple[tuple[int, int], ...]) -> dict[int, str]:
    """The ideographs in ``ranges`` that t2s changes, each with its one-character simplified form.

    Converting them one per line keeps OpenCC from matching phrases across them.
    """
    characters = [chr(code) for low, high in ranges for code in range(low, high + 1)]
    converted = _converter().convert("\n".join(characters)).split("\n")
    if len(converted) != len(characters):  # never seen; then no character is mapped on its own
        return {}
    return {
        ord(original): simple
        for original, simple in zip(characters, converted, strict=True)
        if simple != original and len(simple) == 1
    }


@cache
def _character_map() -> dict[int, str]:
    return _changed_characters(_BMP_HAN_RANGES) | _changed_characters(_ASTRAL_HAN_RANGES)


@cache
def _traditional_characters() -> re.Pattern[str]:
    """The BMP characters that t2s changes, as one class (a bitmap lookup per character)."""
    characters = "".join(re.escape(chr(code)) for code in _changed_characters(_BMP_HAN_RANGES))
    return re.compile(f"[{characters}]" if characters else "(?!)")


def is_traditional(text: str) -> bool:
    """Is this text written in traditional characters? Decide once per document.

    One regex scan for BMP characters that t2s changes (astral ones are too rare
    to tell); a simplified text, most of a corpus, is never converted.
    """
    changed = len(_traditional_characters().findall(text))
    if changed < MIN_TRADITIONAL_CHARS:
        return False
    return changed >= MIN_TRADITIONAL_SHARE * len(_HAN.findall(text))


def to_simplified(text: str) -> str:
    """The simplified form of ``text``, of the same length, character for character.

    OpenCC's phrase conversion (乾隆 stays, 乾燥 → 干燥) is used when it keeps every
    character in place; otherwise each character is mapped on its own.
    """
    character_map = _character_map()
    try:
        converted = _converter().convert(text)
    except UnicodeEncodeError:  # a lone surrogate: OpenCC takes UTF-8
        return text.translate(character_map)
    aligned = len(converted) == len(text) and all(
        simple == original or ord(original) in character_map for original, simple in zip(text, converted, strict=True)
    )
    return converted if aligned else text.translate(character_map)
