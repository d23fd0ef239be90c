"""How to play, in a few lines, and the helplines."""
from __future__ import annotations

import dataclasses

import pygame

from game.i18n import N_
from game.ui.input import Do
from game.ui.scenes.base import FITS, Scene
from game.ui.widgets import draw_helplines, draw_text, helplines_height, text_height

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
        width = area.width - 2 * m.margin
        panel_w = width - m.px(380)  # beside the Back button
        # The helplines keep their full size at the bottom; the steps above them give way.
        panel_top = area.bottom - m.margin - helplines_height(ui, panel_w)
        for fit in FITS:
            fitted = dataclasses.replace(ui, metrics=m.shrunk(fit))
            if self._steps(None, fitted, area, width) + m.gap <= panel_top or fit == FITS[-1]:
                break
        y = self._steps(surface, fitted, area, width)
        draw_helplines(surface, ui, pygame.Rect(m.margin, max(y + m.gap, panel_top), panel_w, 0))

    def _steps(self, surface, ui, area, width) -> int:
        """Draw the steps (or, with no surface, only measure them); the y below them."""
        m, tr = ui.metrics, ui.tr
        y = area.y + m.margin

        def text(words, role, colour, bold=False):
            if surface is None:
                return text_height(ui, words, role, width, bold)
            return draw_text(surface, ui, words, role, colour, m.margin, y, width, bold=bold)

        y += text(tr._("How to play"), "heading", ui.theme.accent, bold=True) + m.gap
        for number, step in enumerate(STEPS, start=1):
            y += text(tr.format("{number}. ", number=number) + tr._(step), "body", ui.theme.text) + m.px(6)
        return y

    def on_command(self, command):
        if command.do is Do.BACK:
            self.app.flow.back()
            return True
        return False
