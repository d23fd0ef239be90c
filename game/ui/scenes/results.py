"""The end of a game: ranking, safe-choice rates per team and per topic, key messages, helplines."""
from __future__ import annotations

import pygame

from game.engine.scoring import ranking, safe_rate_by_topic
from game.i18n import N_
from game.ui.input import Do
from game.ui.report_page import page_drawer
from game.ui.scenes.base import Scene
from game.ui.widgets import Button, button_height, draw_helplines, draw_text, helplines_height, text_height
from game.words import topic_name

KEY_MESSAGES = (
    N_("What you post online can be copied and shared: think before you post."),
    N_("If something online worries you, keep a screenshot, block, report, and tell an adult you trust."),
    N_("If someone pressures or threatens you, it is never your fault. Help is there."),
)


class ResultsScene(Scene):
    name = "results"

    report = None  # the files of the session report, once saved
    check_file = None  # the before-and-after counts beside it, once the after check closed

    def on_enter(self):
        self.app.session.clear_save()  # a finished game is not offered as "Continue"
        self.app.play_sound("end")
        self.report = None
        if self.app.mode.writes_reports:
            self.report = self.app.session.save_report(page_drawer(self.app.text))
        self.check_file = None
        # With the check on, the same five statements go to every phone again; the facilitator closes it.
        self.app.phones.open_check(self.app.game, "after")

    def close_check(self) -> None:
        """Count the after check and write both checks' counts beside the report (which stays as it was)."""
        if self.app.phones.check_open != "after":
            return
        self.app.phones.close_check()
        results = self.app.phones.check_results()
        if self.report is not None and results:
            self.check_file = self.app.session.save_check(self.report.csv, results)
        self.changed()

    def _leave(self, action):
        """Leaving the results closes an open check first, so its counts are kept."""
        def leave():
            self.close_check()
            action()
        return leave

    def build(self, ui, area):
        self.build_to_fit(ui, area, self._compose)

    def _compose(self, ui, area) -> int:
        """Place the buttons and measure both columns; returns the lowest point anything reaches."""
        m = ui.metrics
        width = min(m.px(300), (area.width - 3 * m.margin) // 2)
        entries = self.app.policy.closing_steps(ui.tr, self.app.flow)  # a kiosk visitor: finish, or play again
        h = max(button_height(ui, label, width) for label, _, _ in entries)
        y = area.bottom - m.margin - h
        (first, first_action, first_name), (second, second_action, second_name) = entries
        self.buttons.append(Button(pygame.Rect(area.right - m.margin - width, y, width, h), first,
                                   self._leave(first_action), style="primary", name=first_name))
        left_bottom = self._left_column(None, ui, area)
        second_x = area.right - 2 * (m.margin + width) + m.margin - m.gap
        self.buttons.append(Button(pygame.Rect(second_x, y, width, h), second, self._leave(second_action),
                                   name=second_name))
        if self.app.phones.check_open == "after":
            label = ui.tr._("Close the check on the phones")
            check_w = min(width, second_x - m.gap - area.x - m.margin)
            check_h = button_height(ui, label, check_w)
            self.buttons.append(Button(pygame.Rect(area.x + m.margin, area.bottom - m.margin - check_h, check_w,
                                                   check_h), label, self.close_check, name="check-close"))
            left_bottom += m.gap + check_h  # the button sits under the left column
        right_bottom = self._right_column(None, ui, area) + m.gap + h
        return max(left_bottom, right_bottom) + m.margin

    def paint(self, surface, ui, area):
        self._left_column(surface, ui, area)
        self._right_column(surface, ui, area)

    def _columns(self, ui, area):
        m = ui.metrics
        half = (area.width - 3 * m.margin) // 2
        return half, m.margin, 2 * m.margin + half

    def _text(self, surface, ui, text, role, color, x, y, width, bold=False):
        """Draw (or, with no surface, only measure) a text block; returns its height."""
        if surface is None:
            return text_height(ui, text, role, width, bold)
        return draw_text(surface, ui, text, role, color, x, y, width, bold=bold)

    def _left_column(self, surface, ui, area) -> int:
        m, tr, theme = ui.metrics, ui.tr, ui.theme
        game = self.app.game
        half, x, _ = self._columns(ui, area)
        y = area.y + m.margin
        y += self._text(surface, ui, tr._("Results"), "heading", theme.accent, x, y, half, bold=True) + m.gap
        for place, total in ranking(game.state, len(game.config.teams)):
            line = tr.format(tr._("{place}. {team}: {points} points"), place=place,
                             team=game.config.teams[total.team], points=total.points)
            rate = total.safe_rate
            value = tr.format(tr._("safe choices: {rate}"), rate=tr.percent(rate)) if rate is not None \
                else tr._("no answers yet")
            y = self._row(surface, ui, x, y, half, line, rate, value, "body", bold=place == 1)
        y += m.gap
        y += self._text(surface, ui, tr._("Safe choices by topic"), "body", theme.accent, x, y, half, bold=True) + m.px(4)
        for topic, rate in safe_rate_by_topic(game.state).items():
            y = self._row(surface, ui, x, y, half, topic_name(tr, topic), rate, tr.percent(rate), "small")
        y = self._check_rows(surface, ui, x, y, half)
        if self.report is not None:
            y += m.gap + self._text(surface, ui, tr.format(tr._("The session report was saved in {folder}"),
                                                           folder=str(self.report.csv.parent)),
                                    "small", theme.muted, x, y + m.gap, half)
        return y

    def _check_rows(self, surface, ui, x, y, width) -> int:
        """The phones' before-and-after check: right answers per topic, before and after (counts only)."""
        m, tr, theme = ui.metrics, ui.tr, ui.theme
        phones = self.app.phones
        results = phones.check_results()
        if phones.check_open != "after" and "after" not in results:
            return y
        y += m.gap
        y += self._text(surface, ui, tr._("Myth or fact: right answers before and after"), "body", theme.accent,
                        x, y, width, bold=True) + m.px(4)
        if phones.check_open == "after":
            return y + self._text(surface, ui, tr._("The phones are answering the five statements again."),
                                  "small", theme.text, x, y, width) + m.px(6)
        before, after = results.get("before", {}), results["after"]
        for topic in sorted(set(before) | set(after)):
            shares = [self._share(counts.get(topic)) for counts in (before, after)]
            value = tr.format(tr._("{before} to {after}"),
                              **{name: tr.percent(share) if share is not None else "-"
                                 for name, share in zip(("before", "after"), shares, strict=True)})
            # No bar: two shares read better written out, and each topic stays on one line.
            label_w = width * 9 // 20
            label_h = self._text(surface, ui, topic_name(tr, topic), "small", theme.text, x, y, label_w - m.gap)
            value_h = self._text(surface, ui, value, "small", theme.text, x + label_w, y, width - label_w)
            y += max(label_h, value_h) + m.px(4)
        return y

    @staticmethod
    def _share(counts):
        return counts[0] / counts[1] if counts and counts[1] else None

    def _right_column(self, surface, ui, area) -> int:
        m, tr, theme = ui.metrics, ui.tr, ui.theme
        half, _, x = self._columns(ui, area)
        y = area.y + m.margin
        y += self._text(surface, ui, tr._("Remember"), "heading", theme.accent, x, y, half, bold=True) + m.gap
        for message in KEY_MESSAGES:
            y += self._text(surface, ui, "• " + tr._(message), "body", theme.text, x, y, half) + m.px(6)
        y += m.gap
        if surface is None:
            return y + helplines_height(ui, half)
        return y + draw_helplines(surface, ui, pygame.Rect(x, y, half, 0))

    def _row(self, surface, ui, x, y, width, label, rate, value, role, bold=False):
        """One line: a label, a bar and the value written out, so the chart reads without colour."""
        m, theme = ui.metrics, ui.theme
        label_w, bar_w = width * 9 // 20, width * 6 // 20
        value_x = x + label_w + bar_w + 2 * m.gap
        value_w = x + width - value_x
        label_h = self._text(None, ui, label, role, theme.text, x, y, label_w - m.gap, bold)
        value_h = self._text(None, ui, value, "small", theme.text, value_x, y, value_w)
        line_h = max(label_h, value_h)
        if surface is not None:
            self._text(surface, ui, label, role, theme.text, x, y, label_w - m.gap, bold)
            bar_h = max(m.px(10), ui.text.line_height(m.text("small")) // 2)
            bar_y = y + (line_h - bar_h) // 2
            bar_x = x + label_w
            pygame.draw.rect(surface, theme.bar_back, (bar_x, bar_y, bar_w, bar_h), border_radius=bar_h // 2)
            if rate:
                pygame.draw.rect(surface, theme.safe, (bar_x, bar_y, max(bar_h, int(bar_w * rate)), bar_h),
                                 border_radius=bar_h // 2)
            self._text(surface, ui, value, "small", theme.text, value_x, y + (line_h - value_h) // 2, value_w)
        return y + line_h + m.px(6)

    def on_command(self, command):
        if command.do is Do.FORWARD and self.app.phones.check_open == "after":
            self.close_check()  # the main step closes the check first
            return True
        if command.do in (Do.BACK, Do.FORWARD):
            self.close_check()
            self.app.policy.leave_results(self.app.flow)
            return True
        return False
