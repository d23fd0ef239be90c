"""What every window shows around a scene: the top bar with the language switch and the calm-screen
button, and the notices meant for the people looking at that window."""
from __future__ import annotations

import pygame

from game.i18n import LANGUAGE_NAMES
from game.notices import Notice
from game.ui.widgets import Button, Ui


def top_bar(ui: Ui, width: int) -> pygame.Rect:
    return pygame.Rect(0, 0, width, ui.metrics.px(58))


def chrome_buttons(ui: Ui, width: int, switch_language, show_safe_screen) -> list[Button]:
    """The language switch and the calm-screen button, on every scene."""
    bar = top_bar(ui, width)
    pad = ui.metrics.px(8)
    height = bar.height - 2 * pad
    other = "en" if ui.tr.language == "bn" else "bn"
    language_label = LANGUAGE_NAMES[other]
    calm_label = ui.tr._("Calm screen")
    size = ui.metrics.text("button")
    lang_w = ui.text.size(language_label, size)[0] + 4 * pad
    calm_w = ui.text.size(calm_label, size)[0] + 4 * pad
    lang = Button(pygame.Rect(bar.right - pad - lang_w, bar.y + pad, lang_w, height), language_label,
                  switch_language, style="normal", name="language")
    calm = Button(pygame.Rect(lang.rect.x - pad - calm_w, bar.y + pad, calm_w, height), calm_label,
                  show_safe_screen, style="quiet", name="calm")
    return [calm, lang]


def draw_top_bar(surface: pygame.Surface, ui: Ui) -> None:
    bar = top_bar(ui, surface.get_width())
    pygame.draw.rect(surface, ui.theme.accent, bar)
    label = ui.text.render_line(ui.tr._("Nirapod"), ui.metrics.text("heading"), ui.theme.accent_text, bold=True)
    surface.blit(label, (ui.metrics.margin, bar.centery - label.get_height() // 2))


def draw_notices(surface: pygame.Surface, ui: Ui, notices: list[Notice]) -> None:
    """The notices in a box at the bottom: calm hints in the calm colour, problems in red, problems first."""
    if not notices:
        return
    m = ui.metrics
    width = surface.get_width() - 2 * m.margin
    bottom = surface.get_height() - m.gap
    for calm in (True, False):  # drawn upwards: the hints nearest the edge, a problem above them
        lines = [n.text for n in notices if n.calm is calm]
        if not lines:
            continue
        colour = ui.theme.text if calm else ui.theme.alert_text
        block = ui.text.render_block("\n".join(lines), m.text("small"), colour, width - 2 * m.gap)
        box = pygame.Rect(m.margin, bottom - block.get_height() - 2 * m.gap, width, block.get_height() + 2 * m.gap)
        pygame.draw.rect(surface, ui.theme.calm if calm else ui.theme.alert, box, border_radius=m.px(8))
        if calm:
            pygame.draw.rect(surface, ui.theme.accent, box, width=max(2, m.px(3)), border_radius=m.px(8))
        surface.blit(block, (box.x + m.gap, box.y + m.gap))
        bottom = box.y - m.gap
