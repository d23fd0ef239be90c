"""A red-alert tip between turns: the whole screen, so that no one misses it."""
from __future__ import annotations

import dataclasses

import pygame

from game.engine.rules import Action
from game.ui.input import Do
from game.ui.scenes.base import FITS, Scene
from game.ui.widgets import draw_helplines, draw_text, helplines_height, text_height


def draw_warning_sign(surface, color, ink, center, size):
    """A triangle with an exclamation mark: the alert reads without colour too."""
    cx, cy = center
    points = [(cx, cy - size), (cx + size, cy + size * 0.8), (cx - size, cy + size * 0.8)]
    pygame.draw.polygon(surface, color, points)
    width = max(3, size // 6)
    pygame.draw.line(surface, ink, (cx, cy - size * 0.45), (cx, cy + size * 0.25), width)
    pygame.draw.circle(surface, ink, (cx, int(cy + size * 0.55)), max(2, width // 2 + 1))


class RedAlertScene(Scene):
    name = "red_alert"

    def __init__(self, app, play_scene):
        super().__init__(app)
        self.play_scene = play_scene

    def build(self, ui, area):
        # In a workshop the students' screen has no "Continue": the facilitator goes on, with the clicker.
        move = self.play_scene.legal_move("next", self.app.mode.room)
        if move is not None:
            button = self.add_bottom_button(ui, area, ui.tr._("Continue"), lambda: self.dismiss(self.app.mode.room),
                                            "continue")
            button.move = move

    def paint(self, surface, ui, area):
        m, theme = ui.metrics, ui.theme
        pygame.draw.rect(surface, theme.alert, area)
        width = min(area.width - 2 * m.margin, m.px(1100))
        x = area.centerx - width // 2
        button_top = self.buttons[0].rect.y if self.buttons else area.bottom
        # The helplines always show, at their full size, just above the button; the tip above them gives way.
        panel_h = helplines_height(ui, width, title=False)
        panel_y = button_top - m.gap - panel_h
        for fit in FITS:
            fitted = dataclasses.replace(ui, metrics=m.shrunk(fit))
            if self._tip(None, fitted, area, x, width) <= panel_y - m.gap or fit == FITS[-1]:
                break
        bottom = self._tip(surface, fitted, area, x, width)
        draw_helplines(surface, ui, pygame.Rect(x, max(bottom + m.gap, panel_y), width, 0), title=False)

    def _tip(self, surface, ui, area, x, width) -> int:
        """Draw the sign, the heading and the card's tip (or, with no surface, only measure); the y below."""
        m, tr, theme = ui.metrics, ui.tr, ui.theme
        card = self.app.game.view(self.app.mode.room).card
        y = area.y + m.margin
        sign = m.px(34)
        if surface is not None:
            draw_warning_sign(surface, theme.alert_text, theme.alert, (area.centerx, y + sign), sign)
        y += 2 * sign + m.gap

        def text(words, role, bold=False):
            if surface is None:
                return text_height(ui, words, role, width, bold)
            return draw_text(surface, ui, words, role, theme.alert_text, x, y, width, "center", bold=bold,
                             background=theme.alert)

        y += text(tr._("Red alert"), "heading", bold=True) + m.gap
        if card is not None:
            y += text(tr.text(card.face.question), "title", bold=True) + m.gap
            y += text(tr.text(card.face.story), "body") + m.gap
        return y

    def dismiss(self, role):
        if self.play_scene.legal_move("next", role) is None:
            return
        self.app.flow.back()
        self.play_scene.act(Action("next", by=role))

    def on_command(self, command):
        if command.do in (Do.FORWARD, Do.BACK):
            self.dismiss(self.app.mode.keys)
            return True
        return False
