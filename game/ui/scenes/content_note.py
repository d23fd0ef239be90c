"""Before play: what the game talks about, that anyone may step out, and where help is."""
from __future__ import annotations

import pygame

from game.engine.rules import GameConfig
from game.ui.input import Do
from game.ui.scenes.base import Scene
from game.ui.widgets import draw_helplines, draw_text


class ContentNoteScene(Scene):
    name = "content_note"

    def __init__(self, app, config: GameConfig):
        super().__init__(app)
        self.config = config

    def build(self, ui, area):
        self.add_bottom_button(ui, area, ui.tr._("We are ready: start"), self.start, "start", align="right")
        self.add_bottom_button(ui, area, ui.tr._("Back"), self.back, "back", style="quiet", align="left", width=260)

    def paint(self, surface, ui, area):
        m, tr = ui.metrics, ui.tr
        width = min(area.width - 2 * m.margin, m.px(1100))
        x = area.centerx - width // 2
        y = area.y + m.margin
        y += draw_text(surface, ui, tr._("Before we start"), "heading", ui.theme.accent, x, y, width, bold=True) + m.gap
        for line in (
            tr._("This game talks about how young people can be pressured, bullied or tricked online, "
                 "including requests for pictures and threats. The stories are made up."),
            tr._("Anyone may step out at any time, or talk to a teacher or someone they trust. "
                 "If something in a story has happened to you, it is not your fault, and help is there."),
        ):
            y += draw_text(surface, ui, line, "body", ui.theme.text, x, y, width) + m.gap
        draw_helplines(surface, ui, pygame.Rect(x, y, width, 0), title=False)

    def on_command(self, command):
        if command.do is Do.FORWARD:
            self.start()
            return True
        if command.do is Do.BACK:
            self.back()
            return True
        return False

    def back(self):
        self.app.policy.leave_before_start(self.app.flow)  # a kiosk visitor goes back to the start

    def start(self):
        self.app.flow.start_game(self.config)
