"""The helplines a child may dial: the one list that screens, reports, print and the catalog checks read.

Every number here was checked digit by digit against the safeguarding notes. Card text that names a
helpline must use exactly one of these numbers; the catalog check holds card text and translations to it.
"""
from __future__ import annotations

from dataclasses import dataclass

from game.i18n import N_, Translator


@dataclass(frozen=True)
class Helpline:
    name: str      # an English msgid, translated when shown
    number: str    # plain Latin digits, as dialled
    note: str = ""  # an English msgid or ""


HELPLINES = (
    Helpline(N_("Child Helpline"), "1098", N_("free, 24 hours")),
    Helpline(N_("National Emergency Service"), "999"),
    Helpline(N_("Helpline for violence against women and children"), "109"),
    Helpline(N_("Police Cyber Support for Women"), "01320000888"),
)

HELPLINE_NUMBERS = frozenset(helpline.number for helpline in HELPLINES)


def helpline_lines(tr: Translator) -> list[str]:
    """One line per helpline in the player's language: "name: number (note)"."""
    lines = []
    for helpline in HELPLINES:
        line = f"{tr._(helpline.name)}: {tr.digits(helpline.number)}"
        if helpline.note:
            line += f" ({tr._(helpline.note)})"
        lines.append(line)
    return lines
