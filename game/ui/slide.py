"""Frames of a slide-in drawn from two cached pictures: only the strip that changed goes to the screen.

While part of a scene slides (a new card coming up from below), everything else stands still. So the
scene is drawn twice when the slide starts: once with the sliding part out of sight (the still picture)
and once with it at rest (from which the sliding part is cut out). Each frame after that puts back the
still picture where the part was, the part where it is now, and updates only that rectangle of the
window: no text is drawn again and no whole window is sent to the screen, which is what old PCs are slow at.

What a scene does to slide this way (game/ui/scenes/base.py): `sliding()` returns where the part rests
and how far below that it is now, and `draw()` takes the offset from `offset_to_draw()`. The part must
lie inside its resting rectangle and be clipped to the scene's area; what lies behind it must be still.
"""
from __future__ import annotations

import pygame


class SlideFrames:
    """The cached pictures of one slide, made again whenever a full picture is drawn."""

    def __init__(self):
        self._still: pygame.Surface | None = None
        self._part: pygame.Surface | None = None
        self._rest = pygame.Rect(0, 0, 0, 0)
        self._clip = pygame.Rect(0, 0, 0, 0)
        self._lane = pygame.Rect(0, 0, 0, 0)  # the column the part moves in; the still picture covers only it
        self._shown: pygame.Rect | None = None  # where the part was drawn last, clipped to the area

    def forget(self) -> None:
        self._shown = None  # the surfaces stay: the next slide of the same size reuses their memory

    @property
    def ready(self) -> bool:
        return self._shown is not None

    def prepare(self, screen: pygame.Surface, draw, scene, rest: pygame.Rect, clip: pygame.Rect) -> None:
        """Draw the scene (with `draw()`, the app's whole picture) with the part at rest and without it,
        keeping only the column the part moves in; the screen is left showing the part at rest."""
        window = screen.get_rect()
        self._rest = rest.clip(window)
        self._clip = clip.clip(window)
        # Everything the part covers on its way up from below the area.
        self._lane = pygame.Rect(rest.x, rest.y, rest.width, self._clip.bottom - rest.y).clip(self._clip)
        scene.drawing_offset = self._clip.bottom - rest.top + 1  # far enough down to be out of sight
        try:
            draw()
            self._still = _keep(screen, self._lane, self._still)
            scene.drawing_offset = 0
            draw()
            self._part = _keep(screen, self._rest, self._part)
        finally:
            scene.drawing_offset = None
        self._shown = self._rest.clip(self._clip)  # what the screen shows now differs from the still there only

    def compose(self, screen: pygame.Surface, offset: int) -> pygame.Rect:
        """The part `offset` pixels below its rest over the still picture; returns the rectangle that changed."""
        now = self._rest.move(0, offset).clip(self._clip)
        changed = now.union(self._shown) if now.width and now.height else self._shown
        screen.blit(self._still, changed, changed.move(-self._lane.x, -self._lane.y))
        screen.set_clip(self._clip)
        screen.blit(self._part, self._rest.move(0, offset))
        screen.set_clip(None)
        self._shown = now
        return changed


def _keep(screen: pygame.Surface, area: pygame.Rect, kept: pygame.Surface | None) -> pygame.Surface:
    """A copy of `area` of the screen, in `kept` when it has that size: a new surface of a few MB costs
    more in fresh memory pages than the copy itself."""
    if kept is None or kept.get_size() != area.size:
        kept = pygame.Surface(area.size, 0, screen)
    kept.blit(screen, (0, 0), area)
    return kept
