"""The projector's join screen for phones: the QR code, the address in digits, the join code, how many
phones each team has, and what to try when a phone cannot open the page. When the facilitator typed the
room Wi-Fi's name ("Wi-Fi code"), a second QR code beside the first puts a phone on that Wi-Fi."""
from __future__ import annotations

import pygame

from game.phone_link import CONNECT_HELP
from game.ui.input import Do
from game.ui.scenes.base import Scene
from game.ui.widgets import Button, button_height, draw_text, text_height

QR_LIGHT, QR_DARK = (255, 255, 255), (0, 0, 0)  # a QR code reads best black on white, whatever the theme


def draw_qr(surface: pygame.Surface, rows: list[list[bool]], rect: pygame.Rect) -> pygame.Rect:
    """Draw the code's modules as rectangles, as large as whole pixels allow inside `rect`; where it went."""
    count = len(rows)
    module = max(1, min(rect.width, rect.height) // count)
    size = module * count
    x, y = rect.x + (rect.width - size) // 2, rect.y
    pygame.draw.rect(surface, QR_LIGHT, (x, y, size, size))
    for row_index, row in enumerate(rows):
        for column, dark in enumerate(row):
            if dark:
                pygame.draw.rect(surface, QR_DARK, (x + column * module, y + row_index * module, module, module))
    return pygame.Rect(x, y, size, size)


class PhonesJoinScene(Scene):
    name = "phones_join"

    def __init__(self, app):
        super().__init__(app)
        self._rows: list[list[bool]] = []
        self._url = None
        self._wifi_rows: list[list[bool]] = []
        self._wifi = ("", "")

    def build(self, ui, area):
        m, tr = ui.metrics, ui.tr
        details = self.app.phones.join_details()
        if details is not None and details.url != self._url:
            self._url = details.url
            # segno is imported when a code is first drawn, not at every start of the game.
            from game.lan import qr

            self._rows = qr.modules(qr.join_qr(details.url))
        wifi = (self.app.phones.wifi_name, self.app.phones.wifi_password)
        if wifi != self._wifi:
            from game.lan import qr

            self._wifi = wifi
            self._wifi_rows = qr.modules(qr.wifi_qr(wifi[0], wifi[1] or None)) if wifi[0] else []
        locked = details is not None and details.locked
        lock_label = tr._("Let phones join again") if locked else tr._("Lock joining")
        width = min(m.px(300), (area.width - 4 * m.margin) // 3)
        back_label, wifi_label = tr._("Back to the game"), tr._("Wi-Fi code")
        h = max(button_height(ui, label, width) for label in (lock_label, back_label, wifi_label))
        y = area.bottom - m.margin - h
        self.buttons.append(Button(pygame.Rect(area.x + m.margin, y, width, h), lock_label, self.toggle_lock,
                                   name="phones-lock", style="quiet", enabled=details is not None))
        self.buttons.append(Button(pygame.Rect(area.x + 2 * m.margin + width, y, width, h), wifi_label,
                                   self.app.flow.show_phones_wifi, name="phones-wifi", style="quiet",
                                   enabled=details is not None))
        self.buttons.append(Button(pygame.Rect(area.right - m.margin - width, y, width, h), back_label,
                                   self.app.flow.back, name="phones-back", style="primary"))
        self._bottom = y

    def paint(self, surface, ui, area):
        m, tr, theme = ui.metrics, ui.tr, ui.theme
        details = self.app.phones.join_details()
        top = area.y + m.margin
        qr_side = min((area.width - 3 * m.margin) // 2, self._bottom - top - m.gap)
        if details is None or not self._rows:
            draw_text(surface, ui, tr._("Phones are not switched on."), "heading", theme.text,
                      area.x + m.margin, top, area.width - 2 * m.margin, bold=True)
            return
        if self._wifi_rows:
            right = self._draw_both(surface, ui, area, top, qr_side)
        else:
            right = draw_qr(surface, self._rows, pygame.Rect(area.x + m.margin, top, qr_side, qr_side)).right
        x = right + m.margin
        width = area.right - m.margin - x
        y = top
        lines = [
            (tr._("Answer on your phone"), "heading", theme.accent, True),
            (tr._("Scan the code, or type this address in the browser:"), "small", theme.text, False),
            # Typed into a browser's address bar, which takes only these digits, so never Bangla digits;
            # the join code may be typed either way (the page reads both).
            ("http://" + details.address, "heading", theme.text, True),
            (tr.format(tr._("Join code: {code}"), code=tr.digits(details.code)), "heading", theme.text, True),
        ]
        tally = self.app.phones.room.tally() if self.app.phones.running else ()
        counts = ", ".join(f"{team.name} {tr.number(team.phones)}" for team in tally)
        lines.append((tr.format(tr.ngettext("{n} phone joined", "{n} phones joined", details.phones),
                                n=details.phones) + (f": {counts}" if counts and details.phones else ""),
                      "body", theme.text, False))
        if details.locked:
            lines.append((tr._("Joining is locked: phones that joined can come back."), "small", theme.muted, False))
        lines.append((tr._("If the page does not open:"), "small", theme.accent, True))
        lines += [("• " + tr._(tip), "small", theme.text, False) for tip in CONNECT_HELP]
        for text, role, color, bold in lines:
            if y + text_height(ui, text, role, width, bold) > self._bottom - m.gap:
                break  # what fits; the address and the code come first
            y += draw_text(surface, ui, text, role, color, x, y, width, bold=bold) + m.px(6)

    def _draw_both(self, surface, ui, area, top, qr_side) -> int:
        """The Wi-Fi code, then the game's code, each with its step written under it (the network's name
        on a line of its own, as one long word does not wrap); the right edge."""
        m, tr, theme = ui.metrics, ui.tr, ui.theme
        side = (qr_side - m.gap) // 2
        captions = ((tr._("1. Join the Wi-Fi:"), self._wifi[0]), (tr._("2. Open the game"),))
        caption_h = max(sum(text_height(ui, line, "small", side, True) for line in lines) for lines in captions)
        side = min(side, self._bottom - top - m.gap - caption_h - m.px(4))
        x = area.x + m.margin
        for rows, lines in zip((self._wifi_rows, self._rows), captions, strict=True):
            drawn = draw_qr(surface, rows, pygame.Rect(x, top, side, side))
            y = drawn.bottom + m.px(4)
            for line in lines:
                y += draw_text(surface, ui, line, "small", theme.text, drawn.x, y, side, bold=True)
            x = drawn.right + m.gap
        return x - m.gap

    def toggle_lock(self) -> None:
        details = self.app.phones.join_details()
        if details is not None:
            self.app.phones.lock_joining(not details.locked)
        self.changed()

    def update(self, dt):
        return False

    def on_command(self, command):
        if command.do in (Do.BACK, Do.FORWARD) or (command.do is Do.HOST and command.value == "phones"):
            self.app.flow.back()
            return True
        return False
