"""What each person may see of a game: the students' screen, the facilitator, a kiosk visitor.

`view(game_parts, role)` leaves out what that role must not see, so a screen that draws only its
view cannot show the safe answer before the reveal or a facilitator's note to the room. The
screens draw from a view; they never read the card's grades or notes themselves.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from game.engine.cards import Card, Grade, Text
from game.engine.rules import ANSWER_OPEN, BonusReason, GameConfig, GameState, Phase, Role
from game.engine.scoring import TeamTotal, team_totals
from game.kinds import Answer, Face, Reveal, kind_of


@dataclass(frozen=True)
class RevealedAnswer:
    """The revealed answer of this turn: everyone may see it once it is revealed."""

    answer: Answer
    index: int  # the answer's place among the card's answers (a choice's number - 1)
    grade: Grade
    shown: Reveal  # the answer in words, why it was graded so, what was safer, the tip
    right_or_wrong: bool  # the badge says "Correct" or "Not quite" instead of the grade
    bonuses: tuple[BonusReason, ...]  # given to the team for this turn

    @property
    def safer(self):
        return self.shown.safer

    @property
    def tip(self) -> Text | None:
        return self.shown.tip


@dataclass(frozen=True)
class HostNotes:
    """Only for the facilitator: the safe answer and the notes, at any time."""

    safe_answers: tuple[int, ...]  # the places of the answers graded safe among the card's answers
    facilitator_note: Text | None
    explanation: Text | None


@dataclass(frozen=True)
class CardFace:
    """A card as it may be shown: what it says, never how its answers are graded."""

    id: str
    kind: str
    icon: str  # the picture it shows: its kind's, or its topic's
    topic: str
    face: Face

    @property
    def story(self) -> Text | None:
        return self.face.story

    @property
    def discussion(self) -> tuple[Text, ...]:
        return self.face.discussion


@dataclass(frozen=True)
class TableView:
    role: Role
    phase: Phase
    turn: int  # 0-based, as in the state
    total_turns: int
    team: int
    teams: tuple[str, ...]
    scores: tuple[TeamTotal, ...]
    card: CardFace | None
    chosen: int | None  # the place of the team's answer among the card's answers, while it can change and after
    answer: RevealedAnswer | None  # after the reveal
    host: HostNotes | None  # the facilitator's view only
    hosted: bool  # a facilitator moves the game on
    answers_wait: bool  # the choices open when the discussion clock starts


def _face(card: Card) -> CardFace:
    kind = kind_of(card)
    return CardFace(id=card.id, kind=card.kind, icon=kind.icon or card.topic, topic=card.topic, face=kind.face(card))


def _place(card: Card, answer: Answer | None) -> int | None:
    answers = kind_of(card).answers(card)
    return answers.index(answer) if answer in answers else None


def _answer(card: Card, state: GameState) -> RevealedAnswer:
    result = state.results[-1]
    kind = kind_of(card)
    return RevealedAnswer(
        answer=result.answer, index=_place(card, result.answer), grade=result.grade,
        shown=kind.reveal(card, result.answer), right_or_wrong=kind.right_or_wrong,
        bonuses=tuple(b.reason for b in state.bonuses if b.turn == state.turn and b.team == state.team))


def _host_notes(card: Card) -> HostNotes:
    kind = kind_of(card)
    best = kind.best_answers(card)
    safe = tuple(i for i, answer in enumerate(kind.answers(card)) if answer in best)
    return HostNotes(safe_answers=safe, facilitator_note=kind.facilitator_note(card),
                     explanation=kind.host_explanation(card))


def view(config: GameConfig, cards: Mapping[str, Card], state: GameState, role: Role) -> TableView:
    """The game as `role` may see it now."""
    card = cards.get(state.card_id) if state.card_id else None
    revealed = state.phase is Phase.REVEALED and card is not None and bool(state.results)
    return TableView(
        role=role, phase=state.phase, turn=state.turn, total_turns=config.total_turns, team=state.team,
        teams=config.teams, scores=tuple(team_totals(state, len(config.teams))),
        card=_face(card) if card is not None else None,
        chosen=_place(card, state.answer) if card is not None and (state.phase in ANSWER_OPEN or revealed) else None,
        answer=_answer(card, state) if revealed else None,
        host=(_host_notes(card) if role is Role.FACILITATOR and card is not None and kind_of(card).plays_on_turn
              else None),
        hosted=config.hosted,
        answers_wait=config.answers_wait_for_the_clock,
    )
