"""What a team name may hold, wherever it comes from: typed, remembered in settings.json or saved in a game.

A team name is drawn on the projector, written into save.json and into the report. A NUL or a lone
surrogate (half of an emoji pasted badly, or a hand-edited file) can be none of these, and control or
bidi characters would show nothing or reorder the text around them, so they are taken out at every door.
"""
from __future__ import annotations

import unicodedata

from game.content.characters import BIDI_CONTROLS

# Controls (NUL, escape, line breaks), lone surrogates, unassigned and private-use code points. Format
# characters (Cf) stay, except the bidi controls: Bangla needs ZWJ and ZWNJ.
_REFUSED_CATEGORIES = frozenset(("Cc", "Cs", "Cn", "Co"))


def _allowed(character: str) -> bool:
    return unicodedata.category(character) not in _REFUSED_CATEGORIES and character not in BIDI_CONTROLS


def clean_team_name(name: str) -> str:
    """`name` without the characters a team name may not hold (its length is checked where it is used)."""
    return "".join(character for character in name if _allowed(character))


def is_clean_team_name(name: object) -> bool:
    """Whether `name` is text that clean_team_name would leave as it is."""
    return isinstance(name, str) and clean_team_name(name) == name
