"""A game in play: its config, the cards it draws from, its state and the log that rebuilds it."""
from __future__ import annotations

from typing import Mapping

from game.engine.cards import Card
from game.engine.rules import (MAIN_STEP, Action, GameConfig, GameState, Pool, Refusal, Role, apply, legal_actions,
                               make_pool, new_state)
from game.engine.view import TableView, view
from game.kinds import Answer, kind_of

SAVE_FORMAT = 1


class SaveMismatch(ValueError):
    """A saved game that cannot be continued with the cards installed now."""


class Game:
    def __init__(self, config: GameConfig, cards: Mapping[str, Card]):
        self.config = config
        self.cards = cards
        self.pool: Pool = make_pool(config, cards)
        self.state: GameState = new_state(config, self.pool)
        self.log: list[Action] = []
        self._legal: dict[Role | None, tuple[GameState, tuple[Action, ...]]] = {}  # per role: (state, its actions)

    def act(self, action: Action) -> Refusal | None:
        """Apply `action`; on success the state moves on and the action joins the log."""
        outcome = apply(self.config, self.pool, self.cards, self.state, action)
        if isinstance(outcome, Refusal):
            return outcome
        self.state = outcome
        self.log.append(action)
        return None

    def answers(self) -> tuple[Answer, ...]:
        """The answers the card on the table takes, in the order its options are shown (none between cards)."""
        card = self.cards.get(self.state.card_id) if self.state.card_id else None
        return kind_of(card).answers(card) if card is not None else ()

    def legal_actions(self, role: Role | None = None) -> list[Action]:
        """What `role` may do now, worked out once per state: the screens ask for every button of a frame."""
        known = self._legal.get(role)
        if known is None or known[0] is not self.state:
            known = (self.state, tuple(legal_actions(self.config, self.pool, self.cards, self.state, role)))
            self._legal[role] = known
        return list(known[1])

    def main_step(self, role: Role | None = None) -> Action | None:
        """The next sensible step for `role` (rules.main_step), from the actions already worked out for this state."""
        wanted = MAIN_STEP.get(self.state.phase)
        return next((a for a in self.legal_actions(role) if a.type == wanted and a.card_id is None), None)

    def view(self, role: Role) -> TableView:
        return view(self.config, self.cards, self.state, role)

    @property
    def card(self) -> Card | None:
        return self.cards.get(self.state.card_id) if self.state.card_id else None

    def to_json(self) -> dict:
        return {
            "format": SAVE_FORMAT,
            "config": self.config.to_json(),
            "log": [action.to_json() for action in self.log],
            "state": self.state.to_json(),
        }

    @classmethod
    def replay(cls, config: GameConfig, cards: Mapping[str, Card], log: list[Action]) -> "Game":
        game = cls(config, cards)
        for number, action in enumerate(log, start=1):
            refusal = game.act(action)
            if refusal is not None:
                raise SaveMismatch(f"action {number} ({action.type}) is refused on replay: {refusal.value}")
        return game

    @classmethod
    def from_json(cls, data: dict, cards: Mapping[str, Card]) -> "Game":
        """Rebuild a saved game by replaying its log; SaveMismatch if it no longer fits the cards."""
        try:
            if data.get("format") != SAVE_FORMAT:
                raise SaveMismatch("the save was written by another version of Nirapod")
            config = GameConfig.from_json(data["config"])
            log = [Action.from_json(item) for item in data["log"]]
            game = cls.replay(config, cards, log)
        except SaveMismatch:
            raise
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise SaveMismatch(f"the save is incomplete ({error})") from None
        if game.state.to_json() != data.get("state"):
            raise SaveMismatch("the cards have changed since the game was saved")
        return game
