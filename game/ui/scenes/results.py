"""The end of a game: ranking, safe-choice rates per team and per topic, key messages, helplines."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import pygame

from game.engine.scoring import ranking, safe_rate_by_topic
from game.i18n import N_
from game.notices import Audience
from game.ui.drawn_text import tagged
from game.file_manager import open_folder
from game.ui.input import Do
from game.ui.report_page import page_drawer
from game.ui.scenes.base import FITS, Scene
from game.ui.widgets import (Button, button_height, draw_helplines, draw_text, helplines_height, shorten_to_width,
                             text_height)
from game.words import topic_name

KEY_MESSAGES = (
    N_("What you post online can be copied and shared: think before you post."),
    N_("If something online worries you, keep a screenshot, block, report, and tell an adult you trust."),
    N_("If someone pressures or threatens you, it is never your fault. Help is there."),
)


@dataclass(frozen=True)
class _Line:
    """One line of a results table."""

    label: str
    rate: float | None
    rate_text: str
    bold: bool = False
    points: str = ""


class ResultsScene(Scene):
    name = "results"
    team_rows: list[pygame.Rect] = []  # where each team's line is, from the last layout

    report = None  # the files of the session report, once saved
    check_file = None  # the before-and-after counts beside it, once the after check closed
    _score_ui = None  # the sizes the team points are drawn at: the room's own, never shrunk to fit

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

    def open_reports_folder(self) -> None:
        folder = self.report.csv.parent
        if not open_folder(folder):
            tr = self.app.tr
            self.app.notices.post(tr.format(tr._("The folder could not be opened here. The reports are in {folder}"),
                                            folder=str(folder)), Audience.STAFF, calm=True)
            self.app.request_draw()

    def _leave(self, action):
        """Leaving the results closes an open check first, so its counts are kept."""
        def leave():
            self.close_check()
            action()
        return leave

    def build(self, ui, area):
        self._right_ui = ui
        self._score_ui = ui  # the team points never shrink: the topics and the notes give way
        self.build_to_fit(ui, area, lambda fitted, area: self._compose(fitted, area, ui))

    def _compose(self, ui, area, unfitted) -> int:
        """Place the buttons and measure both columns; returns the lowest point the left column reaches. The
        right column (the messages and the helplines, which never shrink) fits itself above the buttons, so
        long helplines do not shrink the points on the left."""
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
        left_buttons_top = area.bottom - m.margin
        left_w = min(m.px(420), second_x - m.gap - area.x - m.margin)
        if self.report is not None:  # the teacher finds the report where the system keeps files
            label = ui.tr._("Open the reports folder")
            folder_h = button_height(ui, label, left_w)
            left_buttons_top -= folder_h
            self.buttons.append(Button(pygame.Rect(area.x + m.margin, left_buttons_top, left_w, folder_h), label,
                                       self.open_reports_folder, style="quiet", name="reports-folder"))
            left_bottom += m.gap + folder_h  # the button sits under the left column
        if self.app.phones.check_open == "after":
            label = ui.tr._("Close the check on the phones")
            check_h = button_height(ui, label, left_w)
            left_buttons_top -= check_h + (m.gap if self.report is not None else 0)
            self.buttons.append(Button(pygame.Rect(area.x + m.margin, left_buttons_top, left_w, check_h), label,
                                       self.close_check, name="check-close"))
            left_bottom += m.gap + check_h
        for fit in FITS:
            self._right_ui = dataclasses.replace(unfitted, metrics=unfitted.metrics.shrunk(fit))
            if self._right_column(None, self._right_ui, area) + m.gap <= y:
                break
        return left_bottom + m.margin

    def paint(self, surface, ui, area):
        self._left_column(surface, ui, area)
        self._right_column(surface, self._right_ui, area)

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
        teams = []
        for place, total in ranking(game.state, len(game.config.teams)):
            rate = total.safe_rate
            teams.append(_Line(tr.format(tr._("{place}. {team}"), place=place, team=game.config.teams[total.team]),
                               rate, tr.percent(rate) if rate is not None else "-", bold=place == 1,
                               points=tr.format(tr.ngettext("{n} point", "{n} points", total.points), n=total.points)))
        # Points and bars are read from the back row: as large as a card's text, the topics as its questions.
        y = self._table(surface, self._score_ui or ui, x, y, half, teams, "card", tr._("Safe choices"), rows=True)
        y += m.gap
        y += self._text(surface, ui, tr._("Safe choices by topic"), "body", theme.accent, x, y, half, bold=True) + m.px(4)
        topics = [_Line(topic_name(tr, topic), rate, tr.percent(rate))
                  for topic, rate in safe_rate_by_topic(game.state).items()]
        y = self._table(surface, ui, x, y, half, topics, "card_note")
        y = self._check_rows(surface, ui, x, y, half)
        if self.report is not None:
            y += m.gap + self._text(surface, ui, tr.format(tr._("The session report was saved in {folder}"),
                                                           folder=str(self.report.csv.parent)),
                                    "small", theme.muted, x, y + m.gap, half)
        return y

    def _table(self, surface, ui, x, y, width, lines, role, heading=None, rows=False) -> int:
        """One line per entry, whatever the window, the text size or the language: its name (shortened
        with an ellipsis when it is too long), its points, a bar, and the rate written out, so the chart
        reads without colour. `heading` names the rate column. With `rows`, the team rows' places are kept
        (measured, never drawn) for the layout's checks."""
        m, theme, text = ui.metrics, ui.theme, ui.text
        size, small = m.text(role), m.text("small")
        rate_w = max(text.size(line.rate_text, size)[0] for line in lines) if lines else 0
        rate_w = max(rate_w, text.size(ui.tr.percent(1.0), size)[0])
        points_w = max((text.size(line.points, size)[0] for line in lines if line.points), default=0)
        heading_w = text.size(heading, small)[0] if heading else 0
        bar_w = max(m.px(30), min(width // 4, width - points_w - rate_w - 3 * m.gap - width // 2))
        bar_w = max(bar_w, min(heading_w - m.gap - rate_w, width // 3))  # the heading stands over bar and rate
        label_w = width - bar_w - rate_w - 2 * m.gap - (points_w + m.gap if points_w else 0)
        line_h = text.line_height(size)
        if heading:
            shown = shorten_to_width(ui, heading, small, bar_w + m.gap + rate_w)
            if surface is not None:
                label = text.render_line(shown, small, theme.muted)
                surface.blit(label, (x + width - label.get_width(), y))
            y += text.line_height(small) + m.px(2)
        if rows and surface is None:
            self.team_rows = []
        for line in lines:
            if rows and surface is None:
                self.team_rows.append(pygame.Rect(x, y, width, line_h))
            if surface is not None:
                self._draw_line(surface, ui, line, x, y, label_w, points_w, bar_w, rate_w, size, line_h)
            y += line_h + m.px(6)
        return y

    def _draw_line(self, surface, ui, line, x, y, label_w, points_w, bar_w, rate_w, size, line_h) -> None:
        m, theme, text = ui.metrics, ui.theme, ui.text

        def put(shown, at_size, at_x, width, bold=False, align="left"):
            rendered = text.render_line(shown, at_size, theme.text, bold=bold)
            left = at_x + (width - rendered.get_width() if align == "right" else 0)
            surface.blit(rendered, (left, y + (line_h - rendered.get_height()) // 2))

        put(shorten_to_width(ui, line.label, size, label_w, line.bold), size, x, label_w, line.bold)
        bar_x = x + label_w + m.gap
        if line.points:
            with tagged(surface, "score"):
                put(line.points, size, bar_x, points_w, align="right")
            bar_x += points_w + m.gap
        bar_h = max(m.px(10), text.line_height(size) // 2)
        bar_y = y + (line_h - bar_h) // 2
        pygame.draw.rect(surface, theme.bar_back, (bar_x, bar_y, bar_w, bar_h), border_radius=bar_h // 2)
        if line.rate:
            pygame.draw.rect(surface, theme.safe, (bar_x, bar_y, max(bar_h, int(bar_w * line.rate)), bar_h),
                             border_radius=bar_h // 2)
        with tagged(surface, "score" if line.points else "other"):  # a team's rate is part of its score
            put(line.rate_text, size, bar_x + bar_w + m.gap, rate_w, align="right")

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

    def on_command(self, command):
        if command.do is Do.FORWARD and self.app.phones.check_open == "after":
            self.close_check()  # the main step closes the check first
            return True
        if command.do in (Do.BACK, Do.FORWARD):
            self.close_check()
            self.app.policy.leave_results(self.app.flow)
            return True
        return False
