"""The title screen: Play, Continue, Settings, Help, Quit."""
from __future__ import annotations

import pygame

from game.ui.input import Do
from game.ui.modes import CLASSROOM, FACILITATOR, MODES
from game.ui.scenes.base import Scene
from game.ui.widgets import Button, button_height, draw_text, text_height


class TitleScene(Scene):
    name = "title"
    has_save = False  # looked up when the scene is shown, not while it is drawn

    def on_enter(self):
        self.has_save = self.app.session.has_save()

    def changed(self):
        self.has_save = self.app.session.has_save()
        super().changed()

    def build(self, ui, area):
        self.build_to_fit(ui, area, self._compose)

    def _compose(self, ui, area) -> int:
        m = ui.metrics
        width = min(area.width - 2 * m.margin, m.px(520))
        x = area.centerx - width // 2
        tr = ui.tr
        entries = [("play", tr._("Play"), self.play, "primary")]
        if self.has_save:
            entries.append(("continue", tr._("Continue the last game"), self.continue_game, "normal"))
        if not self.app.start_mode.host_controls:
            entries.append(("workshop", tr._("Run a workshop (facilitator)"), self.run_workshop, "normal"))
        entries += [
            ("settings", tr._("Settings"), self.open_settings, "normal"),
            ("help", tr._("How to play"), self.open_help, "normal"),
            ("quit", tr._("Quit"), self.quit, "quiet"),
        ]
        heights = [button_height(ui, label, width) for _, label, _, _ in entries]
        total = sum(heights) + m.gap * (len(entries) - 1)
        y = max(area.y + self._heading_height(ui, area) + m.gap * 2, area.bottom - m.margin - total)
        for (name, label, action, style), height in zip(entries, heights):
            self.buttons.append(Button(pygame.Rect(x, y, width, height), label, action, style=style, name=name))
            y += height + m.gap
        return y - m.gap + m.margin

    def _heading_height(self, ui, area):
        m = ui.metrics
        width = area.width - 2 * m.margin
        return (m.margin + text_height(ui, ui.tr._("Nirapod"), "title", width, bold=True) + m.gap
                + text_height(ui, ui.tr._("A card game about staying safe online"), "heading", width))

    def paint(self, surface, ui, area):
        m = ui.metrics
        width = area.width - 2 * m.margin
        y = area.y + m.margin
        y += draw_text(surface, ui, ui.tr._("Nirapod"), "title", ui.theme.accent, m.margin, y, width, "center", bold=True)
        y += m.gap
        draw_text(surface, ui, ui.tr._("A card game about staying safe online"), "heading", ui.theme.text,
                  m.margin, y, width, "center")

    def on_command(self, command):
        if command.do is Do.FORWARD:
            self.play()
            return True
        return False

    def play(self):
        self.app.flow.ask_to_replace_save(self._play)

    def _play(self):
        self.app.set_mode(self.app.start_mode)
        self.app.flow.to_setup()

    def run_workshop(self):
        self.app.flow.ask_to_replace_save(self._run_workshop)

    def _run_workshop(self):
        self.app.set_mode(FACILITATOR)
        if self.app.second_display_connected():
            self.app.open_presenter()
        self.app.flow.to_setup()

    def continue_game(self):
        game, mode_name = self.app.session.load_saved_game()
        if game is None:
            self.changed()
            return
        saved_mode = MODES.get(mode_name, CLASSROOM)
        self.app.set_mode(saved_mode if saved_mode.saves_games else CLASSROOM)  # a workshop continues as a workshop
        self.app.flow.continue_game(game)

    def open_settings(self):
        self.app.flow.open_settings()

    def open_help(self):
        self.app.flow.open_help()

    def quit(self):
        self.app.quit()
