"""The facilitator takes a phone out of the game: the phones in the room by number and team, and a field
for the number the troublesome phone shows ("This is phone 7"). Only numbers, never a name."""
from __future__ import annotations

import pygame

from game.i18n import bangla_digits
from game.ui.input import Do
from game.ui.scenes.base import Scene
from game.ui.widgets import Button, button_height, draw_text, text_height

MAX_NUMBER_DIGITS = 3
_ASCII = {bangla: str(digit) for digit, bangla in enumerate(bangla_digits("0123456789"))}


class PhonesManageScene(Scene):
    name = "phones_manage"
    typing = True  # digits are the phone's number here, not answers

    def __init__(self, app):
        super().__init__(app)
        self.number = ""
        self.message = ""

    def on_enter(self) -> None:
        pygame.key.start_text_input()

    def leave(self) -> None:
        pygame.key.stop_text_input()
        self.app.flow.back()

    def build(self, ui, area):
        m, tr = ui.metrics, ui.tr
        width = min(m.px(360), (area.width - 3 * m.margin) // 2)
        remove = tr._("Remove this phone")
        back = tr._("Back to the game")
        h = max(button_height(ui, remove, width), button_height(ui, back, width))
        y = area.bottom - m.margin - h
        self.buttons.append(Button(pygame.Rect(area.x + m.margin, y, width, h), remove, self.remove,
                                   name="phones-remove", enabled=bool(self.number)))
        self.buttons.append(Button(pygame.Rect(area.right - m.margin - width, y, width, h), back,
                                   self.leave, name="phones-manage-back", style="quiet"))
        self._bottom = y

    def paint(self, surface, ui, area):
        m, tr, theme = ui.metrics, ui.tr, ui.theme
        x, y, width = area.x + m.margin, area.y + m.margin, area.width - 2 * m.margin
        teams = [team.name for team in self.app.phones.room.tally()] if self.app.phones.running else []
        listed = []
        for phone in self.app.phones.phones():
            team = teams[phone.team] if phone.team < len(teams) else ""
            shown = f"{tr.number(phone.id)} ({team})" if phone.connected else \
                tr.format(tr._("{phone} ({team}, away)"), phone=phone.id, team=team)
            listed.append(shown)
        lines = [
            (tr._("Phones in the game"), "heading", theme.accent, True),
            (", ".join(listed) if listed else tr._("No phone has joined yet."), "small", theme.text, False),
            (tr._("Type the number the phone shows (\"This is phone 7\"), then press Enter to take it out "
                  "of the game. It cannot join again."), "body", theme.text, False),
            (tr.format(tr._("Phone number: {number}"), number=tr.digits(self.number) + "|"), "heading",
             theme.text, True),
        ]
        if self.message:
            lines.append((self.message, "body", theme.accent, True))
        for text, role, color, bold in lines:
            if y + text_height(ui, text, role, width, bold) > self._bottom - m.gap:
                break
            y += draw_text(surface, ui, text, role, color, x, y, width, bold=bold) + m.gap

    def remove(self) -> None:
        tr = self.app.tr
        if self.number and self.app.phones.remove_phone(int(self.number)):
            self.message = tr.format(tr._("Phone {phone} is out of the game."), phone=int(self.number))
        elif self.number:
            self.message = tr.format(tr._("There is no phone {phone}."), phone=int(self.number))
        self.number = ""
        self.changed()

    def on_command(self, command):
        if command.do is Do.TEXT:
            digits = "".join(_ASCII.get(c, c) for c in str(command.value) if _ASCII.get(c, c).isdigit())
            self.number = (self.number + digits)[:MAX_NUMBER_DIGITS]
            self.changed()
            return True
        if command.do is Do.ERASE:
            self.number = self.number[:-1]
            self.changed()
            return True
        if command.do is Do.ACTIVATE and command.value == "escape":
            self.leave()
            return True
        if command.do is Do.ACTIVATE and self.focus is None:
            self.remove()
            return True
        return False
