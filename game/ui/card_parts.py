"""The pieces a card on the play screen is drawn from: choice tiles, the clock and the card frame.

Only drawing: where each piece goes is decided by the play scene (game/ui/scenes/play.py).
"""
from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.ui import art
from game.ui.drawn_text import tagged
from game.ui.widgets import Button, Ui, draw_grade_icon, grade_color

TILE_ROLE = "card"  # the text size of a choice: read from the back of the room like the story


def tile_text_width(ui: Ui, width: int) -> int:
    """The width a choice's words get inside a tile of `width` (the mark takes the left)."""
    return max(40, width - _mark_size(ui) - 3 * ui.metrics.px(12))


def _mark_size(ui: Ui) -> int:
    return round(ui.metrics.text(TILE_ROLE) * 1.6)


def tile_height(ui: Ui, label: str, width: int) -> int:
    pad = ui.metrics.px(12)
    size, text_width = ui.metrics.text(TILE_ROLE), tile_text_width(ui, width)
    # The picked choice is drawn bold, which is wider and may need another line: every tile is as tall as its
    # words in bold, so picking one never lets them spill out, nor moves the tiles.
    text_height = max(ui.text.block_height(label, size, text_width),
                      ui.text.block_height(label, size, text_width, bold=True))
    return max(_mark_size(ui), text_height) + 2 * pad


