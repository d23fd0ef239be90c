"""On one display: the facilitator's notes and controls over the students' view, opened with I, shown only after a
second, deliberate I (or the button) that says the class will see them, and closed with I again."""
from __future__ import annotations

import pygame

from game.ui.host import HostPanel
from game.ui.input import Command, Do
from game.ui.scenes.base import Scene
from game.ui.widgets import draw_text


class HostNotesScene(Scene):
    name = "host_notes"

    def __init__(self, app):
        super().__init__(app)
        self.panel = HostPanel(app, with_notes_button=True)
        # With one screen the notes and the safe answer would be on the projector: first a screen that says so.
        self.shown = False

    def build(self, ui, area):
        if not self.shown:
            self.fit_ui = None
            self.add_bottom_button(ui, area, ui.tr._("Show the notes to the class  [I]"),
                                   lambda: self.on_command(Command(Do.HOST, "notes")), "notes-show", align="right")
            self.add_bottom_button(ui, area, ui.tr._("Back"), self.app.flow.back, "back", style="quiet",
                                   align="left", width=260)
            return
        self.panel.build(ui, area)
        self.buttons.extend(self.panel.buttons)
        self.fit_ui = self.panel.ui

    def paint(self, surface, ui, area):
        if self.shown:
            self.panel.paint(surface)
            return
        m, tr = ui.metrics, ui.tr
        pygame.draw.rect(surface, ui.theme.background, area)
        width = min(area.width - 2 * m.margin, m.px(1000))
        x = area.centerx - width // 2
        y = area.y + m.margin * 2
        y += draw_text(surface, ui, tr._("The class will see the notes"), "title", ui.theme.text, x, y, width,
                       "center", bold=True) + m.gap
        draw_text(surface, ui, tr._("There is one screen: the facilitator's notes and the safe answer would show "
                                    "on the projector. Press I again to show them to the class, or Esc to go "
                                    "back. With a second screen, or with --presenter, they stay on yours."),
                  "heading", ui.theme.text, x, y, width, "center")

    def on_command(self, command):
        play = self.app.flow.play_scene
        if command.do is Do.HOST and command.value == "notes" and not self.shown:
            self.shown = True  # the second, deliberate step
            self.changed()
            return True
        if command.do is Do.BACK and command.value != "clicker":
            self.app.flow.back()
            return True
        if not self.shown:
            if command.do in (Do.HOST, Do.FORWARD, Do.CHOICE):  # nothing of the game moves behind this question
                self.app.notices.post(self.app.tr._("Press I to show the notes to the class, or Esc to go back."),
                                      calm=True)
                self.app.request_draw()
                return True
            return False
        if play is not None and command.do in (Do.HOST, Do.FORWARD, Do.BACK, Do.CHOICE):
            play.handle(command)  # the keys keep working while the notes are open
            if self.app.scene is self:
                self.changed()  # the notes follow the game
            return True
        return False
