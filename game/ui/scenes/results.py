"""The end of a game: ranking, safe-choice rates per team and per topic, key messages, helplines."""
from __future__ import annotations

import pygame

from game.engine.scoring import ranking, safe_rate_by_topic
from game.i18n import N_
from game.ui.input import Do
from game.ui.scenes.base import Scene
from game.ui.scenes.setup import topic_name
from game.ui.widgets import Button, button_height, draw_helplines, draw_text, helplines_height, text_height

KEY_MESSAGES = (
    N_("What you post online can be copied and shared: think before you post."),
    N_("If something online worries you, keep a screenshot, block, report, and tell an adult you trust."),
    N_("If someone pressures or threatens you, it is never your fault. Help is there."),
)


class ResultsScene(Scene):
    name = "results"

    def on_enter(self):
        self.app.storage.clear_game()  # a finished game is not offered as "Continue"
        self.app.play_sound("end")

    def build(self, ui, area):
        m = ui.metrics
        width = min(m.px(300), (area.width - 3 * m.margin) // 2)
        h = button_height(ui, ui.tr._("New game"), width)
        y = area.bottom - m.margin - h
        self.buttons.append(Button(pygame.Rect(area.right - m.margin - width, y, width, h), ui.tr._("New game"),
                                   self.new_game, style="primary", name="new_game"))
        self.buttons.append(Button(pygame.Rect(area.right - 2 * (m.margin + width) + m.margin - m.gap, y, width, h),
                                   ui.tr._("Title screen"), self.to_title, name="title"))

    def paint(self, surface, ui, area):
        m, tr, theme = ui.metrics, ui.tr, ui.theme
        game = self.app.game
        state = game.state
        half = (area.width - 3 * m.margin) // 2
        left_x, right_x = m.margin, 2 * m.margin + half
        y = area.y + m.margin
        y += draw_text(surface, ui, tr._("Results"), "heading", theme.accent, left_x, y, half, bold=True) + m.gap
        bar_h = max(m.px(14), ui.text.line_height(m.text("small")) // 2)
        for place, total in ranking(state, len(game.config.teams)):
            name = game.config.teams[total.team]
            line = tr.format(tr._("{place}. {team}: {points} points"), place=place, team=name, points=total.points)
            y += draw_text(surface, ui, line, "body", theme.text, left_x, y, half, bold=place == 1) + m.px(4)
            rate = total.safe_rate
            y = self._bar(surface, ui, left_x, y, half, bar_h, rate,
                          tr.format(tr._("safe choices: {rate}"), rate=tr.percent(rate)) if rate is not None
                          else tr._("no answers yet"))
        y += m.gap
        y += draw_text(surface, ui, tr._("Safe choices by topic"), "body", theme.accent, left_x, y, half, bold=True) + m.px(6)
        bottom_limit = self.buttons[0].rect.y - m.gap if self.buttons else area.bottom
        for topic, rate in safe_rate_by_topic(state).items():
            if y + bar_h * 3 > bottom_limit:
                break
            y += draw_text(surface, ui, topic_name(tr, topic), "small", theme.text, left_x, y, half) + m.px(2)
            y = self._bar(surface, ui, left_x, y, half, bar_h, rate, tr.percent(rate))
        y = area.y + m.margin
        y += draw_text(surface, ui, tr._("Remember"), "heading", theme.accent, right_x, y, half, bold=True) + m.gap
        for message in KEY_MESSAGES:
            y += draw_text(surface, ui, "• " + tr._(message), "body", theme.text, right_x, y, half) + m.px(6)
        y += m.gap
        if y + helplines_height(ui, half) <= bottom_limit:
            draw_helplines(surface, ui, pygame.Rect(right_x, y, half, 0))

    def _bar(self, surface, ui, x, y, width, height, rate, label):
        """A bar with its value written beside it, so the chart reads without colour."""
        m, theme = ui.metrics, ui.theme
        label_w = width // 2
        bar_w = width - label_w - m.gap
        pygame.draw.rect(surface, theme.bar_back, (x, y, bar_w, height), border_radius=height // 2)
        if rate:
            pygame.draw.rect(surface, theme.safe, (x, y, max(height, int(bar_w * rate)), height), border_radius=height // 2)
        text_h = text_height(ui, label, "small", label_w)
        draw_text(surface, ui, label, "small", theme.text, x + bar_w + m.gap, y + (height - text_h) // 2, label_w)
        return y + max(height, text_h) + m.px(8)

    def new_game(self):
        from game.ui.scenes.setup import SetupScene
        from game.ui.scenes.title import TitleScene

        self.app.reset_to(TitleScene(self.app))
        self.app.push(SetupScene(self.app))

    def to_title(self):
        from game.ui.scenes.title import TitleScene

        self.app.reset_to(TitleScene(self.app))

    def on_command(self, command):
        if command.do in (Do.BACK, Do.FORWARD):
            self.to_title()
            return True
        return False
