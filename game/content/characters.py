"""Characters an author cannot see: naming them in messages, and finding the bidi controls a deck refuses."""
from __future__ import annotations

import re
import unicodedata

# Bidirectional controls make text show in another order than it is stored ("Trojan Source"):
# a card could read one way on screen and another in the catalog a reviewer checks. Bangla and
# English never need them. ZWJ and ZWNJ (U+200D, U+200C) are not among them: Bangla uses both.
BIDI_CONTROLS = frozenset(
    "\u061c"            # ARABIC LETTER MARK
    "\u200e\u200f"      # LEFT-TO-RIGHT MARK, RIGHT-TO-LEFT MARK
    "\u202a\u202b\u202c\u202d\u202e"  # embeddings, overrides and POP DIRECTIONAL FORMATTING
    "\u2066\u2067\u2068\u2069"        # isolates and POP DIRECTIONAL ISOLATE
)
BIDI_PATTERN = re.compile("[" + "".join(sorted(BIDI_CONTROLS)) + "]")

# Names for the control characters, which unicodedata leaves unnamed (Unicode's name aliases).
_CONTROL_NAMES = dict(zip(
    [chr(code) for code in range(0x20)],
    ("NULL", "START OF HEADING", "START OF TEXT", "END OF TEXT", "END OF TRANSMISSION", "ENQUIRY",
     "ACKNOWLEDGE", "BELL", "BACKSPACE", "TAB", "LINE FEED", "VERTICAL TAB", "FORM FEED",
     "CARRIAGE RETURN", "SHIFT OUT", "SHIFT IN", "DATA LINK ESCAPE", "DEVICE CONTROL ONE",
     "DEVICE CONTROL TWO", "DEVICE CONTROL THREE", "DEVICE CONTROL FOUR", "NEGATIVE ACKNOWLEDGE",
     "SYNCHRONOUS IDLE", "END OF TRANSMISSION BLOCK", "CANCEL", "END OF MEDIUM", "SUBSTITUTE",
     "ESCAPE", "FILE SEPARATOR", "GROUP SEPARATOR", "RECORD SEPARATOR", "UNIT SEPARATOR"),
    strict=True,
))
_CONTROL_NAMES.update({"\x7f": "DELETE", "\x85": "NEXT LINE"})


def character_name(character: str) -> str:
    """'NO-BREAK SPACE (U+00A0)': the Unicode name and code point an author can search for."""
    name = _CONTROL_NAMES.get(character) or unicodedata.name(character, "") or "CONTROL CHARACTER"
    return f"{name} (U+{ord(character):04X})"


def is_hidden(character: str) -> bool:
    """True for a character that shows as nothing or as an ordinary space: an author cannot see it."""
    if character == " ":
        return False
    return unicodedata.category(character) in ("Zs", "Zl", "Zp", "Cc", "Cf", "Co", "Cn", "Cs")


def describe(value: str, ascii_expected: bool = False) -> str:
    """The value in quotes, with every hidden character named instead of shown.

    "'safe' followed by a NO-BREAK SPACE (U+00A0)" says what "'safe '" hides. Where only plain
    ASCII is right (a grade, an id), a few non-ASCII letters are named too: a Cyrillic 'а' looks
    exactly like the Latin one.
    """
    foreign = sum(1 for character in value if not character.isascii())
    name_foreign = ascii_expected and 0 < foreign <= 3
    parts: list[str] = []
    text = ""
    for character in value:
        if is_hidden(character) or (name_foreign and not character.isascii()):
            if text:
                parts.append(f"'{text}'")
                text = ""
            parts.append(f"a {character_name(character)}")
        else:
            text += character
    if text:
        parts.append(f"'{text}'")
    if not parts:
        return "''"
    if len(parts) == 1:
        return parts[0] if parts[0].startswith("'") else f"only {parts[0]}"
    if len(parts) == 2:
        return f"{parts[0]} followed by {parts[1]}"
    return ", then ".join(parts)


def bidi_offsets(text: str) -> list[int]:
    """Where the text holds a bidi control, as offsets from its start."""
    return [match.start() for match in BIDI_PATTERN.finditer(text)]
