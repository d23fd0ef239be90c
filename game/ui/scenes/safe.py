"""The calm screen: hides the card at once and shows the helplines until the class resumes."""
from __future__ import annotations

import pygame

from game.ui.input import Do
from game.ui.scenes.base import Scene
from game.ui.widgets import draw_helplines, draw_text


class SafeScene(Scene):
    name = "safe"

    def build(self, ui, area):
        self.add_bottom_button(ui, area, ui.tr._("Resume"), self.app.flow.back, "resume")

    def paint(self, surface, ui, area):
        m = ui.metrics
        pygame.draw.rect(surface, ui.theme.calm, area)
        width = min(area.width - 2 * m.margin, m.px(900))
        x = area.centerx - width // 2
        heading = ui.tr._("Let's take a short break.")
        body = ui.tr._("You can step out, breathe, or talk to someone you trust. Nobody has to share anything.")
        y = area.y + m.margin
        y += draw_text(surface, ui, heading, "title", ui.theme.text, x, y, width, "center", bold=True) + m.gap
        y += draw_text(surface, ui, body, "heading", ui.theme.text, x, y, width, "center") + m.gap * 2
        draw_helplines(surface, ui, pygame.Rect(x, y, width, 0), title=False)

    def on_command(self, command):
        if command.do in (Do.BACK, Do.FORWARD):
            self.app.flow.back()
            return True
        return False