def draw_tile(surface: pygame.Surface, ui: Ui, button: Button, focused: bool, hovered: bool) -> None:
    """A choice as a large tile: its mark (number, colour and shape), its words, and after the
    reveal its grade. The picked choice is filled and framed thickly, so it reads without colour."""
    theme, m = ui.theme, ui.metrics
    index = button.extra["choice"]
    rect = button.rect
    radius = m.px(12)
    fill, ink = theme.card, theme.text
    if hovered and button.enabled and not button.selected:
        fill = theme.button_hover
    if button.selected:
        fill = theme.button
    if not button.enabled and not button.selected:
        ink = theme.muted
    pygame.draw.rect(surface, fill, rect, border_radius=radius)
    border = art.choice_colour(index, theme) if not button.selected else theme.accent
    if button.grade is not None:
        border = grade_color(theme, button.grade)
    pygame.draw.rect(surface, border, rect, width=max(2, m.px(6 if button.selected else 3)), border_radius=radius)
    if focused:
        ring = rect.inflate(m.px(8), m.px(8))
        pygame.draw.rect(surface, theme.focus, ring, width=max(2, m.px(4)), border_radius=radius + m.px(4))
    pad = m.px(12)
    mark = _mark_size(ui)
    mark_rect = pygame.Rect(rect.x + pad, rect.y + (rect.height - mark) // 2, mark, mark)
    with tagged(surface, "other"):  # the number in the mark is a key to press, not words to read
        art.draw_choice_mark(surface, index, mark_rect, theme, label=button.hint, text=ui.text)
    with tagged(surface, "choice"):
        size = m.text(TILE_ROLE)
        width = tile_text_width(ui, rect.width)
        grade_room = 0
        if button.grade is not None:
            grade_room = size + pad
            draw_grade_icon(surface, button.grade, grade_color(theme, button.grade),
                            (rect.right - pad - size // 2, rect.centery), size // 2)
        # Inside the tile's padding, so always on its fill: drawn on that colour, a quarter of the memory.
        block = ui.text.render_block(button.label, size, ink, width - grade_room, bold=button.selected, background=fill)
        surface.blit(block, (mark_rect.right + pad, rect.y + (rect.height - block.get_height()) // 2))


@dataclass(frozen=True)
class Clock:
    """What the room sees of the discussion clock."""

    seconds_left: int
    total: int
    state: str  # "ready" (not started), "running", "paused" or "up"
    text: str  # the time and what it means, in the room's language

    @property
    def share_left(self) -> float:
        return 0.0 if self.total <= 0 else max(0.0, min(1.0, self.seconds_left / self.total))


def clock_height(ui: Ui, clock: Clock, width: int) -> int:
    block = ui.text.render_block(clock.text, ui.metrics.text("card_note"), ui.theme.text,
                                 _clock_text_width(ui, clock, width), bold=True)
    return max(block.get_height(), _clock_icon(ui)) + 2 * ui.metrics.px(10)


def _clock_icon(ui: Ui) -> int:
    return round(ui.metrics.text("card_note") * 1.4)


def _clock_text_width(ui: Ui, clock: Clock, width: int) -> int:
    """As wide as the words need, leaving the bar at least a third of the clock."""
    natural = ui.text.size(clock.text, ui.metrics.text("card_note"), bold=True)[0] + 2
    return max(60, min(natural, int(width * 0.66) - _clock_icon(ui) - 2 * ui.metrics.px(10)))


def draw_clock(surface: pygame.Surface, ui: Ui, rect: pygame.Rect, clock: Clock) -> None:
    """A bar the room can see from the back: how much discussion time is left, drawn as a
    shrinking bar, with the time in words beside a symbol for running, paused or over. Nothing
    flashes and nothing counts as a score: time running out only means "choose when ready"."""
    theme, m = ui.theme, ui.metrics
    pad = m.px(10)
    running = clock.state == "running"
    back = theme.calm if clock.state == "up" else theme.bar_back
    pygame.draw.rect(surface, back, rect, border_radius=m.px(10))
    icon = _clock_icon(ui)
    icon_rect = pygame.Rect(rect.x + pad, rect.y + (rect.height - icon) // 2, icon, icon)
    ink = theme.accent if running else theme.muted if clock.state == "paused" else theme.text
    _draw_clock_symbol(surface, clock.state, icon_rect, ink)
    text_width = _clock_text_width(ui, clock, rect.width)
    block = ui.text.render_block(clock.text, m.text("card_note"), theme.text, text_width, bold=True)
    with tagged(surface, "timer"):
        surface.blit(block, (icon_rect.right + pad, rect.y + (rect.height - block.get_height()) // 2))
    bar = pygame.Rect(icon_rect.right + 2 * pad + text_width, rect.y + rect.height // 3,
                      rect.right - pad - (icon_rect.right + 2 * pad + text_width), max(4, rect.height // 3))
    if bar.width <= pad:
        return
    pygame.draw.rect(surface, theme.card, bar, border_radius=bar.height // 2)
    left = bar.copy()
    left.width = round(bar.width * clock.share_left)
    if left.width > 0:
        pygame.draw.rect(surface, theme.accent if running else theme.muted, left, border_radius=bar.height // 2)
    if clock.state == "paused":  # stripes: a paused clock looks paused even in grey on a projector
        step = max(6, bar.height)
        for x in range(bar.x, bar.right, step * 2):
            pygame.draw.line(surface, theme.card, (x, bar.bottom - 1), (min(bar.right, x + step), bar.y), 2)
    pygame.draw.rect(surface, theme.card_border, bar, width=max(1, m.px(2)), border_radius=bar.height // 2)


def _draw_clock_symbol(surface: pygame.Surface, state: str, rect: pygame.Rect, colour) -> None:
    """Two bars for paused, a ring for running or ready, a ring with a tick for time up."""
    width = max(2, rect.width // 8)
    if state == "paused":
        bar_w = rect.width // 4
        for x in (rect.x + rect.width // 6, rect.right - rect.width // 6 - bar_w):
            pygame.draw.rect(surface, colour, (x, rect.y + rect.height // 8, bar_w, rect.height * 3 // 4),
                             border_radius=2)
        return
    pygame.draw.circle(surface, colour, rect.center, rect.width // 2, width)
    cx, cy = rect.center
    if state == "up":
        r = rect.width // 2
        pygame.draw.lines(surface, colour, False, [(cx - r * 0.45, cy), (cx - r * 0.1, cy + r * 0.35),
                                                    (cx + r * 0.45, cy - r * 0.35)], width)
    else:  # clock hands
        pygame.draw.line(surface, colour, (cx, cy), (cx, rect.y + rect.height // 4), width)
        pygame.draw.line(surface, colour, (cx, cy), (cx + rect.width // 5, cy), width)
