"""Frames of a slide-in drawn from cached pictures: only the strip that changed goes to the screen.

While part of a scene slides in from below (a new card coming up), everything else stands still. The
slide's first frame is drawn in full, as any frame; the picture above the part, which the part will
cover as it rises, is kept. The second frame is drawn once more with the part at rest, and the part's
picture is cut out of it. From then on each frame is the part's picture blitted at its new place and,
below it, the strip it uncovered, and only that rectangle of the window is updated: no text is drawn
again and no whole window is sent to the screen, which is what old PCs are slow at. No frame costs more
than one full drawing.

What a scene does to slide this way (game/ui/scenes/base.py): `sliding()` returns where the part rests
and how far below that it is now (less and less), and `draw()` takes the offset from `offset_to_draw()`.
The part must lie inside its resting rectangle and be clipped to the scene's area; what lies behind it
must be still.
"""
from __future__ import annotations

import pygame


class SlideFrames:
    """The cached pictures of one slide."""

    def __init__(self):
        self._stage = 0  # 0: no slide; 1: the first frame is on the screen; 2: the part's picture is cut out
        self._part: pygame.Surface | None = None
        self._above: pygame.Surface | None = None  # the picture above the part in the first frame
        self._below: pygame.Surface | None = None  # the picture under the part's resting place
        self._rest = pygame.Rect(0, 0, 0, 0)
        self._clip = pygame.Rect(0, 0, 0, 0)
        self._above_rect = pygame.Rect(0, 0, 0, 0)
        self._below_rect = pygame.Rect(0, 0, 0, 0)
        self._shown = pygame.Rect(0, 0, 0, 0)  # where the part was drawn last, clipped to the area
        self._offset = 0

    def forget(self) -> None:
        self._stage = 0  # the surfaces stay: the next slide of the same size reuses their memory

    def frame(self, screen: pygame.Surface, draw, scene, rest: pygame.Rect, clip: pygame.Rect, offset: int,
              full: bool) -> pygame.Rect | None:
        """Put the frame with the part `offset` pixels below its rest on `screen`; returns the rectangle
        that changed, or None when the whole window did. `draw()` draws the app's whole picture; `full`
        says something besides the part changed."""
        rest = rest.clip(screen.get_rect())
        if full or self._stage == 0 or offset > self._offset or rest != self._rest:
            return self._first(screen, draw, rest, clip, offset)
        if self._stage == 1:
            return self._second(screen, draw, scene, offset)
        return self._next(screen, offset)

    def _first(self, screen, draw, rest, clip, offset) -> None:
        draw()
        window = screen.get_rect()
        self._rest, self._clip = pygame.Rect(rest), clip.clip(window)
        self._above_rect = pygame.Rect(rest.x, rest.y, rest.width, offset).clip(self._clip)
        if self._above_rect.width and self._above_rect.height:
            self._above = _keep(screen, self._above_rect, self._above)
        self._offset, self._stage = offset, 1
        return None

    def _second(self, screen, draw, scene, offset) -> pygame.Rect:
        rest, clip = self._rest, self._clip
        try:
            scene.drawing_offset = 0
            draw()
        finally:
            scene.drawing_offset = None
        self._part = _keep(screen, rest, self._part)
        self._below_rect = pygame.Rect(rest.x, rest.bottom, rest.width, clip.bottom - rest.bottom).clip(clip)
        if self._below_rect.width and self._below_rect.height:
            self._below = _keep(screen, self._below_rect, self._below)
        # The screen shows the part at rest: what was behind it, above where it is now, comes from the first
        # frame (the part was lower then, so all of it was in sight).
        uncovered = pygame.Rect(rest.x, rest.y, rest.width, offset).clip(clip)
        if uncovered.width and uncovered.height:
            screen.blit(self._above, uncovered, uncovered.move(-self._above_rect.x, -self._above_rect.y))
        self._shown = self._put_part(screen, offset)
        self._offset, self._stage = offset, 2
        return pygame.Rect(rest.x, rest.y, rest.width, clip.bottom - rest.y).clip(clip)

    def _next(self, screen, offset) -> pygame.Rect:
        changed = self._shown
        if self._below_rect.height and self._below_rect.colliderect(changed):
            uncovered = changed.clip(self._below_rect)
            screen.blit(self._below, uncovered, uncovered.move(-self._below_rect.x, -self._below_rect.y))
        now = self._put_part(screen, offset)
        self._offset, self._shown = offset, now
        return changed.union(now) if now.width and now.height else changed

    def _put_part(self, screen: pygame.Surface, offset: int) -> pygame.Rect:
        screen.set_clip(self._clip)
        screen.blit(self._part, self._rest.move(0, offset))
        screen.set_clip(None)
        return self._rest.move(0, offset).clip(self._clip)


def _keep(screen: pygame.Surface, area: pygame.Rect, kept: pygame.Surface | None) -> pygame.Surface:
    """A copy of `area` of the screen, in `kept` when it has that size: a new surface of a few MB costs
    more in fresh memory pages than the copy itself."""
    if kept is None or kept.get_size() != area.size:
        kept = pygame.Surface(area.size, 0, screen)
    kept.blit(screen, (0, 0), area)
    return kept
