"""Settings: language, text size, high contrast and sound, remembered between runs; the way to printing cards
and to adding the teacher's own cards from a spreadsheet."""
from __future__ import annotations

import pygame

from game.i18n import LANGUAGE_NAMES, LANGUAGES
from game.ui.input import Do
from game.ui.layout import TEXT_SCALES
from game.ui.scenes.base import Scene
from game.ui.widgets import Button, button_height, draw_form_labels, text_height


class SettingsScene(Scene):
    name = "settings"

    def _rows(self, tr):
        s = self.app.session.settings
        size_names = (tr._("Normal"), tr._("Large"), tr._("Larger"))
        return [
            (tr._("Language"), [(LANGUAGE_NAMES[lang], s["language"] == lang, f"language-{lang}",
                                 lambda lang=lang: self.app.set_setting("language", lang)) for lang in LANGUAGES]),
            (tr._("Text size"), [(size_names[i], int(s["text_size"]) == i, f"text-size-{i}",
                                  lambda i=i: self.app.set_setting("text_size", i)) for i in range(len(TEXT_SCALES))]),
            (tr._("High contrast"), [(tr._("Off"), not s["high_contrast"], "contrast-off",
                                      lambda: self.app.set_setting("high_contrast", False)),
                                     (tr._("On"), bool(s["high_contrast"]), "contrast-on",
                                      lambda: self.app.set_setting("high_contrast", True))]),
            (tr._("Sound"), [(tr._("Off"), not s["sound"], "sound-off", lambda: self.app.set_setting("sound", False)),
                             (tr._("On"), bool(s["sound"]), "sound-on", lambda: self.app.set_setting("sound", True))]),
            (tr._("Your own cards"), [(tr._("Add cards from a spreadsheet"), False, "sheet-import",
                                       self.app.flow.open_sheet_import)]),
        ]

    def build(self, ui, area):
        m = ui.metrics
        label_width = min(m.px(300), area.width // 3)
        x0 = m.margin + label_width
        y = area.y + m.margin + text_height(ui, ui.tr._("Settings"), "heading", area.width, bold=True) + m.gap * 2
        self._label_rows = []
        for label, options in self._rows(ui.tr):
            width = (area.width - x0 - m.margin - m.gap * (len(options) - 1)) // len(options)
            height = max(button_height(ui, text, width) for text, *_ in options)
            self._label_rows.append((label, y, height))
            for index, (text, selected, name, action) in enumerate(options):
                rect = pygame.Rect(x0 + index * (width + m.gap), y, width, height)
                self.buttons.append(Button(rect, text, action, selected=selected, name=name))
            y += height + m.gap
        self.add_bottom_button(ui, area, ui.tr._("Back"), self.app.flow.back, "back", align="right", width=360)
        self.add_bottom_button(ui, area, ui.tr._("Print cards"), self.app.flow.open_print_cards,
                               "print-cards", style="normal", align="left", width=360)

    def paint(self, surface, ui, area):
        draw_form_labels(surface, ui, area, ui.tr._("Settings"), self._label_rows,
                         min(ui.metrics.px(300), area.width // 3))

    def on_command(self, command):
        if command.do is Do.BACK:
            self.app.flow.back()
            return True
        return False
