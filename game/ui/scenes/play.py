"""The play screen: whose turn, the card, the discussion timer, the choices, the reveal, the scores."""
from __future__ import annotations

import dataclasses

import pygame

from game.engine.cards import Grade, Kind
from game.engine.rules import ANSWER_OPEN, CLOCK_MOVES, Action, BonusReason, Phase, Refusal, Role
from game.engine.view import TableView
from game.i18n import N_
from game.notices import Audience
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
    Refusal.NOT_YOUR_MOVE: N_("Only the facilitator can do that."),
    Refusal.ANSWERS_NOT_OPEN: N_("Talk about it first: answers open when the clock starts."),
    Refusal.NO_SUCH_BONUS: N_("That bonus was not given."),
    Refusal.NOT_THE_PHONES_ANSWER: N_("The phones voted for another answer: take one of the choices with the most votes."),
}

# The facilitator's controls (game/ui/host.py) and the engine actions each one takes.
HOST_MOVES = {
    "reveal": ("reveal",), "next": ("next",), "skip": ("skip",), "park": ("park",), "undo": ("undo",),
    "end": ("end",), "timer": ("start_discussion", "pause", "resume"),
    "bonus_discussion": ("bonus", "take_back_bonus"), "bonus_help": ("bonus", "take_back_bonus"),
}
BONUS_CONTROLS = {"bonus_discussion": BonusReason.GOOD_DISCUSSION, "bonus_help": BonusReason.NAMED_HELP}


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
    """Draws the students' view (game/engine/view.py) and offers only the actions the rules list
    for the person at the controls: buttons and keys come from `legal_actions`, never from phases."""

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
    def legal_move(self, kind: str, role: Role, **match) -> Action | None:
        """The legal action of this type for `role` now (matching `match`), or None."""
        return next((a for a in self.game.legal_actions(role) if a.type == kind and a.card_id is None
                     and all(getattr(a, key) == value for key, value in match.items())), None)

    def act(self, action: Action) -> bool:
        self.end_armed = False
        refusal = self.game.act(action)
        if refusal is not None:
            self.tell(action.by, self.app.tr._(REFUSALS[refusal]))
            return False
        self.app.session.autosave()
        self.app.policy.after_action(action)
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
            self.act(Action("reveal", by=action.by))  # a visitor alone has nobody to wait for
            return True
        if action.type == "draw":
            # Lay the new card out now, so the slide-in that follows only moves finished pictures.
            self.ensure_layout(self.app.ui, self.app.content_area(self))
            self.anim = 0.0
        self._follow_phase()
        return True

    def tell(self, role: Role | None, text: str) -> None:
        """A message for the person who acted: the facilitator's go to the facilitator's screen."""
        audience = Audience.FACILITATOR if role is Role.FACILITATOR else Audience.ROOM
        self.app.notices.post(text, audience)
        self.app.request_draw()

    def _follow_phase(self) -> None:
        phase = self.game.state.phase
        if phase is Phase.READY and self.app.mode.solo:
            self.draw_card(self.app.mode.room)
        elif phase is Phase.RED_ALERT:
            self.app.flow.show_red_alert(self)
        elif phase is Phase.OVER:
            self.app.flow.game_over()

    def on_enter(self) -> None:
        self.changed()

    def draw_card(self, role: Role):
        self.act(Action("draw", team=self.game.state.team, by=role))

    def choose(self, index: int, role: Role):
        if index == self.game.state.choice and self.game.state.phase is Phase.CHOSEN:
            return  # the answer already picked: nothing changes
        # The time the room really discussed, for the report: the clock's running time, also past
        # zero and without pauses; none when the clock was never started.
        seconds = None if self.discussed is None else int(self.discussed)
        # Once the team's phones voted, the answer is theirs: the votes go with it and the rules
        # accept only a choice with the most votes (a tie is decided aloud among those).
        held = self.app.phones.holding_votes
        tally = self.app.phones.take_votes(self.game.state.team) if self.game.state.phase in ANSWER_OPEN else None
        taken = self.act(Action("choose", team=self.game.state.team, choice=index, seconds=seconds, by=role,
                                votes=tally.votes if tally is not None else None))
        if not taken and tally is not None and not held:
            self.app.phones.release_votes()  # a stray key does not end the phones' vote

    def take_phones_answer(self, role: Role) -> None:
        """The team's answer from its phones: the majority, or on a tie the tied choices to decide aloud."""
        tr = self.app.tr
        if not self.app.phones.running:
            self.tell(role, tr._("Phones are not switched on."))
            return
        if self.game.state.phase not in ANSWER_OPEN:
            self.tell(role, tr._(REFUSALS[Refusal.NO_CARD_SHOWN]))
            return
        tally = self.app.phones.take_votes(self.game.state.team)
        if tally is None:
            self.tell(role, tr._("No phone of this team has voted yet. The team can answer on this screen."))
        elif tally.majority is not None:
            self.choose(tally.majority, role)
        else:
            tied = ", ".join(tr.number(i + 1) for i in tally.leaders)
            self.tell(role, tr.format(tr._("A tie between {choices}: the team decides aloud, then press the "
                                           "number of one of them."), choices=tied))
            self.changed()

    def step(self, role: Role) -> None:
        """The main step (Page Down, a clicker's "next", Enter): draw, start the clock, reveal, next team."""
        action = self.game.main_step(role)
        if action is not None:
            self.act(action)
        elif self.game.state.phase in ANSWER_OPEN and self.app.phones.running:
            self.take_phones_answer(role)
        elif self.game.state.phase in ANSWER_OPEN:
            self.tell(role, self.app.tr._("Waiting for the team to choose.") if role is Role.FACILITATOR
                      else self.app.tr._(REFUSALS[Refusal.NOT_CHOSEN]))

    # --- the facilitator's controls -------------------------------------------------------------
    def host_move(self, name: str) -> Action | None:
        """The action a facilitator's control takes now, if the rules allow it (see game/ui/host.py)."""
        if name == "step":
            return self.game.main_step(Role.FACILITATOR)
        kinds = HOST_MOVES.get(name, ())
        reason = BONUS_CONTROLS.get(name)
        team = self.game.state.team
        return next((a for a in self.game.legal_actions(Role.FACILITATOR)
                     if a.type in kinds and a.card_id is None
                     and (reason is None or (a.reason is reason and a.team == team))), None)

    def host_enabled(self, name: str) -> bool:
        if name == "notes":
            return True
        if name in ("phones", "phones_remove"):
            return self.app.phones.running
        if name == "phones_answer":
            return self.app.phones.running and self.game.state.phase in ANSWER_OPEN
        if name == "step" and self.app.phones.running and self.game.state.phase is Phase.DISCUSSING:
            return True  # while the clock runs, the next step takes the phones' answer (see step())
        if name in ("more_time", "less_time"):
            return self.host_move("timer") is not None and (name == "more_time" or self.timer_left > 0)
        return self.host_move(name) is not None

    def host(self, name: str) -> None:
        """Carry out one of the facilitator's controls (see game/ui/host.py)."""
        if not self.app.mode.host_controls:
            return
        if name == "end" and not self.end_armed and self.host_move("end") is not None:
            self.end_armed = True
            self.tell(Role.FACILITATOR, self.app.tr._("Press E again to end the game."))
            self.changed()
            return
        if name == "notes":
            self.end_armed = False
            self.app.toggle_host_notes()
        elif name == "phones":
            self.show_phones_join()
        elif name == "phones_answer":
            self.take_phones_answer(Role.FACILITATOR)
        elif name == "phones_remove":
            if self.app.phones.running:
                self.app.flow.show_phones_manage()
        elif name == "step":
            self.step(Role.FACILITATOR)
        elif name in ("more_time", "less_time"):
            self.end_armed = False
            if self.host_enabled(name):
                change = MORE_TIME_SECONDS if name == "more_time" else -MORE_TIME_SECONDS
                self.timer_left = max(0.0, min(MAX_DISCUSSION_SECONDS, self.timer_left + change))
                self.changed()
        else:
            move = self.host_move(name)
            if move is None:  # not now: the rules say why, to the facilitator
                move = Action(HOST_MOVES[name][0], team=self.game.state.team, reason=BONUS_CONTROLS.get(name),
                              by=Role.FACILITATOR)
            self.act(move)

    def show_phones_join(self) -> None:
        if self.app.phones.running:
            self.app.flow.show_phones_join()
        else:
            self.tell(self.app.mode.keys, self.app.tr._("Phones are not switched on."))

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
    def on_command(self, command):
        mode = self.app.mode
        if command.do is Do.CHOICE:
            if self.game.state.phase in ANSWER_OPEN and command.value < self.game.card.choice_count:
                self.choose(command.value, mode.room)  # refused with a reason when answers are not open
            return True
        if command.do is Do.HOST and command.value == "phones" and not mode.locked:
            self.show_phones_join()  # the join code, in a classroom too
            return True
        if command.do is Do.HOST:
            self.host(command.value)
            return mode.host_controls
        if command.do is Do.FORWARD:
            self.step(mode.keys)
            return True
        if command.do is Do.BACK and mode.host_controls and command.value == "clicker":
            self.host("undo")
            return True
        if command.do is Do.BACK:
            if mode.locked:
                return True  # a visitor cannot leave the round; the idle reset ends it
            self.app.session.autosave()
            self.app.flow.to_title()
            return True
        return False

    # --- layout -----------------------------------------------------------------------------
    def build(self, ui, area):
        m = ui.metrics
        side_w = max(m.px(240), area.width // 5)
        self.board_rect = pygame.Rect(area.right - side_w - m.margin, area.y + m.margin, side_w,
                                      area.height - 2 * m.margin)
        main = pygame.Rect(area.x + m.margin, area.y + m.margin, area.width - side_w - 3 * m.margin,
                           area.height - 2 * m.margin)
        self.card_rect = main
        role = self.app.mode.room
        seen = self.game.view(role)  # the students' screen shows the students' view, nothing more
        self.scores = self._score_lines(ui.tr, seen)
        if self.app.phones.running:  # the way back to the join code, for latecomers
            label = ui.tr._("Phones: join") + "  [J]"
            h = button_height(ui, label, side_w, "small")
            self.phones_button = Button(pygame.Rect(self.board_rect.x, self.board_rect.bottom - h, side_w, h), label,
                                        self.show_phones_join, name="phones-join", style="quiet", role="small")
            self.board_rect.height -= h + m.gap
        # Try the full text size first, and shrink only as far as this card needs to fit.
        def compose(fitted, rect):
            self.ops, buttons, bottom = self._compose(fitted, rect, seen, role)
            self.buttons.extend(buttons)
            return bottom

        self.build_to_fit(ui, main, compose, FITS)
        if self.app.phones.running:
            self.buttons.append(self.phones_button)

    def _compose(self, ui: Ui, rect: pygame.Rect, seen: TableView, role: Role):
        tr, m, theme = ui.tr, ui.metrics, ui.theme
        card = seen.card
        pad = m.px(22)
        col = _Column(ui, rect.x + pad, rect.y + pad, rect.width - 2 * pad)
        buttons: list[Button] = []
        team_name = seen.teams[seen.team]
        turn_line = tr.format(tr._("Turn {turn} of {total}"), turn=min(seen.turn + 1, seen.total_turns),
                              total=seen.total_turns)

        def add_button(label, action, name, style="normal", hint="", grade=None, selected=False, width=None,
                       move=None):
            w = width or col.width
            h = button_height(ui, label, w)
            button = Button(pygame.Rect(col.x, col.y, w, h), label, action, style=style, hint=hint, name=name,
                            grade=grade, selected=selected, label_align="left" if hint else "center", move=move)
            buttons.append(button)
            col.y += h + m.px(8)
            return button

        def move_button(move, label, name, **style):
            """A button that takes one legal action."""
            return add_button(label, lambda: self.act(move), name, move=move, **style)

        mode = self.app.mode
        if seen.phase is Phase.READY or card is None:
            col.text(tr.format(tr._("{team}, it is your turn."), team=team_name), "title", theme.accent, bold=True)
            col.text(turn_line, "body", theme.muted)
            draw = self.legal_move("draw", role)
            if draw is None:
                col.text(tr._("Your facilitator will draw the card."), "body", theme.text, after=m.gap * 2)
            else:
                col.text(tr._("Draw a card and read it aloud to the room."), "body", theme.text, after=m.gap * 2)
                move_button(draw, tr._("Draw a card"), "draw", style="primary", width=min(col.width, m.px(420)))
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

        if seen.answer is not None:
            self._compose_reveal(ui, col, seen, role, add_button, move_button, labels)
            self._host_strip(tr, add_button, col)
            return col.ops, buttons, col.y + pad

        for index, label in enumerate(labels):
            move = self.legal_move("choose", role, choice=index)
            button = add_button(label, (lambda i=index: self.choose(i, role)), f"choice-{index}", hint=HINTS[index],
                                selected=index == seen.chosen, move=move)
            button.enabled = move is not None or index == seen.chosen  # the picked one stays lit
        col.space(m.gap)
        if seen.phase is Phase.CHOSEN:
            reveal = self.legal_move("reveal", role)
            if reveal is None:
                col.text(tr._("Your facilitator will reveal the answer."), "body", theme.muted)
            else:
                col.text(tr._("You can change the answer until it is revealed."), "small", theme.muted)
                move_button(reveal, tr._("Reveal the answer"), "reveal", style="primary",
                            width=min(col.width, m.px(420)))
            self._host_strip(tr, add_button, col)
            return col.ops, buttons, col.y + pad
        tied = self.app.phones.tie(seen.team) if seen.phase in ANSWER_OPEN else ()
        if tied:  # on the projector until the answer is taken, so the room can decide aloud
            col.text(tr.format(tr._("The phones are tied between {choices}: decide together which one is your "
                                    "answer."), choices=", ".join(tr.number(i + 1) for i in tied)),
                     "body", theme.accent, bold=True)
        if seen.hosted and seen.phase is Phase.CARD:
            col.text(tr._("Talk about it first: your facilitator will open the answers."), "body", theme.muted)
        if card.kind is Kind.SCENARIO and card.discussion:
            col.text(tr._("Talk about it:"), "small", theme.accent, bold=True, after=m.px(4))
            for question in card.discussion:
                col.text("• " + tr.text(question), "small", theme.text, after=m.px(4))
            col.space(m.gap)
        if mode.timer:
            self._timer_row(ui, col, buttons, role)
        self._host_strip(tr, add_button, col)
        return col.ops, buttons, col.y + pad

    def _timer_row(self, ui, col, buttons, role):
        """The clock, and beside it the clock's button and "skip", when this screen may use them."""
        tr, m, theme = ui.tr, ui.metrics, ui.theme
        timer = next((move for move in self.game.legal_actions(role) if move.type in CLOCK_MOVES), None)
        skip = self.legal_move("skip", role)
        third = (col.width - 2 * m.gap) // 3
        row_y = col.y
        clock_block = ui.text.render_block(self.clock_text(tr), m.text("body"), theme.text,
                                           third if timer or skip else col.width, bold=True)
        col.ops.append((clock_block, (col.x, row_y)))
        h = clock_block.get_height()
        if timer is not None:
            timer_label = {"start_discussion": tr._("Start the discussion"), "pause": tr._("Pause"),
                           "resume": tr._("Resume")}[timer.type]
            h = max(h, button_height(ui, timer_label, third))
            buttons.append(Button(pygame.Rect(col.x + third + m.gap, row_y, third, h), timer_label,
                                  lambda: self.act(timer), name="timer", move=timer))
        if skip is not None:
            buttons.append(Button(pygame.Rect(col.x + 2 * (third + m.gap), row_y, third, h),
                                  tr._("Skip this card"), lambda: self.act(skip), name="skip",
                                  style="quiet", move=skip))
        col.y = row_y + h + m.gap

    def _host_strip(self, tr, add_button, col):
        """On one display the facilitator also has two buttons: the next step, and the notes."""
        if not self.app.mode.host_controls or self.app.presenter is not None:
            return
        m = col.ui.metrics  # the card's own, possibly shrunk, sizes
        half = (col.width - m.gap) // 2
        row_y = col.y
        step = add_button(tr._("Next step") + "  [PgDn]", lambda: self.step(Role.FACILITATOR), "host-step",
                          width=half, move=self.host_move("step"))
        col.y = row_y
        notes = add_button(tr._("Notes and controls") + "  [I]", lambda: self.host("notes"), "host-notes",
                           style="quiet", width=half)
        notes.rect.x = col.x + half + m.gap
        col.y = row_y + max(step.rect.height, notes.rect.height) + m.px(8)

    def _compose_reveal(self, ui, col, seen, role, add_button, move_button, labels):
        tr, m, theme = ui.tr, ui.metrics, ui.theme
        answer = seen.answer
        badge_h = ui.text.line_height(m.text("heading"))
        col.ops.append(("badge", answer.grade, (col.x, col.y)))
        col.space(badge_h + m.gap // 2)
        col.text(tr.format(tr._("Your choice: {choice}"), choice=labels[answer.choice]), "body", theme.text,
                 bold=True, after=m.px(6))
        if answer.is_myth is not None:
            truth = tr._("It is a myth.") if answer.is_myth else tr._("It is a fact.")
            col.text(truth + " " + tr.text(answer.explanation), "body", theme.text)
        else:
            col.text(tr.text(answer.feedback), "body", theme.text)
            if answer.safer is not None:
                col.text(tr.format(tr._("A safer choice: {choice}"), choice=tr.text(answer.safer)), "body",
                         theme.safe, bold=True)
            if answer.tip is not None:
                col.text(tr.format(tr._("Tip: {tip}"), tip=tr.text(answer.tip)), "body", theme.accent)
        col.space(m.px(4))
        bonus_labels = ((BonusReason.GOOD_DISCUSSION, tr._("+1 for a good discussion")),
                        (BonusReason.NAMED_HELP, tr._("+1 for naming a way to get help")))
        offered = [(reason, label, self.legal_move("bonus", role, reason=reason, team=seen.team)
                    or self.legal_move("take_back_bonus", role, reason=reason, team=seen.team))
                   for reason, label in bonus_labels]
        if any(move is not None for _, _, move in offered):
            half = (col.width - m.gap) // 2
            row_y = col.y
            heights = []
            for index, (reason, label, move) in enumerate(offered):
                col.y = row_y
                # A bonus given shows pressed; pressing it again takes it back.
                button = move_button(move, label, f"bonus-{reason.value}", selected=move.type == "take_back_bonus",
                                     width=half)
                button.rect.x = col.x + index * (half + m.gap)
                heights.append(button.rect.height)
            col.y = row_y + max(heights) + m.gap
        else:  # the facilitator gives bonuses from the controls; the room sees them
            for reason, label in bonus_labels:
                if reason in answer.bonuses:
                    col.text(label, "body", theme.safe, bold=True, after=m.px(6))
        move = self.legal_move("next", role)
        if move is None:
            col.text(tr._("Your facilitator will move on."), "small", theme.muted)
            return
        if seen.turn + 1 >= seen.total_turns:
            label = tr._("See the results")
        else:
            label = tr._("Next card") if self.app.mode.solo else tr._("Next team")
        move_button(move, label, "next", style="primary", width=min(col.width, m.px(420)))

    def _score_lines(self, tr, seen: TableView) -> list[tuple[str, str, bool]]:
        """The scoreboard's lines: (team, points, whose turn), worked out with the layout."""
        lines = []
        for total in seen.scores:
            current = total.team == seen.team and seen.phase is not Phase.OVER
            points = tr.format(tr.ngettext("{n} point", "{n} points", total.points), n=total.points)
            lines.append((seen.teams[total.team], points, current))
        return lines

    # --- drawing -------------------------------------------------------------------------------
    def _offset(self) -> int:
        if self.anim >= 1.0:
            return 0
        eased = 1 - (1 - self.anim) ** 3
        return int((1 - eased) * self.card_rect.height * 0.6)

    def sliding(self):
        return (self.card_rect, self._offset()) if self.animating else None

    def draw(self, surface, ui, area):
        theme = ui.theme
        fit_ui = self.fit_ui or ui
        offset = self.offset_to_draw(self._offset())
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
        for index, (name, points, current) in enumerate(self.scores):
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
            y += score.get_height()
            for line in self.phone_lines(tr, index):
                block = ui.text.render_block(line, m.text("small"), theme.accent, rect.width - 2 * pad)
                surface.blit(block, (rect.x + pad, y))
                y += block.get_height()
            y += m.gap

    def phone_lines(self, tr, team: int) -> list[str]:
        """Under each team: how many of its phones voted while the answer is open (never what), and
        after the reveal how the votes spread over the choices."""
        tally = self.app.phones.team_tally(team)
        if tally is None or self.game.card is None or not self.game.card.is_turn_card:
            return []
        phase = self.game.state.phase
        if phase is Phase.REVEALED and tally.votes_shown is not None and tally.voters:
            return [tr._("Phones voted:")] + [
                tr.format(tr.ngettext("{choice}: {n} vote", "{choice}: {n} votes", n), choice=i + 1, n=n)
                for i, n in enumerate(tally.votes_shown)]
        if phase in ANSWER_OPEN and tally.phones:
            return [tr.format(tr._("{voters} of {phones} phones voted"), voters=tally.voters, phones=tally.phones)]
        return []
