"""The facilitator types the room Wi-Fi's name and password, so that the join screen can show a second QR
code that puts a phone on that Wi-Fi. Kept in memory only, for this run of the game; never saved."""
from __future__ import annotations

import pygame

from game.ui.input import Do
from game.ui.scenes.base import Scene
from game.ui.text import grapheme_clusters
from game.ui.widgets import Button, button_height, draw_text, text_height

# The longest a Wi-Fi network name (32 bytes) and a WPA password (63 characters) can be.
MAX_NAME, MAX_PASSWORD = 32, 63
NAME, PASSWORD = 0, 1


class PhonesWifiScene(Scene):
    name = "phones_wifi"
    typing = True  # letters and digits are the network's name here, not answers

    def __init__(self, app):
        super().__init__(app)
        self.values = [app.phones.wifi_name, app.phones.wifi_password]
        self.field = NAME

    def on_enter(self) -> None:
        pygame.key.start_text_input()

    def done(self) -> None:
        """Keep what was typed (an empty name: no Wi-Fi code) and go back to the join screen."""
        pygame.key.stop_text_input()
        self.app.phones.set_wifi(self.values[NAME].strip(), self.values[PASSWORD])
        self.app.flow.back()

    def select(self, field: int) -> None:
        self.field = field
        self.changed()

    def build(self, ui, area):
        m, tr = ui.metrics, ui.tr
        x, width = area.x + m.margin, area.width - 2 * m.margin
        y = area.y + m.margin + text_height(ui, tr._("Wi-Fi code"), "heading", width, True) + m.gap
        y += text_height(ui, self._explanation(tr), "small", width) + m.gap
        for field, label in ((NAME, tr._("Network name")), (PASSWORD, tr._("Password (empty for an open network)"))):
            shown = f"{label}: {self.values[field]}" + ("|" if self.field == field else "")
            h = button_height(ui, shown, width)
            self.buttons.append(Button(pygame.Rect(x, y, width, h), shown, lambda f=field: self.select(f),
                                       name=f"wifi-{'name' if field == NAME else 'password'}",
                                       selected=self.field == field, label_align="left"))
            y += h + m.gap
        done = tr._("Done")
        button_w = min(m.px(300), width // 2)
        h = button_height(ui, done, button_w)
        self.buttons.append(Button(pygame.Rect(area.right - m.margin - button_w, area.bottom - m.margin - h,
                                               button_w, h), done, self.done, name="wifi-done", style="primary"))

    @staticmethod
    def _explanation(tr) -> str:
        return tr._("Type the name and the password of the Wi-Fi that this computer and the phones use. The "
                    "join screen then shows a code that puts a phone on this Wi-Fi. Nothing is saved.")

    def paint(self, surface, ui, area):
        m, tr, theme = ui.metrics, ui.tr, ui.theme
        x, y, width = area.x + m.margin, area.y + m.margin, area.width - 2 * m.margin
        y += draw_text(surface, ui, tr._("Wi-Fi code"), "heading", theme.accent, x, y, width, bold=True) + m.gap
        draw_text(surface, ui, self._explanation(tr), "small", theme.text, x, y, width)

    def update(self, dt):
        return False

    def on_command(self, command):
        limit = MAX_NAME if self.field == NAME else MAX_PASSWORD
        if command.do is Do.TEXT:
            self.values[self.field] = (self.values[self.field] + str(command.value))[:limit]
        elif command.do is Do.ERASE:
            self.values[self.field] = "".join(grapheme_clusters(self.values[self.field])[:-1])
        elif command.do is Do.ACTIVATE and command.value == "escape":
            self.done()
            return True
        elif command.do is Do.ACTIVATE and self.focus is None:
            if self.field == NAME:
                self.field = PASSWORD  # Enter after the name goes on to the password
            else:
                self.done()
                return True
        elif command.do in (Do.FOCUS_NEXT, Do.FOCUS_PREV):
            self.field = PASSWORD if self.field == NAME else NAME  # Tab between the two fields
        elif command.do is Do.BACK:
            self.done()
            return True
        else:
            return False
        self.changed()
        return True
