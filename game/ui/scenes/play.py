"""The play screen: what happens on it. The rules decide what may happen (game/engine/); how the card and the
scores look is game/ui/card_layout.py; this scene takes the room's and the facilitator's keys and clicks to the
rules, runs the discussion clock and follows the game from phase to phase."""
from __future__ import annotations

import pygame

from game.engine.cards import Grade
from game.engine.rules import ANSWER_OPEN, Action, BonusReason, Phase, Refusal, Role, apply
from game.i18n import N_
from game.notices import Audience
from game.ui.card_layout import CardLayout, has_part
from game.ui.card_parts import Clock
from game.ui.host import MAX_DISCUSSION_SECONDS, MORE_TIME_SECONDS
from game.ui.input import Do
from game.ui.scenes.base import Scene

CARD_ANIMATION_S = 0.35
# A new card rises from this share of its height below its place. While it rises, a picture of the rows still
# to come into sight is kept (game/ui/slide.py): a third of a card is a clear movement and half the memory
# of two thirds.
SLIDE_FROM = 0.3

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

# L, Q, M when the card on the screen has no such part hidden: why the key changed nothing.
PEEK_ABSENT = {
    "story": N_("This card has no story to show."),
    "discussion": N_("This card has no questions to talk about."),
    "more": N_("What is safer shows once the answer is revealed."),
}

# The facilitator's controls (game/ui/host.py) and the engine actions each one takes.
HOST_MOVES = {
    "reveal": ("reveal",), "next": ("next",), "skip": ("skip",), "park": ("park",), "undo": ("undo",),
    "end": ("end",), "timer": ("start_discussion", "pause", "resume"),
    "bonus_discussion": ("bonus", "take_back_bonus"), "bonus_help": ("bonus", "take_back_bonus"),
}
BONUS_CONTROLS = {"bonus_discussion": BonusReason.GOOD_DISCUSSION, "bonus_help": BonusReason.NAMED_HELP}


