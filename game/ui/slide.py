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
        self._shown: pygame.Rect | None = None  # where the part was drawn last, clipped to the area

    def forget(self) -> None:
        self._still = self._part = self._shown = None

    @property
    def ready(self) -> bool:
        return self._still is not None

    def prepare(self, screen: pygame.Surface, draw, scene, rest: pygame.Rect, clip: pygame.Rect) -> None:
        """Draw the scene (with `draw()`, the app's whole picture) without the part and with it at rest."""
        hidden = clip.bottom - rest.top + 1  # far enough down that nothing of the part is in the area
        scene.drawing_offset = hidden
        try:
            draw()
            self._still = screen.copy()
            scene.drawing_offset = 0
            draw()
            self._part = screen.subsurface(rest.clip(screen.get_rect())).copy()
        finally:
            scene.drawing_offset = None
        self._rest = rest.clip(screen.get_rect())
        self._clip = clip.clip(screen.get_rect())
        self._shown = None

    def compose(self, screen: pygame.Surface, offset: int) -> pygame.Rect:
        """The part `offset` pixels below its rest over the still picture; returns the rectangle that changed."""
        now = self._rest.move(0, offset).clip(self._clip)
        if self._shown is None:  # the first frame: the screen still holds the picture at rest
            changed = screen.get_rect()
        elif now.width and now.height:
            changed = now.union(self._shown)
        else:
            changed = self._shown
        screen.blit(self._still, changed, changed)
        screen.set_clip(self._clip)
        screen.blit(self._part, self._rest.move(0, offset))
        screen.set_clip(None)
        self._shown = now
        return changed
