"""Which characters the bundled fonts can draw, and the card texts that hold one they cannot.

The screen and the printed cards draw with the same Noto fonts (assets/fonts). A character none of them
has (an emoji, a symbol from another script) shows as an empty box on the projector and stops the cards'
PDF, so `validate` names the card, the field and the character before a class meets it.
"""
from __future__ import annotations

import functools
import os
import stat
from pathlib import Path

from game.content.characters import character_name

# The files both the screen (game/ui/text.py) and the paper (game/print/document.py) draw with: plain text in
# the regular weight, choices and headings in bold, each with the Bangla font and the Latin one beside it.
FONT_WEIGHTS = {
    "regular": ("NotoSansBengali-Regular.ttf", "NotoSans-Regular.ttf"),
    "bold": ("NotoSansBengali-Bold.ttf", "NotoSans-Bold.ttf"),
}
# Line breaks and tabs are laid out, never drawn as glyphs.
_LAID_OUT = frozenset("\n\r\t")


class FontsUnreadable(Exception):
    """A bundled font could not be read, so no character can be checked against it."""


@functools.lru_cache(maxsize=4)
def drawable_characters(fonts_dir: Path) -> frozenset[int]:
    """The code points every weight can draw (in one of its fonts): what a card's text may hold."""
    from fontTools.ttLib import TTFont  # fpdf2's own font reader; only validate needs it

    weights = []
    for files in FONT_WEIGHTS.values():
        covered: set[int] = set()
        for name in files:
            path = Path(fonts_dir) / name
            try:
                if not stat.S_ISREG(os.stat(path).st_mode):
                    raise FontsUnreadable(f"{path} is not an ordinary file")
                covered |= set(TTFont(str(path), lazy=True).getBestCmap() or {})
            except FontsUnreadable:
                raise
            except Exception as error:  # noqa: BLE001 - a missing, cut or foreign font raises many kinds
                raise FontsUnreadable(f"{path} cannot be read ({type(error).__name__}: {error})") from None
        weights.append(covered)
    return frozenset(set.intersection(*weights))


def missing_characters(text: str, drawable: frozenset[int]) -> list[tuple[int, str]]:
    """(position from 1, character) of each character of `text` no bundled font draws, each character once."""
    found, seen = [], set()
    for position, character in enumerate(text, start=1):
        if character in _LAID_OUT or ord(character) in drawable or character in seen:
            continue
        seen.add(character)
        found.append((position, character))
    return found


def describe_missing(characters: list[str]) -> str:
    return ", ".join(f"{character!r} {character_name(character)}" for character in characters)
