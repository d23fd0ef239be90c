"""How to play, in a few lines, and the helplines."""
from __future__ import annotations

import pygame

from game.i18n import N_
from game.ui.input import Do
from game.ui.scenes.base import Scene
from game.ui.widgets import draw_helplines, draw_text

STEPS = (
    N_("A team draws a card and reads the story aloud."),
    N_("The whole room talks about it: what should the young person do? The choices come when the clock starts."),
    N_("The team picks a choice with a click, a touch or the keys 1-4."),
    N_("The game shows how safe the choice was and why."),
    N_("Safe choices score 3 points, partly safe 1, risky 0. The teacher can add a point for a good "
       "discussion or for naming a way to get help. Speed never counts."),
    N_("Keys: Tab moves, Enter chooses, Esc goes back, F11 full screen, F2 language, H or '.' calm screen. "
       "On a card: L the story, Q the questions to talk about, M what is safer."),
)


class HelpScene(Scene):
    name = "help"

    def build(self, ui, area):
        self.add_bottom_button(ui, area, ui.tr._("Back"), self.app.flow.back, "back", align="right", width=360)

    def paint(self, surface, ui, area):
        m = ui.metrics
        tr = ui.tr
        width = area.width - 2 * m.margin
        y = area.y + m.margin
        y += draw_text(surface, ui, tr._("How to play"), "heading", ui.theme.accent, m.margin, y, width, bold=True) + m.gap
        for number, step in enumerate(STEPS, start=1):
            line = tr.format("{number}. ", number=number) + tr._(step)
            y += draw_text(surface, ui, line, "body", ui.theme.text, m.margin, y, width) + m.px(6)
        draw_helplines(surface, ui, pygame.Rect(m.margin, y + m.gap, width - m.px(380), 0))

    def on_command(self, command):
        if command.do is Do.BACK:
            self.app.flow.back()
            return True
        return False
