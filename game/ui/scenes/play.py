"""The play screen: whose turn, the card, the discussion timer, the choices, the reveal, the scores."""
from __future__ import annotations

import dataclasses

import pygame

from game.engine.cards import Grade, Kind
from game.engine.rules import ANSWER_OPEN, CARD_ON_TABLE, CLOCK_MOVES, Action, BonusReason, Phase, Refusal, Role
from game.engine.view import TableView
from game.i18n import N_
from game.notices import Audience
from game.ui.host import MAX_DISCUSSION_SECONDS, MORE_TIME_SECONDS
from game.ui.input import Do
from game.ui import art
from game.ui.card_parts import Clock, clock_height, draw_clock, draw_tile, tile_height
from game.ui.drawn_text import tagged
from game.ui.scenes.base import CHROME_BUTTONS, Scene
from game.ui.widgets import Button, Ui, button_height, draw_button, draw_grade_badge
from game.words import choice_labels, topic_name

CARD_ANIMATION_S = 0.35
# The parts of a card a small screen may leave out, each one key (or button) away: (label, key).
PEEKS = {"story": (N_("The story"), "L"), "discussion": (N_("Talk about it"), "Q"), "more": (N_("What is safer"), "M")}
CLOCK_SHARE = 0.4  # the least of the card's width the clock needs beside the buttons
FITS = (1.0, 0.92, 0.85, 0.78, 0.7, 0.62, 0.55)

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
    """Stacks text blocks downwards, remembering what to draw where."""

    def __init__(self, ui: Ui, x: int, y: int, width: int):
        self.ui, self.x, self.y, self.width = ui, x, y, width
        self.ops: list[tuple] = []

    def text(self, text: str, size_role: str, layout_role: str, color, bold: bool = False, after: int | None = None,
             indent: int = 0) -> None:
        """Text at the size of `size_role` (game/ui/layout.py), recorded in layout.json as `layout_role`."""
        block = self.ui.text.render_block(text, self.ui.metrics.text(size_role), color, self.width - indent, bold=bold)
        self.ops.append(("text", block, (self.x + indent, self.y), layout_role))
        self.y += block.get_height() + (self.ui.metrics.gap if after is None else after)

    def space(self, pixels: int) -> None:
        self.y += pixels


def _moved(op: tuple, dx: int, dy: int) -> tuple:
    """A drawing operation of the card, moved by (dx, dy)."""
    kind = op[0]
    if kind in ("back", "clock", "team"):
        rect_at = 1 if kind != "team" else 2
        moved = list(op)
        moved[rect_at] = op[rect_at].move(dx, dy)
        return tuple(moved)
    x, y = op[-2] if kind == "text" else op[-1]
    if kind == "text":
        return (kind, op[1], (x + dx, y + dy), op[3])
    return (*op[:-1], (x + dx, y + dy))


