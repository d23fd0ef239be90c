"""Where each line of text went: a screen that records the text blitted onto it.

`python -m game shots` draws each scene onto a `RecordingSurface` instead of the window and writes
what it recorded to layout.json, so that sizes, overlaps and clipping can be checked by tests and
by tools outside the game. Drawing code says what a piece of text is for with `tagged()`; on an
ordinary surface that costs nothing.
"""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass

import pygame

# What a line of text is for, as layout.json names it.
ROLES = ("story", "prompt", "choice", "feedback", "tip", "discussion", "score", "timer", "button", "chrome",
         "helpline", "other")


@dataclass(frozen=True)
class DrawnLine:
    role: str
    px: int
    rect: tuple[int, int, int, int]
    text: str

    def as_json(self) -> dict:
        return {"role": self.role, "px": self.px, "rect": list(self.rect), "text": self.text}


class RecordingSurface(pygame.Surface):
    """A surface that keeps, for every text surface of `renderer` blitted onto it, each line's place."""

    def __init__(self, size: tuple[int, int], renderer):
        super().__init__(size)
        self.renderer = renderer
        self.role = "other"
        self.lines: list[DrawnLine] = []

    def blit(self, source, dest, area=None, special_flags=0):
        drawn = super().blit(source, dest, area, special_flags)
        found = self.renderer.lines_in.get(source)
        if found is not None:
            x, y = (dest.x, dest.y) if isinstance(dest, pygame.Rect) else (int(dest[0]), int(dest[1]))
            if area is not None:  # only part of the source was copied
                x, y = x - pygame.Rect(area).x, y - pygame.Rect(area).y
            for text, rect in found.lines:
                placed = rect.move(x, y)
                if self.get_clip().colliderect(placed) and text.strip():
                    line = DrawnLine(self.role, found.size, tuple(placed), text)
                    # The same words drawn again in the same place (a screen drawn under a dialog) are one line.
                    self.lines = [old for old in self.lines if (old.rect, old.text) != (line.rect, line.text)]
                    self.lines.append(line)
        return drawn


@contextmanager
def tagged(surface: pygame.Surface, role: str):
    """Text drawn inside this block is recorded as `role` (a no-op on an ordinary surface)."""
    if not isinstance(surface, RecordingSurface):
        yield
        return
    if role not in ROLES:
        raise ValueError(f"unknown text role {role!r}")
    before, surface.role = surface.role, role
    try:
        yield
    finally:
        surface.role = before


def covered(surface: pygame.Surface, rect: pygame.Rect) -> None:
    """An opaque box, or the dimming behind a question, was drawn over `rect`: the text beneath is no longer what
    the room reads (a no-op on an ordinary surface)."""
    if isinstance(surface, RecordingSurface):
        surface.lines = [line for line in surface.lines if not rect.colliderect(pygame.Rect(line.rect))]
