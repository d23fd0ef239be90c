"""Settings: language, text size, high contrast and sound, remembered between runs; the way to printing cards,
to adding the teacher's own cards from a spreadsheet, and to sending the saved reports to the learning record store
kept in the settings file (docs/results.md)."""
from __future__ import annotations

import threading

import pygame

from game.i18n import LANGUAGE_NAMES, LANGUAGES, N_
from game.notices import Audience
from game.ui.input import Do
from game.ui.layout import TEXT_SCALES
from game.ui.scenes.base import Scene
from game.ui.widgets import Button, button_height, draw_form_labels, text_height


# What the facilitator is told when sending stopped, by game.sync's kinds of stop.
_NOT_SENT = {
    "password": N_("Results not sent: the record store refused the user name or password in the settings."),
    "forbidden": N_("Results not sent: this user may not write to the record store."),
    "not_lrs": N_("Results not sent: the address in the settings is not a learning record store."),
    "unreachable": N_("Results not sent: the record store cannot be reached (no network?). "
                      "Nothing is lost: they are sent next time."),
    "store": N_("Results not sent: the record store had a problem. Try again later."),
    "outbox": N_("Results sent, but the list of what was sent could not be saved in the data folder."),
    "address": N_("Results not sent: the address in the settings is not a web address."),
}


class SettingsScene(Scene):
    name = "settings"

    def __init__(self, app):
        super().__init__(app)
        self._sender: threading.Thread | None = None
        self._sent: list = []

    @property
    def sending(self) -> bool:
        return self._sender is not None

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
        ] + ([] if not self.app.mode.settings_menu or not s["xapi_url"] else [
            # Only where settings are kept (never at a kiosk) and an address was set (python -m game sync --remember).
            (tr._("Results"), [(tr._("Sending\u2026") if self.sending else tr._("Send to the record store"),
                                False, "send-results", self.send_results)]),
        ])

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

    def send_results(self) -> None:
        """Send the saved reports to the store in the settings, in the background: the screen stays alive."""
        if self.sending:
            return
        from game.sync import sync_saved_reports

        s, root = self.app.session.settings, self.app.session.storage.root
        result = self._sent = []

        def send():
            try:
                result.append(sync_saved_reports(root, s["xapi_url"], s["xapi_user"], s["xapi_key"]))
            except Exception as error:  # noqa: BLE001 - told to the facilitator instead of a traceback
                result.append(error)

        self._sender = threading.Thread(target=send, name="send-results", daemon=True)
        self._sender.start()
        self.changed()

    def update(self, dt: float) -> bool:
        if self._sender is None or self._sender.is_alive():
            return False
        self._sender = None
        tr, outcome = self.app.tr, self._sent[0] if self._sent else None
        if outcome is None or isinstance(outcome, Exception):
            self.app.session.storage.log_error(outcome or RuntimeError("no result"), "sending results")
            message = tr._(_NOT_SENT["store"])
        elif outcome.stop_kind is not None:
            message = tr._(_NOT_SENT.get(outcome.stop_kind, _NOT_SENT["store"]))
        else:
            message = tr.format(tr._("Results sent: {sent} new records; {there} were there already."),
                                sent=outcome.statements_sent, there=outcome.already_there)
        if outcome is not None and not isinstance(outcome, Exception) and outcome.refused:
            message += " " + tr.format(tr.ngettext("The store refused {n} workshop: run python -m game sync to see why.",
                                                   "The store refused {n} workshops: run python -m game sync to see why.",
                                                   len(outcome.refused)), n=len(outcome.refused))
        self.app.notices.post(message, Audience.STAFF)
        self.changed()
        return True

    def autoplay_buttons(self):
        # Autoplay explores the screens; it must not send anything over the network.
        return [b for b in super().autoplay_buttons() if b.name != "send-results"]

    def paint(self, surface, ui, area):
        draw_form_labels(surface, ui, area, ui.tr._("Settings"), self._label_rows,
                         min(ui.metrics.px(300), area.width // 3))

    def on_command(self, command):
        if command.do is Do.BACK:
            self.app.flow.back()
            return True
        return False
