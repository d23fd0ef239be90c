"""The play screen: whose turn, the card, the discussion timer, the choices, the reveal, the scores."""
from __future__ import annotations

import dataclasses

import pygame

from game.engine.cards import Grade, Kind
from game.engine.rules import Action, BonusReason, Phase, Refusal
from game.engine.scoring import team_totals
from game.i18n import N_
from game.ui.host import MAX_DISCUSSION_SECONDS, MORE_TIME_SECONDS
from game.ui.input import Do
from game.ui.scenes.base import CHROME_BUTTONS, Scene
from game.ui.widgets import Button, Ui, button_height, draw_button, draw_grade_badge
from game.words import choice_labels

CARD_ANIMATION_S = 0.35
FITS = (1.0, 0.92, 0.85, 0.78, 0.7, 0.62, 0.55)
HINTS = ("1", "2", "3", "4")

REFUSALS = {
    Refusal.WRONG_TEAM: N_("It is another team's turn."),
    Refusal.NO_CARD_SHOWN: N_("Draw a card first."),
    Refusal.ALREADY_CHOSEN: N_("This team has already chosen for this card."),
    Refusal.NOT_CHOSEN: N_("Pick a choice first."),
    Refusal.NOT_REVEALED: N_("Reveal the answer first."),
    Refusal.NO_SUCH_CHOICE: N_("This card has no such choice."),
    Refusal.NO_SUCH_TEAM: N_("There is no such team."),
    Refusal.NOT_PARKED: N_("That card was not put aside."),
    Refusal.BONUS_ALREADY_GIVEN: N_("That bonus was already given for this card."),
    Refusal.NOT_NOW: N_("That is not possible right now."),
    Refusal.NOTHING_TO_UNDO: N_("There is no scoring to undo on this card."),
    Refusal.GAME_OVER: N_("The game is over."),
}


class _Column:
    """Stacks text blocks and buttons downwards, remembering what to draw where."""

    def __init__(self, ui: Ui, x: int, y: int, width: int):
        self.ui, self.x, self.y, self.width = ui, x, y, width
        self.ops: list[tuple[pygame.Surface, tuple[int, int]]] = []

    def text(self, text: str, role: str, color, bold: bool = False, after: int | None = None, indent: int = 0) -> None:
        block = self.ui.text.render_block(text, self.ui.metrics.text(role), color, self.width - indent, bold=bold)
        self.ops.append((block, (self.x + indent, self.y)))
        self.y += block.get_height() + (self.ui.metrics.gap if after is None else after)

    def space(self, pixels: int) -> None:
        self.y += pixels


