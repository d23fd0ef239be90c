"""On one display: the facilitator's notes and controls over the students' view, opened and closed with I."""
from __future__ import annotations

from game.ui.host import HostPanel
from game.ui.input import Do
from game.ui.scenes.base import Scene


class HostNotesScene(Scene):
    name = "host_notes"

    def __init__(self, app):
        super().__init__(app)
        self.panel = HostPanel(app, with_notes_button=True)

    def build(self, ui, area):
        self.panel.build(ui, area)
        self.buttons.extend(self.panel.buttons)
        self.fit_ui = self.panel.ui

    def paint(self, surface, ui, area):
        self.panel.paint(surface)

    def on_command(self, command):
        play = self.app.flow.play_scene
        if command.do is Do.BACK and command.value != "clicker":
            self.app.flow.back()
            return True
        if play is not None and command.do in (Do.HOST, Do.FORWARD, Do.BACK, Do.CHOICE):
            play.handle(command)  # the keys keep working while the notes are open
            if self.app.scene is self:
                self.changed()  # the notes follow the game
            return True
        return False
