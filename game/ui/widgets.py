"""Buttons, text boxes, grade badges, the helplines panel and the scoreboard, drawn from the theme."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import pygame

from game.engine.cards import Grade
from game.helplines import helpline_lines
from game.i18n import Translator
from game.words import answer_word
from game.ui.drawn_text import covered, tagged
from game.ui.layout import Metrics
from game.ui.text import TextRenderer, grapheme_clusters
from game.ui.theme import Theme


@dataclass
class Ui:
    """What every scene draws with: text, theme, sizes and the translator."""

    text: TextRenderer
    theme: Theme
    metrics: Metrics
    tr: Translator


@dataclass
class Button:
    rect: pygame.Rect
    label: str
    action: Callable[[], None] | None = None  # what a press does, for a button that gives no `command`
    style: str = "normal"  # "primary", "normal", "quiet", "choice", "danger"
    selected: bool = False  # a toggle that is on, or the choice a team picked
    enabled: bool = True
    hint: str = ""  # a key shown on the button, e.g. "1" or "A"
    name: str = ""  # stable name for tests and autoplay, independent of the language
    role: str = "button"
    label_align: str = "center"
    grade: Grade | None = None  # a revealed choice shows its grade
    extra: dict = field(default_factory=dict)
    move: object = None  # the game action (engine Action) this button takes, when it takes one
    command: object = None  # the Command (game/ui/input.py) a press gives its scene, as its key would


def draw_text(surface: pygame.Surface, ui: Ui, text: str, role: str, color, x: int, y: int,
              max_width: int, align: str = "left", bold: bool = False, background=None) -> int:
    """Draw wrapped text with its top at y; returns the height used. Give the `background` where the text
    lies on a plain fill of that colour: its picture then takes a quarter of the memory."""
    size = ui.metrics.text(role)
    block = ui.text.render_block(text, size, color, max_width, bold=bold, align=align, background=background)
    if align == "center":
        surface.blit(block, (x + (max_width - block.get_width()) // 2, y))
    else:
        surface.blit(block, (x, y))
    return block.get_height()


def dim(surface: pygame.Surface, rect: pygame.Rect, colour, alpha: int) -> None:
    """Fade `rect` towards `colour` (alpha 0-255: how far), in place: what is beneath stays recognisable but is
    no longer what the room reads. Blended on the window itself, since a see-through picture of a whole
    projector's window would be 8 MB for a moment."""
    keep = 255 - alpha
    surface.fill((keep, keep, keep), rect, special_flags=pygame.BLEND_RGB_MULT)
    surface.fill(tuple(round(c * alpha / 255) for c in colour[:3]), rect, special_flags=pygame.BLEND_RGB_ADD)
    covered(surface, rect)


def text_height(ui: Ui, text: str, role: str, max_width: int, bold: bool = False) -> int:
    return ui.text.block_height(text, ui.metrics.text(role), max_width, bold=bold)


def shorten_to_width(ui: Ui, text: str, size: int, max_width: int, bold: bool = False) -> str:
    """The text if it fits on one line of max_width, else as much of it as fits and an ellipsis.

    Cut only between letter clusters, so a Bangla conjunct or vowel sign is never split."""
    if ui.text.size(text, size, bold)[0] <= max_width:
        return text
    clusters = grapheme_clusters(text)
    low, high = 0, len(clusters)  # the most clusters that fit with the ellipsis: found by halving
    while low < high:
        middle = (low + high + 1) // 2
        if ui.text.size("".join(clusters[:middle]).rstrip() + "\u2026", size, bold)[0] <= max_width:
            low = middle
        else:
            high = middle - 1
    return "".join(clusters[:low]).rstrip() + "\u2026"


def draw_form_labels(surface: pygame.Surface, ui: Ui, area: pygame.Rect, title: str,
                     label_rows: list[tuple[str, int, int]], label_width: int) -> None:
    """A form's heading, and each row's label (text, top, row height) at the left, centred on its row's
    controls (on the first two lines of a tall row)."""
    m = ui.metrics
    draw_text(surface, ui, title, "heading", ui.theme.accent, m.margin, area.y + m.margin,
              area.width - 2 * m.margin, bold=True)
    for label, y, height in label_rows:
        h = text_height(ui, label, "body", label_width - m.gap, bold=True)
        draw_text(surface, ui, label, "body", ui.theme.text, m.margin, y + (min(height, h * 2) - h) // 2,
                  label_width - m.gap, bold=True)


def grade_color(theme: Theme, grade: Grade):
    return {Grade.SAFE: theme.safe, Grade.PARTLY_SAFE: theme.partly_safe, Grade.RISKY: theme.risky}[grade]


