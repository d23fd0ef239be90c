"""Frames of a slide-in drawn from cached pictures: only the strip that changed goes to the screen.

While part of a scene slides in from below (a new card coming up), everything else stands still. So the
scene is drawn twice when the slide starts: once with the part at rest, from which the part is cut out,
and once with the part out of sight, which is the picture around it. Each frame after that puts the
part where it is now and, below it, what it uncovered, and updates only that rectangle of the window: no
text is drawn again and no whole window is sent to the screen, which is what old PCs are slow at.

As the part only rises, what it uncovers is always below its resting place, so only that strip of the
picture without it is kept: the memory a slide needs is the part's own picture and little more.

What a scene does to slide this way (game/ui/scenes/base.py): `sliding()` returns where the part rests
and how far below that it is now, and `draw()` takes the offset from `offset_to_draw()`. The part must
lie inside its resting rectangle and be clipped to the scene's area; what lies behind it must be still.
"""
from __future__ import annotations

import pygame


class SlideFrames:
    """The cached pictures of one slide, made again whenever a full picture is drawn."""

    def __init__(self):
        self._part: pygame.Surface | None = None
        self._below: pygame.Surface | None = None  # the picture without the part, under its resting place
        self._rest = pygame.Rect(0, 0, 0, 0)
        self._clip = pygame.Rect(0, 0, 0, 0)
        self._below_rect = pygame.Rect(0, 0, 0, 0)
        self._shown: pygame.Rect | None = None  # where the part was drawn last, clipped to the area
        self._offset = 0

    def forget(self) -> None:
        self._shown = None  # the surfaces stay: the next slide of the same size reuses their memory

    def can_show(self, offset: int) -> bool:
        """True when a frame at `offset` can come from the cached pictures: the part has not gone down."""
        return self._shown is not None and offset <= self._offset

    def start(self, screen: pygame.Surface, draw, scene, rest: pygame.Rect, clip: pygame.Rect, offset: int) -> None:
        """Draw the scene (with `draw()`, the app's whole picture) with the part at rest and without it,
        and leave the screen showing the first frame: the picture without the part, the part over it."""
        window = screen.get_rect()
        self._clip = clip.clip(window)
        self._rest = rest.clip(window)
        self._below_rect = pygame.Rect(rest.x, rest.bottom, rest.width, self._clip.bottom - rest.bottom).clip(self._clip)
        try:
            scene.drawing_offset = 0
            draw()
            self._part = _keep(screen, self._rest, self._part)
            scene.drawing_offset = self._clip.bottom - rest.top + 1  # far enough down to be out of sight
            draw()
            self._below = _keep(screen, self._below_rect, self._below)
        finally:
            scene.drawing_offset = None
        self._offset = offset
        self._shown = self._put_part(screen, offset)

    def next_frame(self, screen: pygame.Surface, offset: int) -> pygame.Rect:
        """The part `offset` pixels below its rest (no lower than last time); returns the rectangle that changed."""
        changed = self._shown
        if self._below_rect.height and self._below_rect.colliderect(changed):
            uncovered = changed.clip(self._below_rect)
            screen.blit(self._below, uncovered, uncovered.move(-self._below_rect.x, -self._below_rect.y))
        now = self._put_part(screen, offset)
        self._offset = offset
        self._shown = now
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
