"""Messages for people: who each one is for (the room, the facilitator, the staff) and when it goes.

A notice is read and gone with the next step anyone takes, so a refused key does not leave a red
bar on the projector. With a presenter window, the facilitator's notices show there only.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass


class Audience(enum.Enum):
    ROOM = "room"  # the students' screen (and a kiosk visitor)
    FACILITATOR = "facilitator"  # the person running a workshop
    STAFF = "staff"  # whoever set the PC up: storage and settings-file problems


@dataclass(frozen=True)
class Notice:
    text: str
    audience: Audience
    calm: bool = False  # a hint ("pick a choice first"), drawn quietly; red is kept for what went wrong


class Notices:
    SHOWN = 3  # at most this many lines at once: the newest

    def __init__(self) -> None:
        self._items: list[Notice] = []

    def post(self, text: str, audience: Audience = Audience.ROOM, calm: bool = False) -> None:
        if not any(n.text == text and n.audience is audience for n in self._items):
            self._items.append(Notice(text, audience, calm))

    def clear(self) -> None:
        self._items.clear()

    def __bool__(self) -> bool:
        return bool(self._items)

    def texts(self) -> list[str]:
        return [n.text for n in self._items]

    def for_screen(self, facilitator_screen: bool, presenter_open: bool) -> list[Notice]:
        """The notices one window shows: the students' screen keeps the facilitator's to itself
        only when the facilitator has a window of their own."""
        if facilitator_screen:
            wanted = {Audience.FACILITATOR, Audience.STAFF}
        elif presenter_open:
            wanted = {Audience.ROOM, Audience.STAFF}
        else:
            wanted = set(Audience)
        return [n for n in self._items if n.audience in wanted][-self.SHOWN:]
