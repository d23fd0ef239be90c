"""Frames of a slide-in made by moving what is already on the screen: only the strip that changed is sent.

While part of a scene slides in from below (a new card coming up), everything else stands still. The
slide's first frame is drawn in full, as any frame. From then on each frame scrolls the part's column of
the window up by the distance the part rose, and fills in the rows that scrolling cannot give: the rows of
the part that come into sight at the bottom of the area, and what lies below the part (which stays where
it is). Those rows are the only picture kept: the tail of the column as it looks when the part is at
rest, drawn once, in the second frame, clipped to that strip. No text is drawn again, no frame costs more
than one full drawing, and only the column is sent to the screen, which is what old PCs are slow at.

What a scene does to slide this way (game/ui/scenes/base.py): `sliding()` returns where the part rests
and how far below that it is now (less and less), and `draw()` takes the offset from `offset_to_draw()`.
The part must lie inside its resting rectangle and be clipped to the scene's area; what lies behind it
must be still.
"""
from __future__ import annotations

import pygame


class SlideFrames:
    """The one picture a slide keeps, and where the part was last shown."""

    def __init__(self):
        self._stage = 0  # 0: no slide; 1: the first frame is on the screen; 2: the tail is kept
        self._tail: pygame.Surface | None = None  # the column's bottom rows with the part at rest
        self._tail_rect = pygame.Rect(0, 0, 0, 0)
        self._rest = pygame.Rect(0, 0, 0, 0)
        self._column = pygame.Rect(0, 0, 0, 0)  # from the part's resting top to the bottom of the area
        self._offset = 0

    def forget(self) -> None:
        """The slide is over: its picture goes (a card at rest needs none, and it is the card's size)."""
        self._stage = 0
        self._tail = None

    def frame(self, screen: pygame.Surface, draw, scene, rest: pygame.Rect, clip: pygame.Rect, offset: int,
              full: bool) -> pygame.Rect | None:
        """Put the frame with the part `offset` pixels below its rest on `screen`; returns the rectangle
        that changed, or None when the whole window did. `draw()` draws the app's whole picture; `full`
        says something besides the part changed."""
        rest = rest.clip(screen.get_rect())
        if full or self._stage == 0 or offset > self._offset or rest != self._rest:
            draw()
            self._rest = pygame.Rect(rest)
            self._column = pygame.Rect(rest.x, rest.y, rest.width, clip.bottom - rest.y).clip(clip)
            self._offset, self._stage = offset, 1
            return None
        changed = self._scroll(screen, offset)
        if self._stage == 1:
            self._keep_tail(screen, draw, scene, offset)
        else:
            self._fill_in(screen, offset)
        self._offset = offset
        return changed

    def _scroll(self, screen: pygame.Surface, offset: int) -> pygame.Rect:
        """Move the part up to `offset`; the rows above its new top (what it has not covered yet) stay."""
        column = self._column
        moving = pygame.Rect(column.x, self._rest.y + offset, column.width, column.bottom - self._rest.y - offset)
        moving = moving.clip(column)
        screen.set_clip(moving)
        screen.scroll(0, offset - self._offset)
        screen.set_clip(None)
        return moving

    def _keep_tail(self, screen: pygame.Surface, draw, scene, offset: int) -> None:
        """Draw the bottom rows of the column with the part at rest and keep them, then draw the same rows as
        they are now. Every row the rest of the slide brings into sight is in them: the part's rows still
        below the area now, and all that lies below the part at rest."""
        column, rest = self._column, self._rest
        top = max(column.y, min(column.bottom - offset, rest.bottom))
        self._tail_rect = pygame.Rect(column.x, top, column.width, column.bottom - top)
        if not self._tail_rect.height:
            self._stage = 2
            return
        screen.set_clip(self._tail_rect)
        try:
            with scene.drawn_at_rest():
                draw()
            if self._tail is None or self._tail.get_size() != self._tail_rect.size:
                self._tail = pygame.Surface(self._tail_rect.size, 0, screen)
            self._tail.blit(screen, (0, 0), self._tail_rect)
            draw()
        finally:
            screen.set_clip(None)
        self._stage = 2

    def _fill_in(self, screen: pygame.Surface, offset: int) -> None:
        """After a scroll: the part's rows that came into sight at the bottom, and what lies below the part."""
        column, tail = self._column, self._tail_rect
        if not tail.height:
            return
        risen = self._offset - offset
        part_bottom = self._rest.bottom + offset
        top = max(column.bottom - risen, self._rest.y + offset)
        shown = pygame.Rect(column.x, top, column.width, min(column.bottom, part_bottom) - top)
        if shown.height > 0:  # the part's own rows, `offset` lower than at rest
            screen.blit(self._tail, shown, shown.move(-tail.x, -tail.y - offset))
        below = pygame.Rect(column.x, part_bottom, column.width, column.bottom - part_bottom)
        if below.height > 0:  # what lies below the part, where it always is
            screen.blit(self._tail, below, below.move(-tail.x, -tail.y))