class PlayScene(Scene):
    name = "play"

    def __init__(self, app):
        super().__init__(app)
        self.anim = 1.0
        self.ops: list = []
        self.card_rect = pygame.Rect(0, 0, 0, 0)
        self.timer_left = float(self.game.config.discussion_seconds)
        self.discussed = None  # seconds the clock has run on this card; None until it is started
        self._shown_second = None
        self.end_armed = False  # "end the game" asks to be pressed twice
        self._follow_phase()

    @property
    def game(self):
        return self.app.game

    # --- engine -------------------------------------------------------------------------
    def act(self, action: Action) -> bool:
        self.end_armed = False
        refusal = self.game.act(action)
        if refusal is not None:
            self.app.notices.append(self.app.tr._(REFUSALS[refusal]))
            self.app.request_draw()
            return False
        self.app.autosave()
        self.app.after_action(action)
        if action.type == "draw":
            self.timer_left = float(self.game.config.discussion_seconds)
            self.discussed = None
        if action.type == "start_discussion":
            self.discussed = 0.0
        if action.type == "reveal":
            grade = self.game.state.results[-1].grade
            self.app.play_sound("safe" if grade is Grade.SAFE else "reveal")
        self.changed()
        if action.type == "choose" and self.app.mode.solo:
            self.act(Action("reveal"))  # a visitor alone has nobody to wait for
            return True
        if action.type == "draw":
            # Lay the new card out now, so the slide-in that follows only moves finished pictures.
            self.ensure_layout(self.app.ui, self.app.content_area(self))
            self.anim = 0.0
        self._follow_phase()
        return True

    def _follow_phase(self) -> None:
        phase = self.game.state.phase
        if phase is Phase.READY and self.app.mode.solo:
            self.draw_card()
        elif phase is Phase.RED_ALERT:
            from game.ui.scenes.red_alert import RedAlertScene

            self.app.push(RedAlertScene(self.app, self))
        elif phase is Phase.OVER:
            from game.ui.scenes.results import ResultsScene

            self.app.replace(ResultsScene(self.app))

    def on_enter(self) -> None:
        self.changed()

    def draw_card(self):
        self.act(Action("draw", team=self.game.state.team))

    def choose(self, index: int):
        # The time the room really discussed, for the report: the clock's running time, also past
        # zero and without pauses; none when the clock was never started.
        seconds = None if self.discussed is None else int(self.discussed)
        self.act(Action("choose", team=self.game.state.team, choice=index, seconds=seconds))

    def toggle_timer(self):
        phase = self.game.state.phase
        self.act(Action({Phase.CARD: "start_discussion", Phase.DISCUSSING: "pause", Phase.PAUSED: "resume"}[phase]))

    # --- the facilitator's controls -------------------------------------------------------------
    def host_step(self) -> None:
        """A clicker's "next": draw, start the clock, reveal, next team, whatever comes next."""
        phase = self.game.state.phase
        if phase is Phase.READY:
            self.draw_card()
        elif phase is Phase.CARD:
            self.toggle_timer()
        elif phase is Phase.CHOSEN:
            self.act(Action("reveal"))
        elif phase is Phase.REVEALED:
            self.act(Action("next"))
        else:
            self.app.notices.append(self.app.tr._("Waiting for the team to choose."))
            self.app.request_draw()

    def host_enabled(self, name: str) -> bool:
        phase = self.game.state.phase
        on_card = phase in (Phase.CARD, Phase.DISCUSSING, Phase.PAUSED)
        return {
            "step": phase is not Phase.OVER,
            "reveal": phase is Phase.CHOSEN,
            "next": phase is Phase.REVEALED,
            "timer": on_card,
            "more_time": on_card,
            "less_time": on_card and self.timer_left > 0,
            "skip": on_card,
            "park": on_card,
            "bonus_discussion": phase is Phase.REVEALED,
            "bonus_help": phase is Phase.REVEALED,
            "undo": phase in (Phase.CHOSEN, Phase.REVEALED),
            "notes": True,
            "end": phase is not Phase.OVER,
        }.get(name, False)

    def host(self, name: str) -> None:
        """Carry out one of the facilitator's controls (see game/ui/host.py)."""
        if not self.app.mode.host_controls:
            return
        if name == "end":
            if self.end_armed:
                self.act(Action("end"))
            else:
                self.end_armed = True
                self.app.notices.append(self.app.tr._("Press E again to end the game."))
                self.changed()
            return
        self.end_armed = False
        if name == "notes":
            self.app.toggle_host_notes()
        elif name == "step":
            self.host_step()
        elif name in ("more_time", "less_time"):
            if self.host_enabled(name):
                change = MORE_TIME_SECONDS if name == "more_time" else -MORE_TIME_SECONDS
                self.timer_left = max(0.0, min(MAX_DISCUSSION_SECONDS, self.timer_left + change))
                self.changed()
        elif name == "timer":
            if self.host_enabled("timer"):
                self.toggle_timer()
        elif name in ("bonus_discussion", "bonus_help"):
            reason = BonusReason.GOOD_DISCUSSION if name == "bonus_discussion" else BonusReason.NAMED_HELP
            self.act(Action("bonus", team=self.game.state.team, reason=reason))
        elif name in ("reveal", "next", "skip", "park", "undo"):
            self.act(Action(name))

    def clock_text(self, tr) -> str:
        if self.timer_left > 0 or self.game.state.phase is Phase.CARD:
            seconds = int(self.timer_left + 0.999)
            return tr.format(tr._("Discussion: {minutes}:{seconds}"), minutes=seconds // 60,
                             seconds=tr.digits(f"{seconds % 60:02d}"))
        return tr._("Time is up: choose when you are ready.")

    # --- time -----------------------------------------------------------------------------
    @property
    def animating(self) -> bool:
        return self.anim < 1.0

    def update(self, dt: float) -> bool:
        redraw = False
        if self.anim < 1.0:
            self.anim = min(1.0, self.anim + dt / CARD_ANIMATION_S)
            redraw = True
        if self.game.state.phase is Phase.DISCUSSING:
            self.discussed = (self.discussed or 0.0) + dt
        if self.game.state.phase is Phase.DISCUSSING and self.timer_left > 0:
            self.timer_left = max(0.0, self.timer_left - dt)
            second = int(self.timer_left + 0.999)
            if second != self._shown_second:  # the clock only needs a new picture once a second
                self._shown_second = second
                self.changed()
                redraw = True
        return redraw

    # --- keys -----------------------------------------------------------------------------
    def primary(self) -> Button | None:
        return next((b for b in self.buttons if b.style == "primary" and b.enabled), None)

    def students_may_choose(self) -> bool:
        """With a facilitator, the room discusses first: answers open once the clock has started."""
        allowed = (Phase.DISCUSSING, Phase.PAUSED) if self.app.mode.host_controls else (
            Phase.CARD, Phase.DISCUSSING, Phase.PAUSED)
        return self.game.state.phase in allowed

    def on_command(self, command):
        phase = self.game.state.phase
        host = self.app.mode.host_controls
        if command.do is Do.CHOICE and phase in (Phase.CARD, Phase.DISCUSSING, Phase.PAUSED):
            if command.value < self.game.card.choice_count and self.students_may_choose():
                self.choose(command.value)
            return True
        if command.do is Do.HOST:
            self.host(command.value)
            return host
        if command.do is Do.FORWARD:
            if host:
                self.host_step()
                return True
            button = self.primary()
            if button is not None:
                button.action()
            return True
        if command.do is Do.BACK and host and command.value == "clicker":
            self.host("undo")
            return True
        if command.do is Do.BACK:
            if self.app.mode.locked:
                return True  # a visitor cannot leave the round; the idle reset ends it
            self.app.autosave()
            from game.ui.scenes.title import TitleScene

            self.app.reset_to(TitleScene(self.app))
            return True
        return False

    # --- layout -----------------------------------------------------------------------------
    def build(self, ui, area):
        m = ui.metrics
        state = self.game.state
        side_w = max(m.px(240), area.width // 5)
        self.board_rect = pygame.Rect(area.right - side_w - m.margin, area.y + m.margin, side_w,
                                      area.height - 2 * m.margin)
        main = pygame.Rect(area.x + m.margin, area.y + m.margin, area.width - side_w - 3 * m.margin,
                           area.height - 2 * m.margin)
        self.card_rect = main
        # Try the full text size first, and shrink only as far as this card needs to fit.
        def compose(fitted, rect):
            self.ops, buttons, bottom = self._compose(fitted, rect, state)
            self.buttons.extend(buttons)
            return bottom

        self.build_to_fit(ui, main, compose, FITS)

    def _compose(self, ui: Ui, rect: pygame.Rect, state):
        tr, m, theme = ui.tr, ui.metrics, ui.theme
        game = self.game
        card = game.card
        pad = m.px(22)
        col = _Column(ui, rect.x + pad, rect.y + pad, rect.width - 2 * pad)
        buttons: list[Button] = []
        team_name = game.config.teams[state.team]
        turn_line = tr.format(tr._("Turn {turn} of {total}"), turn=min(state.turn + 1, game.config.total_turns),
                              total=game.config.total_turns)

        def add_button(label, action, name, style="normal", hint="", grade=None, selected=False, width=None):
            w = width or col.width
            h = button_height(ui, label, w)
            button = Button(pygame.Rect(col.x, col.y, w, h), label, action, style=style, hint=hint, name=name,
                            grade=grade, selected=selected, label_align="left" if hint else "center")
            buttons.append(button)
            col.y += h + m.px(8)
            return button

        mode = self.app.mode
        host = mode.host_controls
        if state.phase is Phase.READY or card is None:
            col.text(tr.format(tr._("{team}, it is your turn."), team=team_name), "title", theme.accent, bold=True)
            col.text(turn_line, "body", theme.muted)
            if host:
                col.text(tr._("Your facilitator will draw the card."), "body", theme.text, after=m.gap * 2)
            else:
                col.text(tr._("Draw a card and read it aloud to the room."), "body", theme.text, after=m.gap * 2)
                add_button(tr._("Draw a card"), self.draw_card, "draw", style="primary", width=min(col.width, m.px(420)))
            self._host_strip(tr, add_button, col)
            return col.ops, buttons, col.y + pad

        kind_label = tr._("Myth or fact?") if card.kind is Kind.MYTH_FACT else tr._("What would you do?")
        header = f"{turn_line} · {kind_label}" if mode.solo else f"{team_name} · {turn_line} · {kind_label}"
        col.text(header, "small", theme.muted, after=m.px(6))
        if card.kind is Kind.MYTH_FACT:
            col.text(tr.text(card.statement), "heading", theme.text, bold=True)
        else:
            col.text(tr.text(card.story), "body", theme.text)
            col.text(tr.text(card.prompt), "heading", theme.text, bold=True)
        labels = choice_labels(tr, card)

        if state.phase is Phase.REVEALED:
            self._compose_reveal(ui, col, card, state, add_button, labels)
            self._host_strip(tr, add_button, col)
            return col.ops, buttons, col.y + pad

        chosen = state.choice if state.phase is Phase.CHOSEN else None
        can_choose = self.students_may_choose()
        for index, label in enumerate(labels):
            button = add_button(label, (lambda i=index: self.choose(i)), f"choice-{index}", hint=HINTS[index],
                                selected=index == chosen)
            button.enabled = can_choose or index == chosen
        col.space(m.gap)
        if state.phase is Phase.CHOSEN:
            if host:
                col.text(tr._("Your facilitator will reveal the answer."), "body", theme.muted)
            else:
                add_button(tr._("Reveal the answer"), lambda: self.act(Action("reveal")), "reveal", style="primary",
                           width=min(col.width, m.px(420)))
            self._host_strip(tr, add_button, col)
            return col.ops, buttons, col.y + pad
        if host and state.phase is Phase.CARD:
            col.text(tr._("Talk about it first: your facilitator will open the answers."), "body", theme.muted)
        if card.kind is Kind.SCENARIO and card.discussion:
            col.text(tr._("Talk about it:"), "small", theme.accent, bold=True, after=m.px(4))
            for question in card.discussion:
                col.text("• " + tr.text(question), "small", theme.text, after=m.px(4))
            col.space(m.gap)
        if mode.timer:
            self._timer_row(ui, col, buttons, host)
        self._host_strip(tr, add_button, col)
        return col.ops, buttons, col.y + pad

    def _timer_row(self, ui, col, buttons, host):
        """The clock, and beside it (without a facilitator) its button and "skip"."""
        tr, m, theme = ui.tr, ui.metrics, ui.theme
        phase = self.game.state.phase
        third = (col.width - 2 * m.gap) // 3
        row_y = col.y
        clock_block = ui.text.render_block(self.clock_text(tr), m.text("body"), theme.text,
                                           col.width if host else third, bold=True)
        col.ops.append((clock_block, (col.x, row_y)))
        h = clock_block.get_height()
        if not host:
            timer_label = {Phase.CARD: tr._("Start the discussion"), Phase.DISCUSSING: tr._("Pause"),
                           Phase.PAUSED: tr._("Resume")}[phase]
            h = max(h, button_height(ui, timer_label, third))
            buttons.append(Button(pygame.Rect(col.x + third + m.gap, row_y, third, h), timer_label,
                                  self.toggle_timer, name="timer"))
            if self.app.mode.skip_cards:
                buttons.append(Button(pygame.Rect(col.x + 2 * (third + m.gap), row_y, third, h),
                                      tr._("Skip this card"), lambda: self.act(Action("skip")), name="skip",
                                      style="quiet"))
        col.y = row_y + h + m.gap

    def _host_strip(self, tr, add_button, col):
        """On one display the facilitator also has two buttons: the next step, and the notes."""
        if not self.app.mode.host_controls or self.app.presenter is not None:
            return
        m = col.ui.metrics  # the card's own, possibly shrunk, sizes
        half = (col.width - m.gap) // 2
        row_y = col.y
        step = add_button(tr._("Next step") + "  [PgDn]", self.host_step, "host-step", width=half)
        col.y = row_y
        notes = add_button(tr._("Notes and controls") + "  [I]", lambda: self.host("notes"), "host-notes",
                           style="quiet", width=half)
        notes.rect.x = col.x + half + m.gap
        col.y = row_y + max(step.rect.height, notes.rect.height) + m.px(8)

    def _compose_reveal(self, ui, col, card, state, add_button, labels):
        tr, m, theme = ui.tr, ui.metrics, ui.theme
        result = state.results[-1]
        badge_h = ui.text.line_height(m.text("heading"))
        col.ops.append(("badge", result.grade, (col.x, col.y)))
        col.space(badge_h + m.gap // 2)
        col.text(tr.format(tr._("Your choice: {choice}"), choice=labels[result.choice]), "body", theme.text,
                 bold=True, after=m.px(6))
        if card.kind is Kind.MYTH_FACT:
            truth = tr._("It is a myth.") if card.is_myth else tr._("It is a fact.")
            col.text(truth + " " + tr.text(card.explanation), "body", theme.text)
        else:
            col.text(tr.text(card.choices[result.choice].feedback), "body", theme.text)
            if result.grade is not Grade.SAFE:
                safe = [c for c in card.choices if c.grade is Grade.SAFE]
                col.text(tr.format(tr._("A safer choice: {choice}"), choice=tr.text(safe[0].text)), "body",
                         theme.safe, bold=True)
            if card.tip is not None:
                col.text(tr.format(tr._("Tip: {tip}"), tip=tr.text(card.tip)), "body", theme.accent)
        col.space(m.px(4))
        mode = self.app.mode
        given = [b.reason for b in state.bonuses if b.turn == state.turn and b.team == state.team]
        bonus_labels = ((BonusReason.GOOD_DISCUSSION, tr._("+1 for a good discussion")),
                        (BonusReason.NAMED_HELP, tr._("+1 for naming a way to get help")))
        if mode.host_controls:  # the facilitator gives bonuses from the controls; the room sees them
            for reason, label in bonus_labels:
                if reason in given:
                    col.text(label, "body", theme.safe, bold=True, after=m.px(6))
            col.text(tr._("Your facilitator will move on."), "small", theme.muted)
            return
        if mode.bonuses:
            half = (col.width - m.gap) // 2
            row_y = col.y
            heights = []
            for index, (reason, label) in enumerate(bonus_labels):
                col.y = row_y
                button = add_button(label, (lambda r=reason: self.act(Action("bonus", team=state.team, reason=r))),
                                    f"bonus-{reason.value}", selected=reason in given, width=half)
                button.rect.x = col.x + index * (half + m.gap)
                button.enabled = reason not in given
                heights.append(button.rect.height)
            col.y = row_y + max(heights) + m.gap
        last = state.turn + 1 >= self.game.config.total_turns
        if last:
            label = tr._("See the results")
        else:
            label = tr._("Next card") if mode.solo else tr._("Next team")
        add_button(label, lambda: self.act(Action("next")), "next", style="primary", width=min(col.width, m.px(420)))

    # --- drawing -------------------------------------------------------------------------------
    def _offset(self) -> int:
        if self.anim >= 1.0:
            return 0
        eased = 1 - (1 - self.anim) ** 3
        return int((1 - eased) * self.card_rect.height * 0.6)

    def draw(self, surface, ui, area):
        theme = ui.theme
        fit_ui = self.fit_ui or ui
        offset = self._offset()
        card_rect = self.card_rect.move(0, offset)
        surface.set_clip(area)  # the card slides in from below the window
        pygame.draw.rect(surface, theme.card, card_rect, border_radius=ui.metrics.px(16))
        pygame.draw.rect(surface, theme.card_border, card_rect, width=max(1, ui.metrics.px(2)),
                         border_radius=ui.metrics.px(16))
        for op in self.ops:
            if op[0] == "badge":
                _, grade, (x, y) = op
                draw_grade_badge(surface, fit_ui, grade, x, y + offset)
            else:
                block, (x, y) = op
                surface.blit(block, (x, y + offset))
        for index, button in enumerate(self.buttons):
            chrome = button.name in CHROME_BUTTONS
            if chrome:
                surface.set_clip(None)
            shown = button if chrome or not offset else dataclasses.replace(button, rect=button.rect.move(0, offset))
            draw_button(surface, ui if chrome else fit_ui, shown, focused=index == self.focus,
                        hovered=index == self.hover)
        surface.set_clip(None)
        self._draw_scoreboard(surface, ui)

    def _draw_scoreboard(self, surface, ui):
        m, tr, theme = ui.metrics, ui.tr, ui.theme
        rect = self.board_rect
        pygame.draw.rect(surface, theme.card, rect, border_radius=m.px(12))
        pad = m.px(14)
        y = rect.y + pad
        title = ui.text.render_block(tr._("Scores"), m.text("body"), theme.accent, rect.width - 2 * pad, bold=True)
        surface.blit(title, (rect.x + pad, y))
        y += title.get_height() + m.gap
        state = self.game.state
        for total in team_totals(state, len(self.game.config.teams)):
            current = total.team == state.team and state.phase is not Phase.OVER
            name = self.game.config.teams[total.team]
            points = tr.format(tr.ngettext("{n} point", "{n} points", total.points), n=total.points)
            line_h = ui.text.line_height(m.text("body"))
            if current:  # marked by a shape and bold text as well as colour
                pygame.draw.polygon(surface, theme.accent, [(rect.x + pad // 3, y + line_h // 4),
                                                            (rect.x + pad - 2, y + line_h // 2),
                                                            (rect.x + pad // 3, y + 3 * line_h // 4)])
            block = ui.text.render_block(name, m.text("body"), theme.text, rect.width - 2 * pad, bold=current)
            surface.blit(block, (rect.x + pad, y))
            y += block.get_height()
            score = ui.text.render_block(points, m.text("small"), theme.muted, rect.width - 2 * pad)
            surface.blit(score, (rect.x + pad, y))
            y += score.get_height() + m.gap