class PlayScene(Scene):
    """Draws the students' view (game/engine/view.py) and offers only the actions the rules list
    for the person at the controls: buttons and keys come from `legal_actions`, never from phases."""

    name = "play"

    def __init__(self, app):
        super().__init__(app)
        self.anim = 1.0
        self.timer_left = float(self.game.config.discussion_seconds)
        self.discussed = None  # seconds the clock has run on this card; None until it is started
        self._shown_second = None
        self.end_armed = False  # "end the game" asks to be pressed twice
        self.peek: str | None = None  # a part of the card shown on request (see card_layout.PEEKS)
        # On a card whose options are put in order: the places picked so far, safest first (a pick is not the
        # team's answer until the order is whole).
        self.ordering: tuple[int, ...] = ()
        self.face = CardLayout(self)
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
        self.ordering = ()
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
        self.app.notices.post(text, audience, calm=True)  # a hint about the rules, never an error
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

    def on_leave(self) -> None:
        super().on_leave()
        self.face.forget()

    def on_hidden(self) -> None:
        # Under a red alert or the calm screen the card is out of sight: its pictures (a few MB on a
        # projector) go, and it is laid out again when it shows (Flow.pop marks it changed).
        self.face.forget()
        self._needs_layout = True

    def draw_card(self, role: Role):
        self.act(Action("draw", team=self.game.state.team, by=role))

    def choose(self, index: int, role: Role):
        """The team picks the answer shown `index`-th (key 1 is 0), or on a card put in order, the next place."""
        seen = self.game.view(role)
        if seen.card is not None and seen.card.face.orders:
            self.place(index, role)
            return
        answers = self.game.answers()
        answer = answers[index] if 0 <= index < len(answers) else index  # no such answer: the rules say why
        self.choose_answer(answer, role)

    def choose_answer(self, answer, role: Role) -> None:
        """The team's answer, as its card's kind defines it, with the phones' votes when they voted."""
        if answer == self.game.state.answer and self.game.state.phase is Phase.CHOSEN:
            return  # the answer already picked: nothing changes
        # The time the room really discussed, for the report: the clock's running time, also past
        # zero and without pauses; none when the clock was never started.
        seconds = None if self.discussed is None else int(self.discussed)
        # Once the team's phones voted, the answer is theirs: the votes go with it and the rules
        # accept only a choice with the most votes (a tie is decided aloud among those).
        held = self.app.phones.holding_votes
        tally = self.app.phones.take_votes(self.game.state.team) if self.game.state.phase in ANSWER_OPEN else None
        taken = self.act(Action("choose", team=self.game.state.team, answer=answer, seconds=seconds, by=role,
                                votes=tally.votes if tally is not None else None))
        if not taken and tally is not None and not held:
            self.app.phones.release_votes()  # a stray key does not end the phones' vote

    def place(self, index: int, role: Role) -> None:
        """The next place in the team's order: the safest first. Pressing a placed action takes it and those after
        it back; the last action goes last by itself, and the whole order is the team's answer."""
        tr = self.app.tr
        options = len(self.game.view(role).card.face.options)
        probe = apply(self.game.config, self.game.pool, self.game.cards, self.game.state,
                      Action("choose", team=self.game.state.team, answer=tuple(range(options)), by=role))
        if isinstance(probe, Refusal) and probe is not Refusal.ALREADY_CHOSEN:
            self.tell(role, tr._(REFUSALS[probe]))
            return
        if not 0 <= index < options:
            self.tell(role, tr._(REFUSALS[Refusal.NO_SUCH_CHOICE]))
            return
        if index in self.ordering:
            self.ordering = self.ordering[:self.ordering.index(index)]
        else:
            self.ordering += (index,)
        if len(self.ordering) == options - 1:
            order = self.ordering + tuple(i for i in range(options) if i not in self.ordering)
            self.ordering = ()
            self.choose_answer(order, role)
        self.changed()

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
            self.choose_answer(self.game.answers()[tally.majority], role)
        else:
            tied = ", ".join(self.answer_words(i) for i in tally.leaders)
            if self.game.view(role).card.face.orders:
                message = tr._("A tie between the orders {choices}: the team decides aloud, then presses the actions "
                               "in that order.")
            else:
                message = tr._("A tie between {choices}: the team decides aloud, then press the number of one of them.")
            self.tell(role, tr.format(message, choices=tied))
            self.changed()

    def answer_words(self, index: int) -> str:
        """An answer of the card on the table as the room reads it: a choice's number, or an order's numbers."""
        tr, answer = self.app.tr, self.game.answers()[index]
        return " · ".join(tr.number(i + 1) for i in answer) if isinstance(answer, tuple) else tr.number(answer + 1)

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
                if self.timer_left == 0 or self.face.clock_rect is None:
                    self.changed()  # time up: the clock's words change, and may need more room
                else:  # the same layout with new digits: only the clock goes to the screen
                    self.app.request_draw(self.face.clock_rect)
        return redraw

    # --- keys -----------------------------------------------------------------------------
    def on_command(self, command):
        """Keys, and the buttons of the card, which give the command of their key (Scene.press)."""
        mode = self.app.mode
        if command.do is Do.MOVE:
            self.act(command.value)  # a button's move, listed by the rules for the person at this screen
            return True
        if command.do is Do.CHOICE:
            self.choose(command.value, mode.room)  # the rules take it, or say why not (no card yet, no such choice)
            return True
        if command.do is Do.PEEK:
            if has_part(self.game.view(mode.room), command.value):
                self.toggle_peek(command.value)
            else:  # the key did something: it says why nothing changed
                seen = self.game.view(mode.room)
                reason = (REFUSALS[Refusal.NO_CARD_SHOWN] if seen.card is None or seen.phase is Phase.READY
                          else PEEK_ABSENT.get(command.value, PEEK_ABSENT["story"]))
                self.tell(mode.keys, self.app.tr._(reason))
            return True
        if command.do is Do.HOST and command.value == "phones" and not mode.locked:
            self.show_phones_join()  # the join code, in a classroom too
            return True
        if command.do is Do.HOST:
            if not mode.host_controls:
                self.tell(mode.keys, self.app.tr._("That key is for a workshop's facilitator; in a classroom game, "
                                                   "use the buttons or Page Down."))
                return True
            self.host(command.value)
            return True
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

    # --- layout and drawing: the card's (game/ui/card_layout.py) ---------------------------------
    def build(self, ui, area):
        self.buttons = self.face.build(ui, area)

    @property
    def card_rect(self) -> pygame.Rect:
        return self.face.card_rect

    def _offset(self) -> int:
        if self.anim >= 1.0:
            return 0
        eased = 1 - (1 - self.anim) ** 3
        return int((1 - eased) * self.face.card_rect.height * SLIDE_FROM)

    def sliding(self):
        """The card's place at rest and how far below it the card is now, while it slides in."""
        return (self.card_rect, self._offset()) if self.animating else None

    def draw(self, surface, ui, area):
        # While the card slides in, the app may draw it once and move its picture (game/ui/slide.py).
        offset = self.offset_to_draw(self._offset())
        self.face.draw(surface, ui, area, self.buttons, offset, self.focus, self.hover)