def draw_grade_icon(surface: pygame.Surface, grade: Grade, color, center: tuple[int, int], radius: int) -> None:
    """A shape per grade (tick, half circle, cross), so the grade reads without colour."""
    cx, cy = center
    width = max(2, radius // 4)
    pygame.draw.circle(surface, color, center, radius, width)
    if grade is Grade.SAFE:
        points = [(cx - radius * 0.5, cy), (cx - radius * 0.1, cy + radius * 0.4), (cx + radius * 0.5, cy - radius * 0.4)]
        pygame.draw.lines(surface, color, False, points, width)
    elif grade is Grade.PARTLY_SAFE:
        pygame.draw.line(surface, color, (cx - radius * 0.5, cy), (cx + radius * 0.5, cy), width)
    else:
        offset = radius * 0.42
        pygame.draw.line(surface, color, (cx - offset, cy - offset), (cx + offset, cy + offset), width)
        pygame.draw.line(surface, color, (cx - offset, cy + offset), (cx + offset, cy - offset), width)


def draw_grade_badge(surface: pygame.Surface, ui: Ui, grade: Grade, x: int, y: int,
                     right_or_wrong: bool = False) -> pygame.Rect:
    """Icon and word for a grade ("Correct" or "Not quite" on a myth-or-fact card, with the same tick or
    cross); returns the rect drawn."""
    color = grade_color(ui.theme, grade)
    size = ui.metrics.text("heading")
    label = ui.text.render_line(answer_word(ui.tr, grade, right_or_wrong), size, color, bold=True)
    radius = label.get_height() // 2
    draw_grade_icon(surface, grade, color, (x + radius, y + radius), radius)
    surface.blit(label, (x + 2 * radius + ui.metrics.gap // 2, y))
    return pygame.Rect(x, y, 2 * radius + ui.metrics.gap // 2 + label.get_width(), label.get_height())


def button_height(ui: Ui, label: str, width: int, role: str = "button") -> int:
    pad = ui.metrics.px(12)
    inner = width - 2 * pad - (ui.metrics.text(role) * 2 if label else 0)
    return max(ui.metrics.px(44), text_height(ui, label, role, max(40, inner)) + 2 * pad)


def draw_button(surface: pygame.Surface, ui: Ui, button: Button, focused: bool, hovered: bool) -> None:
    theme, metrics = ui.theme, ui.metrics
    rect = button.rect
    radius = metrics.px(10)
    if button.style == "primary":
        fill, ink = theme.accent, theme.accent_text
    elif button.style == "danger":
        fill, ink = theme.alert, theme.alert_text
    elif button.style == "quiet":
        fill, ink = theme.background, theme.text
    else:
        fill, ink = (theme.button_hover if hovered else theme.button), theme.button_text
    if button.selected and button.style != "primary":
        fill, ink = theme.accent, theme.accent_text
    if not button.enabled:
        ink = theme.muted
    pygame.draw.rect(surface, fill, rect, border_radius=radius)
    border = theme.card_border if button.style != "primary" else theme.accent
    if button.grade is not None:
        border = grade_color(theme, button.grade)
    pygame.draw.rect(surface, border, rect, width=max(1, metrics.px(2)), border_radius=radius)
    if focused:
        ring = rect.inflate(metrics.px(8), metrics.px(8))
        pygame.draw.rect(surface, theme.focus, ring, width=max(2, metrics.px(4)), border_radius=radius + metrics.px(4))
    pad = metrics.px(12)
    size = metrics.text(button.role)
    x = rect.x + pad
    if button.hint:
        hint = ui.text.render_line(button.hint, size, ink, bold=True)
        box = pygame.Rect(x, rect.y + (rect.height - size * 1.4) // 2, int(size * 1.4), int(size * 1.4))
        pygame.draw.rect(surface, ink, box, width=max(1, metrics.px(2)), border_radius=metrics.px(6))
        surface.blit(hint, hint.get_rect(center=box.center))
        x = box.right + pad
    if button.grade is not None:
        radius_icon = size // 2 + 2
        draw_grade_icon(surface, button.grade, grade_color(theme, button.grade) if not button.selected else ink,
                        (rect.right - pad - radius_icon, rect.centery), radius_icon)
    width = rect.right - pad - x - (size + pad if button.grade is not None else 0)
    block = ui.text.render_block(button.label, size, ink, max(20, width), align=button.label_align)
    if button.label_align == "center" and not button.hint:
        bx = rect.x + (rect.width - block.get_width()) // 2
    else:
        bx = x
    surface.blit(block, (bx, rect.y + (rect.height - block.get_height()) // 2))


def _helpline_rows(ui: Ui, title: bool, role: str) -> list[tuple[str, bool, str]]:
    """(text, bold, text role) rows of the helplines panel, shared by drawing and measuring: the numbers in
    `role` (as large as the card's text unless asked otherwise), the line above them in body text."""
    rows = ([(ui.tr._("Help is there, offline too. Talk to an adult you trust, or call:"), True, "body")]
            if title else [])
    return rows + [(line, False, role) for line in helpline_lines(ui.tr)]


def helplines_height(ui: Ui, width: int, title: bool = True, role: str = "helpline") -> int:
    inner = width - 2 * ui.metrics.gap
    rows = _helpline_rows(ui, title, role)
    return (sum(text_height(ui, text, row_role, inner, bold) for text, bold, row_role in rows)
            + ui.metrics.gap * 2 + ui.metrics.px(4) * len(rows))


def draw_helplines(surface: pygame.Surface, ui: Ui, rect: pygame.Rect, title: bool = True,
                   role: str = "helpline") -> int:
    """The helplines panel; returns its height. Every game ends with it, and it is never only one line."""
    theme, metrics = ui.theme, ui.metrics
    pad = metrics.gap
    inner = rect.width - 2 * pad
    height = helplines_height(ui, rect.width, title, role)
    pygame.draw.rect(surface, theme.calm, pygame.Rect(rect.x, rect.y, rect.width, height), border_radius=metrics.px(10))
    y = rect.y + pad
    for text, bold, row_role in _helpline_rows(ui, title, role):
        with tagged(surface, "helpline" if row_role == role else "other"):
            y += draw_text(surface, ui, text, row_role, theme.text, rect.x + pad, y, inner, bold=bold,
                           background=theme.calm) + metrics.px(4)
    return height