def _draw_op(surface: pygame.Surface, ui: Ui, op: tuple) -> None:
    kind = op[0]
    if kind == "text":
        _, block, position, role = op
        with tagged(surface, role):
            surface.blit(block, position)
    elif kind == "badge":
        _, grade, myth_fact, (x, y) = op
        with tagged(surface, "feedback"):
            draw_grade_badge(surface, ui, grade, x, y, myth_fact=myth_fact)  # "Correct", not "Safe", on a myth
    elif kind == "icon":
        _, icon, size, position = op
        surface.blit(art.topic_icon(icon, size, ui.theme.accent), position)
    elif kind == "clock":
        draw_clock(surface, ui, op[1], op[2])
    elif kind == "back":
        art.draw_card_back(surface, op[1], ui.theme)
    elif kind == "team":
        art.draw_team_marker(surface, op[1], op[2], ui.theme)


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
        self.peek: str | None = None  # a part of the card shown on request: "story" or "discussion"
        self.view_shown: tuple[str, ...] = ()
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
        self.peek = None
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
            time = tr.format(tr._("{minutes}:{seconds}"), minutes=seconds // 60, seconds=tr.digits(f"{seconds % 60:02d}"))
            if self.game.state.phase is Phase.PAUSED:
                return tr.format(tr._("Paused at {time}"), time=time)
            return tr.format(tr._("Discussion: {time}"), time=time)
        return tr._("Time is up: choose when you are ready.")

    def clock(self, tr) -> Clock:
        """The clock as the room sees it."""
        phase = self.game.state.phase
        state = ("ready" if phase is Phase.CARD else "paused" if phase is Phase.PAUSED
                 else "up" if self.timer_left <= 0 else "running")
        return Clock(int(self.timer_left + 0.999), int(self.game.config.discussion_seconds), state,
                     self.clock_text(tr))

    def toggle_peek(self, part: str) -> None:
        """Show a part of the card the view left out (the story, the questions), or go back."""
        self.peek = None if self.peek == part else part
        self.changed()

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
            if self.timer_left == 0:
                self.app.play_sound("time_up")  # a soft chime: time to choose, never a penalty
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
        if command.do is Do.PEEK:
            if self._has_part(self.game.view(mode.room), command.value):
                self.toggle_peek(command.value)
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
            self.app.flow.ask_to_leave_game()  # saved at once; the title screen after a yes
            return True
        return False

    # --- layout -----------------------------------------------------------------------------
    def build(self, ui, area):
        m = ui.metrics
        side_w = max(m.px(200), area.width // 5)
        edge = m.px(16)  # narrower than other screens' margins: the card's text gets the room
        self.board_rect = pygame.Rect(area.right - side_w - edge, area.y + edge, side_w, area.height - 2 * edge)
        main = pygame.Rect(area.x + edge, area.y + edge, area.width - side_w - 3 * edge, area.height - 2 * edge)
        self.card_rect = main
        role = self.app.mode.room
        seen = self.game.view(role)  # the students' screen shows the students' view, nothing more
        self.scores = self._score_lines(ui.tr, seen)
        phones_button = None
        if self.app.phones.running:  # the way back to the join code, for latecomers
            label = ui.tr._("Phones: join") + "  [J]"
            h = button_height(ui, label, side_w, "small")
            phones_button = Button(pygame.Rect(self.board_rect.x, self.board_rect.bottom - h, side_w, h), label,
                                   self.show_phones_join, name="phones-join", style="quiet", role="small")
            self.board_rect.height -= h + m.gap
        # The largest text first: the text size the room asked for, then the fullest view of the card
        # that fits at it; smaller than the normal size only when no view fits (a tiny window).
        scale = m.text_scale
        fits = ([f for f in FITS if f * scale >= 0.999] + ([1 / scale] if scale > 1 else [])
                + [f for f in FITS if f * scale < 0.999])
        views = self._views(seen)
        for fit in fits:
            fitted = dataclasses.replace(ui, metrics=m.shrunk(fit))
            for view in views:
                self.buttons = []
                self.ops, bottom = self._compose(fitted, main, seen, role, view)
                if bottom <= main.bottom:
                    break
            else:
                continue
            break
        self.fit_ui = fitted if fit != 1.0 else None
        self.view_shown = view
        if phones_button is not None:
            self.buttons.append(phones_button)
        self._place_peek_buttons(ui, seen, view)

    def _views(self, seen: TableView) -> list[tuple[str, ...]]:
        """The ways to show this phase, fullest first; the parts left out stay one key away."""
        if seen.phase is Phase.READY or seen.card is None:
            return [("ready",)]
        if self.peek is not None:
            return [("prompt", self.peek), (self.peek,)]
        if seen.answer is not None:
            return [("prompt", "answer", "safer", "tip", "discussion"), ("answer", "safer", "tip", "discussion"),
                    ("prompt", "answer", "safer", "tip"), ("answer", "safer", "tip"), ("answer", "safer"),
                    ("answer",)]
        if self._story_first(seen):  # the story and the question first: the choices come with the clock
            return [("story", "prompt", "discussion"), ("story", "prompt"), ("story",)]
        views = []
        for parts in (("story", "prompt", "tiles", "notes", "discussion"), ("story", "prompt", "tiles", "notes"),
                      ("prompt", "tiles", "notes", "discussion"), ("prompt", "tiles", "notes"), ("prompt", "tiles"),
                      ("tiles", "notes"), ("tiles",)):
            views += [parts + ("grid",), parts]
        return views

    @staticmethod
    def _has_part(seen: TableView, part: str) -> bool:
        """Whether the card on the table has this part to show now (see PEEKS)."""
        if seen.card is None or seen.phase is Phase.READY:
            return False
        if part == "story":
            return seen.card.story is not None
        if part == "discussion":
            return bool(seen.card.discussion)
        return seen.answer is not None and (seen.answer.safer is not None or seen.answer.tip is not None)

    def _story_first(self, seen: TableView) -> bool:
        return seen.phase is Phase.CARD and self.app.mode.timer and seen.card.kind is Kind.SCENARIO

    def _compose(self, ui: Ui, rect: pygame.Rect, seen: TableView, role: Role, view: tuple[str, ...]):
        """Lay out one view of the card in `rect`: (what to draw, the lowest y used)."""
        m = ui.metrics
        pad = m.px(16)
        col = _Column(ui, rect.x + pad, rect.y + pad, rect.width - 2 * pad)
        if "ready" in view:
            self._compose_turn(ui, col, rect, seen, role)
            return col.ops, col.y + pad
        self._compose_header(ui, col, seen)
        footer_ops, footer_buttons, footer_h = self._compose_footer(ui, col.width, seen, role, view)
        self._compose_body(ui, col, seen, role, view)
        body_bottom = col.y
        footer_top = max(body_bottom + m.gap, rect.bottom - pad - footer_h)
        for op in footer_ops:
            col.ops.append(_moved(op, col.x, footer_top))
        for button in footer_buttons:
            button.rect.move_ip(col.x, footer_top)
            self.buttons.append(button)
        return col.ops, footer_top + footer_h + pad

    def _compose_turn(self, ui, col, rect, seen, role):
        """Before the draw: the card face down, and whose turn it is, in the team's colour."""
        tr, m, theme = ui.tr, ui.metrics, ui.theme
        back_h = min(rect.height - 2 * m.px(16), round(rect.width * 0.45 * 88 / 63))
        back = pygame.Rect(col.x, col.y, round(back_h * 63 / 88), back_h)
        col.ops.append(("back", back))
        text_x = back.right + m.margin
        text = _Column(ui, text_x, col.y, col.x + col.width - text_x)
        marker = m.text("title")
        col.ops.append(("team", seen.team, pygame.Rect(text_x, text.y + m.px(4), marker, marker)))
        text.x += marker + m.gap
        text.width -= marker + m.gap
        text.text(tr.format(tr._("{team}, it is your turn."), team=seen.teams[seen.team]), "title", "other",
                  theme.accent, bold=True)
        text.x -= marker + m.gap
        text.width += marker + m.gap
        text.text(tr.format(tr._("Turn {turn} of {total}"), turn=tr.number(min(seen.turn + 1, seen.total_turns)),
                            total=tr.number(seen.total_turns)), "card_note", "other", theme.muted)
        draw = self.legal_move("draw", role)
        if draw is None:
            text.text(tr._("Your facilitator will draw the card."), "card_note", "other", theme.text, after=m.gap * 2)
        else:
            text.text(tr._("Draw a card and read it aloud to the room."), "card_note", "other", theme.text,
                      after=m.gap * 2)
            label = tr._("Draw a card")
            h = button_height(ui, label, text.width)
            self.buttons.append(Button(pygame.Rect(text.x, text.y, text.width, h), label, lambda: self.act(draw),
                                       style="primary", name="draw", move=draw))
            text.y += h + m.gap
        buttons, h = self._button_row(ui, text.width, self._host_items(ui.tr))
        for button in buttons:
            button.rect.move_ip(text.x, text.y)
            self.buttons.append(button)
        text.y += h
        col.ops += text.ops
        col.y = max(back.bottom, text.y)

    def _compose_header(self, ui, col, seen):
        """The card's top line: its topic's picture and name, what kind of card, whose turn."""
        tr, m, theme = ui.tr, ui.metrics, ui.theme
        card = seen.card
        size = m.text("card_note")
        icon_size = round(size * 1.25)
        col.ops.append(("icon", art.icon_name_for(card), icon_size, (col.x, col.y)))
        kind = tr._("Myth or fact?") if card.kind is Kind.MYTH_FACT else tr._("What would you do?")
        turn = tr.format(tr._("Turn {turn} of {total}"), turn=tr.number(min(seen.turn + 1, seen.total_turns)),
                         total=tr.number(seen.total_turns))
        parts = [topic_name(tr, card.topic), kind, turn]
        header = _Column(ui, col.x + icon_size + m.gap, col.y, col.width - icon_size - m.gap)
        if not self.app.mode.solo:
            header.ops.append(("team", seen.team, pygame.Rect(header.x, header.y + size // 4, size, size)))
            header.x += size + m.gap // 2
            header.width -= size + m.gap // 2
            parts.insert(0, seen.teams[seen.team])
        header.text(" · ".join(parts), "card_note", "other", theme.muted, after=0)
        col.ops += header.ops
        col.y = max(col.y + icon_size, header.y) + m.gap

    def _compose_body(self, ui, col, seen, role, view):
        tr, m, theme = ui.tr, ui.metrics, ui.theme
        card = seen.card
        if "story" in view and card.story is not None:
            col.text(tr.text(card.story), "card", "story", theme.text)
        if "prompt" in view:
            question = card.statement if card.kind is Kind.MYTH_FACT else card.prompt
            col.text(tr.text(question), "card", "prompt", theme.text, bold=True)
        if "answer" in view:
            self._compose_answer(ui, col, seen, whole="safer" in view)
        if "safer" in view or "more" in view:
            self._compose_more(ui, col, seen, tip="tip" in view or "more" in view)
        if "tiles" in view:
            self._compose_tiles(ui, col, seen, role, grid="grid" in view)
            self._compose_tie(ui, col, seen)
        if "notes" in view:
            self._compose_answer_notes(ui, col, seen, role)
        if "discussion" in view and card.discussion:
            col.text(tr._("Talk about it:"), "card_note", "discussion", theme.accent, bold=True, after=m.px(4))
            for question in card.discussion:
                col.text("• " + tr.text(question), "card_note", "discussion", theme.text, after=m.px(4))
            col.space(m.gap)
        if "tiles" not in view and "answer" not in view and self.peek is None:
            self._compose_tie(ui, col, seen)
            self._compose_answer_notes(ui, col, seen, role)

    def _compose_tiles(self, ui, col, seen, role, grid: bool):
        m = ui.metrics
        labels = choice_labels(ui.tr, seen.card)
        columns = 2 if grid and len(labels) > 1 else 1
        width = (col.width - (columns - 1) * m.gap) // columns
        for row_start in range(0, len(labels), columns):
            row = range(row_start, min(len(labels), row_start + columns))
            height = max(tile_height(ui, labels[i], width) for i in row)
            for offset, index in enumerate(row):
                move = self.legal_move("choose", role, choice=index)
                button = Button(pygame.Rect(col.x + offset * (width + m.gap), col.y, width, height), labels[index],
                                (lambda i=index: self.choose(i, role)), name=f"choice-{index}",
                                hint=ui.tr.number(index + 1), selected=index == seen.chosen, move=move,
                                extra={"choice": index})
                button.enabled = move is not None or index == seen.chosen  # the picked one stays lit
                self.buttons.append(button)
            col.y += height + m.gap

    def _compose_tie(self, ui, col, seen):
        """A tie among the team's phones, on the projector until the answer is taken, so the room can decide
        aloud: never left out to make room."""
        tr = ui.tr
        tied = self.app.phones.tie(seen.team) if seen.phase in CARD_ON_TABLE else ()  # gone once answered
        if tied:
            col.text(tr.format(tr._("The phones are tied between {choices}: decide together which one is your "
                                    "answer."), choices=", ".join(tr.number(i + 1) for i in tied)),
                     "card_note", "other", ui.theme.accent, bold=True)

    def _compose_answer_notes(self, ui, col, seen, role):
        """One line on what happens next, while the answer is open."""
        tr, theme = ui.tr, ui.theme
        if seen.phase is Phase.CHOSEN:
            if self.legal_move("reveal", role) is None:
                col.text(tr._("Your facilitator will reveal the answer."), "card_note", "other", theme.muted)
            else:
                col.text(tr._("You can change the answer until it is revealed."), "card_note", "other", theme.muted)
            return
        if seen.hosted and seen.phase is Phase.CARD:
            col.text(tr._("Talk about it first: your facilitator will open the answers."), "card_note", "other",
                     theme.muted)

    def _compose_answer(self, ui, col, seen, whole: bool):
        """How safe the team's choice was and why; the choice by its words when `whole`, else by its number."""
        tr, m, theme = ui.tr, ui.metrics, ui.theme
        answer = seen.answer
        labels = choice_labels(tr, seen.card)
        badge_h = ui.text.line_height(m.text("heading"))
        col.ops.append(("badge", answer.grade, answer.is_myth is not None, (col.x, col.y)))
        col.space(badge_h + m.gap // 2)
        chosen = labels[answer.choice] if whole or answer.is_myth is not None else tr.number(answer.choice + 1)
        col.text(tr.format(tr._("Your choice: {choice}"), choice=chosen), "card", "feedback", theme.text, bold=True,
                 after=m.px(6))
        if answer.is_myth is not None:
            truth = tr._("It is a myth.") if answer.is_myth else tr._("It is a fact.")
            col.text(truth + " " + tr.text(answer.explanation), "card", "feedback", theme.text)
            return
        col.text(tr.text(answer.feedback), "card", "feedback", theme.text)

    def _compose_more(self, ui, col, seen, tip: bool):
        """After the reveal: what would have been safer, and (with `tip`) the card's tip."""
        tr, theme = ui.tr, ui.theme
        answer = seen.answer
        if answer.safer is not None:
            col.text(tr.format(tr._("A safer choice: {choice}"), choice=tr.text(answer.safer)), "card", "feedback",
                     theme.safe, bold=True)
        if tip and answer.tip is not None:
            col.text(tr.format(tr._("Tip: {tip}"), tip=tr.text(answer.tip)), "card", "tip", theme.accent)

    # --- the card's foot: the clock and the buttons -------------------------------------------
    def _compose_footer(self, ui, width, seen, role, view):
        """The clock and a row of buttons, laid out from (0, 0); (ops, buttons, height). The clock
        shares the row with the buttons when they leave it room, and has a row of its own otherwise."""
        m = ui.metrics
        items = self._footer_items(ui.tr, seen, role, view)
        if not (self.app.mode.timer and seen.phase in CARD_ON_TABLE):
            buttons, h = self._button_row(ui, width, items)
            return [], buttons, h
        clock = self.clock(ui.tr)
        clock_room = int(width * CLOCK_SHARE)
        buttons, h = self._button_row(ui, width - clock_room - m.gap, items)
        if buttons and all(b.rect.y == 0 for b in buttons):
            used = max(b.rect.right for b in buttons)
            row_h = max(h, clock_height(ui, clock, width - used - m.gap))
            for button in buttons:
                button.rect.move_ip(width - used, 0)
                button.rect.height = row_h
            return [("clock", pygame.Rect(0, 0, width - used - m.gap, row_h), clock)], buttons, row_h
        clock_h = clock_height(ui, clock, width)
        buttons, h = self._button_row(ui, width, items)
        for button in buttons:
            button.rect.move_ip(0, clock_h + m.gap)
        return [("clock", pygame.Rect(0, 0, width, clock_h), clock)], buttons, clock_h + m.gap + h

    def _footer_items(self, tr, seen, role, view) -> list[dict]:
        items = []

        def move_item(kind, label, name, style="normal", **match):
            move = self.legal_move(kind, role, **match)
            if move is not None:
                items.append(dict(label=label, action=lambda: self.act(move), name=name, style=style, move=move))
            return move

        if seen.phase is Phase.CHOSEN:
            move_item("reveal", tr._("Reveal the answer"), "reveal", "primary")
        if seen.phase in CARD_ON_TABLE and self.app.mode.timer:
            timer = next((move for move in self.game.legal_actions(role) if move.type in CLOCK_MOVES), None)
            if timer is not None:
                label = {"start_discussion": tr._("Start the discussion"), "pause": tr._("Pause"),
                         "resume": tr._("Resume")}[timer.type]
                items.append(dict(label=label, action=lambda: self.act(timer), name="timer", move=timer,
                                  style="primary" if timer.type == "start_discussion" else "normal"))
        if seen.phase in CARD_ON_TABLE:
            move_item("skip", tr._("Skip this card"), "skip", "quiet")
        if seen.answer is not None:
            for reason, label in ((BonusReason.GOOD_DISCUSSION, tr._("+1 for a good discussion")),
                                  (BonusReason.NAMED_HELP, tr._("+1 for naming a way to get help"))):
                move = (self.legal_move("bonus", role, reason=reason, team=seen.team)
                        or self.legal_move("take_back_bonus", role, reason=reason, team=seen.team))
                if move is not None:  # a bonus given shows pressed; pressing it again takes it back
                    items.append(dict(label=label, action=lambda move=move: self.act(move),
                                      name=f"bonus-{reason.value}", move=move,
                                      selected=move.type == "take_back_bonus"))
            if seen.turn + 1 >= seen.total_turns:
                label = tr._("See the results")
            else:
                label = tr._("Next card") if self.app.mode.solo else tr._("Next team")
            move_item("next", label, "next", "primary")
        items += self._host_items(tr)
        return items

    def _place_peek_buttons(self, ui, seen, view) -> None:
        """Below the scores, a button for each part of the card this view leaves out (and the one shown)."""
        m = ui.metrics
        rect = self.board_rect
        for part, (label, key) in reversed(PEEKS.items()):
            shown = "tip" in view or (seen.answer is not None and seen.answer.tip is None and "safer" in view) \
                if part == "more" else part in view
            if self._has_part(seen, part) and (not shown or self.peek == part):
                text = f"{ui.tr._(label)}  [{key}]"
                h = button_height(ui, text, rect.width, "small")
                self.buttons.append(Button(pygame.Rect(rect.x, rect.bottom - h, rect.width, h), text,
                                           lambda part=part: self.toggle_peek(part), name=f"peek-{part}",
                                           style="quiet", role="small", selected=self.peek == part))
                rect.height -= h + m.gap // 2

    def _host_items(self, tr) -> list[dict]:
        """On one display the facilitator also has two buttons: the next step, and the notes."""
        if not self.app.mode.host_controls or self.app.presenter is not None:
            return []
        return [dict(label=tr._("Next step") + "  [PgDn]", action=lambda: self.step(Role.FACILITATOR),
                     name="host-step", move=self.host_move("step")),
                dict(label=tr._("Notes and controls") + "  [I]", action=lambda: self.host("notes"),
                     name="host-notes", style="quiet")]

    @staticmethod
    def _button_row(ui, width: int, items: list[dict]) -> tuple[list[Button], int]:
        """Buttons side by side from (0, 0), each as wide as its words, onto a new row when full."""
        m = ui.metrics
        pad = m.px(12)
        size = m.text("button")
        rows: list[list[Button]] = [[]]
        x = 0
        for item in items:
            # As wide as the words and the room draw_button keeps beside them, so they stay on one line.
            natural = ui.text.size(item["label"], size)[0] + 2 * pad + 2 * size + m.px(4)
            w = min(width, max(m.px(120), natural))
            if x and x + w > width:
                rows.append([])
                x = 0
            rows[-1].append(Button(pygame.Rect(x, 0, w, 0), item["label"], item["action"],
                                   style=item.get("style", "normal"), name=item["name"], move=item.get("move"),
                                   selected=item.get("selected", False)))
            x += w + m.gap
        y = 0
        for row in rows:  # one height for a row, so it reads as one row
            height = max((button_height(ui, b.label, b.rect.width) for b in row), default=0)
            for button in row:
                button.rect.y, button.rect.height = y, height
            y += height + m.gap if row else 0
        return [b for row in rows for b in row], max(0, y - m.gap)

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
            _draw_op(surface, fit_ui, _moved(op, 0, offset))
        for index, button in enumerate(self.buttons):
            chrome = button.name in CHROME_BUTTONS
            if chrome:
                surface.set_clip(None)
            shown = button if chrome or not offset else dataclasses.replace(button, rect=button.rect.move(0, offset))
            focused, hovered = index == self.focus, index == self.hover
            if "choice" in button.extra:
                draw_tile(surface, fit_ui, shown, focused, hovered)
            else:
                with tagged(surface, "chrome" if chrome else "button"):
                    draw_button(surface, ui if chrome else fit_ui, shown, focused=focused, hovered=hovered)
        surface.set_clip(None)
        self._draw_scoreboard(surface, ui)

    def _draw_scoreboard(self, surface, ui):
        m, tr, theme = ui.metrics, ui.tr, ui.theme
        rect = self.board_rect
        pygame.draw.rect(surface, theme.card, rect, border_radius=m.px(12))
        pad = m.px(12)
        y = rect.y + pad
        size = m.text("card_note")
        with tagged(surface, "score"):
            title = ui.text.render_block(tr._("Scores"), size, theme.accent, rect.width - 2 * pad, bold=True)
            surface.blit(title, (rect.x + pad, y))
            y += title.get_height() + m.gap // 2
            marker = size * 3 // 4
            text_x = rect.x + pad + marker + m.gap // 2
            text_w = rect.right - pad - text_x
            for index, (name, points, current) in enumerate(self.scores):
                top = y
                block = ui.text.render_block(name, size, theme.text, text_w, bold=current)
                surface.blit(block, (text_x, y))
                y += block.get_height()
                score = ui.text.render_block(points, size, theme.text if current else theme.muted, text_w,
                                             bold=current)
                surface.blit(score, (text_x, y))
                y += score.get_height()
                for line in self.phone_lines(tr, index):
                    block = ui.text.render_block(line, m.text("small"), theme.accent, text_w)
                    surface.blit(block, (text_x, y))
                    y += block.get_height()
                art.draw_team_marker(surface, index, pygame.Rect(rect.x + pad, top + m.px(6), marker, marker), theme)
                if current:  # whose turn: a frame in the team's colour, and bold words
                    frame = pygame.Rect(rect.x + pad // 3, top - m.px(4), rect.width - 2 * (pad // 3),
                                        y - top + m.px(8))
                    pygame.draw.rect(surface, art.team_colour(index, theme), frame, width=max(2, m.px(4)),
                                     border_radius=m.px(8))
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
