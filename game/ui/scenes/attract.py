"""The kiosk's attract loop: the title and red-alert tips in both languages, and "touch to play"."""
from __future__ import annotations

import dataclasses

import pygame

from game.kinds import kind_of
from game.i18n import LANGUAGE_NAMES, LANGUAGES
from game.ui.input import Do
from game.ui.scenes.base import Scene
from game.ui.scenes.red_alert import draw_warning_sign
from game.ui.widgets import Button, button_height, draw_text

SLIDE_SECONDS = 8.0


class AttractScene(Scene):
    name = "attract"
    shows_chrome = False  # the two language buttons are the way in

    def __init__(self, app):
        super().__init__(app)
        self.translators = app.policy.translators  # the kiosk's policy (game/ui/kiosk.py)
        alerts = sorted(card.id for card in app.session.decks.cards.values() if not kind_of(card).plays_on_turn)
        self.slides: list[str | None] = [None]  # None is the title
        for alert in alerts:
            self.slides += [alert, None] if len(self.slides) % 4 == 3 else [alert]
        self.clock = 0.0
        self.slide = 0

    def update(self, dt: float) -> bool:
        self.clock += dt
        slide = int(self.clock // SLIDE_SECONDS) % len(self.slides)
        if slide != self.slide:
            self.slide = slide
            return True
        return False

    def build(self, ui, area):
        m = ui.metrics
        width = (area.width - 3 * m.margin) // 2
        labels = []
        for lang in LANGUAGES:
            tr = self.translators[lang]
            touch_to_play = tr._("Touch to play")
            labels.append((lang, f"{LANGUAGE_NAMES[lang]}: {touch_to_play}"))
        height = max(button_height(ui, label, width, "heading") for _, label in labels)
        y = area.bottom - m.margin - height
        for index, (lang, label) in enumerate(labels):
            rect = pygame.Rect(area.x + m.margin + index * (width + m.margin), y, width, height)
            self.buttons.append(Button(rect, label, (lambda lang=lang: self.app.policy.start_round(lang)),
                                       style="primary", name=f"play-{lang}", role="heading"))

    def paint(self, surface, ui, area):
        m, theme = ui.metrics, ui.theme
        card_id = self.slides[self.slide]
        top = area.y + m.margin
        bottom = self.buttons[0].rect.y - m.gap if self.buttons else area.bottom
        width = min(area.width - 2 * m.margin, m.px(1200))
        x = area.centerx - width // 2
        if card_id is None:
            self._paint_title(surface, ui, x, top, width)
        else:
            pygame.draw.rect(surface, theme.alert, pygame.Rect(area.x, area.y, area.width, bottom - area.y))
            self._paint_alert(surface, ui, self.app.session.decks.cards[card_id], x, top, width, bottom)

    def _in(self, ui, lang):
        return dataclasses.replace(ui, tr=self.translators[lang])

    def _paint_title(self, surface, ui, x, y, width):
        m, theme = ui.metrics, ui.theme
        for lang in LANGUAGES:
            own = self._in(ui, lang)
            y += draw_text(surface, own, own.tr._("Nirapod"), "title", theme.accent, x, y, width, "center", bold=True)
            y += draw_text(surface, own, own.tr._("A card game about staying safe online"), "heading", theme.text,
                           x, y, width, "center") + m.gap * 2

    def _paint_alert(self, surface, ui, card, x, y, width, bottom):
        m, theme = ui.metrics, ui.theme
        sign = m.px(30)
        draw_warning_sign(surface, theme.alert_text, theme.alert, (x + width // 2, y + sign), sign)
        y += 2 * sign + m.gap
        for lang in LANGUAGES:
            own = self._in(ui, lang)
            y += draw_text(surface, own, own.tr._("Red alert"), "body", theme.alert_text, x, y, width, "center",
                           bold=True)
            y += draw_text(surface, own, own.tr.text(kind_of(card).face(card).question), "heading", theme.alert_text, x, y, width,
                           "center", bold=True) + m.gap * 2

    def on_command(self, command):
        touched_outside = command.do is Do.POINT and not any(b.rect.collidepoint(command.value) for b in self.buttons)
        if touched_outside or command.do is Do.FORWARD:
            # A touch anywhere, or the main step (Enter, Page Down), starts in the stand's language.
            self.app.policy.start_round(self.app.tr.language)
            return True
        return command.do is Do.BACK
