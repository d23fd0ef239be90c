"""Kiosk staff leave with Ctrl+Shift+Q and then this PIN pad; visitors who find the chord get no further.

The check and its growing wait after wrong tries belong to the kiosk's PinLock (game/pin_lock.py),
which outlives the pad: closing and reopening it does not start the count again.
"""
from __future__ import annotations

import unicodedata

import pygame

from game.notices import Audience
from game.ui.input import Do
from game.ui.scenes.base import Scene
from game.ui.widgets import Button, button_height, draw_text


class StaffPinScene(Scene):
    name = "staff_pin"
    typing = True  # digits typed on a keyboard arrive as text
    shows_chrome = False

    def __init__(self, app):
        super().__init__(app)
        self.entered = ""
        self._shown_wait: int | None = None

    @property
    def lock(self):
        return self.app.policy.pin_lock

    def on_enter(self):
        pygame.key.start_text_input()

    def leave(self):
        pygame.key.stop_text_input()
        self.app.flow.back()

    def build(self, ui, area):
        m = ui.metrics
        key_w = m.px(110)
        key_h = button_height(ui, "0", key_w, "heading")
        pad_w = 3 * key_w + 2 * m.gap
        x0 = area.centerx - pad_w // 2
        y0 = area.y + m.margin + 2 * (m.px(60)) + m.gap
        keys = [str(n) for n in range(1, 10)] + ["erase", "0", "ok"]
        for index, key in enumerate(keys):
            rect = pygame.Rect(x0 + (index % 3) * (key_w + m.gap), y0 + (index // 3) * (key_h + m.gap), key_w, key_h)
            if key == "erase":
                label, action = ui.tr._("Erase"), self.erase
            elif key == "ok":
                label, action = ui.tr._("OK"), self.submit
            else:
                label, action = ui.tr.digits(key), (lambda digit=key: self.type(digit))
            self.buttons.append(Button(rect, label, action, name=f"pin-{key}", role="heading",
                                       style="primary" if key == "ok" else "normal"))
        self.add_bottom_button(ui, area, ui.tr._("Cancel"), self.leave, "cancel", style="quiet", width=300)

    def paint(self, surface, ui, area):
        m, theme = ui.metrics, ui.theme
        width = area.width - 2 * m.margin
        y = area.y + m.margin
        y += draw_text(surface, ui, ui.tr._("Staff only: enter the PIN to leave kiosk mode."), "heading",
                       theme.text, m.margin, y, width, "center", bold=True) + m.gap
        wait = self._wait_seconds()
        if wait:
            message = ui.tr.format(ui.tr.ngettext("Too many wrong PINs. Try again in {n} second.",
                                                  "Too many wrong PINs. Try again in {n} seconds.", wait),
                                   n=ui.tr.number(wait))
            draw_text(surface, ui, message, "heading", theme.text, m.margin, y, width, "center")
        else:
            draw_text(surface, ui, "• " * len(self.entered) or " ", "heading", theme.accent, m.margin, y, width,
                      "center")

    def _wait_seconds(self) -> int:
        return int(self.lock.wait_left() + 0.999)

    def update(self, dt: float) -> bool:
        wait = self._wait_seconds()
        if wait != self._shown_wait:  # the countdown needs a new picture once a second
            self._shown_wait = wait
            self.changed()
            return True
        return False

    def type(self, digit: str) -> None:
        if len(self.entered) < 8:
            self.entered += digit
            self.changed()

    def erase(self) -> None:
        self.entered = self.entered[:-1]
        self.changed()

    def submit(self) -> None:
        if self.lock.wait_left() > 0:
            self.entered = ""
            self.changed()
            return
        if self.lock.try_pin(self.entered):
            pygame.key.stop_text_input()
            self.app.quit()  # run_game closes the visitor's session and the counters on the way out
            return
        self.entered = ""
        if self.lock.wait_left() == 0:
            self.app.notices.post(self.app.tr._("That PIN is not right."), Audience.STAFF)
        self.changed()

    def on_command(self, command):
        if command.do is Do.TEXT:
            for character in command.value:
                if character.isdecimal():  # Bangla keyboards type ০-৯
                    self.type(str(unicodedata.digit(character)))
            return True
        if command.do is Do.ERASE:
            self.erase()
            return True
        if command.do is Do.ACTIVATE and command.value == "escape":
            self.leave()  # Esc leaves the pad; it is not a wrong PIN
            return True
        if command.do is Do.ACTIVATE and self.focus is None:
            self.submit()
            return True
        if command.do is Do.BACK:
            self.leave()
            return True
        return False
