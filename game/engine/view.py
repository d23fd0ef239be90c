"""What each person may see of a game: the students' screen, the facilitator, a kiosk visitor.

`view(game_parts, role)` leaves out what that role must not see, so a screen that draws only its
view cannot show the safe answer before the reveal or a facilitator's note to the room. The
screens draw from a view; they never read the card's grades or notes themselves.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from game.engine.cards import Card, Grade, Kind, Text
from game.engine.rules import (ANSWER_OPEN, BonusReason, GameConfig, GameState, Phase, Role)
from game.engine.scoring import TeamTotal, team_totals


@dataclass(frozen=True)
class Answer:
    """The revealed answer of this turn: everyone may see it once it is revealed."""

    choice: int
    grade: Grade
    feedback: Text | None  # a scenario's feedback on the choice made
    safer: Text | None  # a safe choice, when the team's was not safe (scenarios)
    is_myth: bool | None  # a myth-or-fact card: the truth
    explanation: Text | None
    tip: Text | None
    bonuses: tuple[BonusReason, ...]  # given to the team for this turn


@dataclass(frozen=True)
class HostNotes:
    """Only for the facilitator: the safe answer and the notes, at any time."""

    safe_choices: tuple[int, ...]
    facilitator_note: Text | None
    explanation: Text | None


@dataclass(frozen=True)
class CardFace:
    """A card as it may be shown: what it says, never how its choices are graded."""

    id: str
    kind: Kind
    topic: str
    story: Text | None = None
    prompt: Text | None = None
    statement: Text | None = None
    choice_texts: tuple[Text, ...] = ()  # a scenario's choices; a myth-or-fact card has "Myth" and "Fact"
    choice_count: int = 0
    discussion: tuple[Text, ...] = ()
    headline: Text | None = None  # red alerts
    why: Text | None = None


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
    chosen: int | None  # the team's answer, while it can still change and after
    answer: Answer | None  # after the reveal
    host: HostNotes | None  # the facilitator's view only
    hosted: bool  # a facilitator moves the game on
    answers_wait: bool  # the choices open when the discussion clock starts


def _face(card: Card) -> CardFace:
    return CardFace(id=card.id, kind=card.kind, topic=card.topic, story=card.story, prompt=card.prompt,
                    statement=card.statement, choice_texts=card.choice_texts,
                    choice_count=card.choice_count, discussion=card.discussion, headline=card.headline,
                    why=card.why)


def _answer(card: Card, state: GameState) -> Answer:
    result = state.results[-1]
    myth = card.kind is Kind.MYTH_FACT
    safe = [c for c in card.choices if c.grade is Grade.SAFE]
    return Answer(
        choice=result.choice, grade=result.grade,
        feedback=None if myth else card.choices[result.choice].feedback,
        safer=safe[0].text if safe and result.grade is not Grade.SAFE and not myth else None,
        is_myth=card.is_myth if myth else None,
        explanation=card.explanation if myth else None,
        tip=card.tip,
        bonuses=tuple(b.reason for b in state.bonuses if b.turn == state.turn and b.team == state.team))


def _host_notes(card: Card) -> HostNotes:
    safe = tuple(i for i in range(card.choice_count) if card.grade_of(i) is Grade.SAFE)
    return HostNotes(safe_choices=safe, facilitator_note=card.facilitator_note,
                     explanation=card.explanation if card.kind is Kind.MYTH_FACT else None)


def view(config: GameConfig, cards: Mapping[str, Card], state: GameState, role: Role) -> TableView:
    """The game as `role` may see it now."""
    card = cards.get(state.card_id) if state.card_id else None
    revealed = state.phase is Phase.REVEALED and card is not None and bool(state.results)
    return TableView(
        role=role, phase=state.phase, turn=state.turn, total_turns=config.total_turns, team=state.team,
        teams=config.teams, scores=tuple(team_totals(state, len(config.teams))),
        card=_face(card) if card is not None else None,
        chosen=state.choice if state.phase in ANSWER_OPEN or revealed else None,
        answer=_answer(card, state) if revealed else None,
        host=_host_notes(card) if role is Role.FACILITATOR and card is not None and card.is_turn_card else None,
        hosted=config.hosted,
        answers_wait=config.answers_wait_for_the_clock,
    )
