"""The kinds of card the game knows, one module each; everything else asks a card's kind through here.

To add a kind: write its module beside these (see docs/card-kinds.md) and list its instance in KINDS.
"""
from __future__ import annotations

from game.engine.cards import Card
from game.kinds.base import Answer, CardKind, Face, Reveal
from game.kinds.myth_fact import MythFactKind
from game.kinds.ranking import RankingKind
from game.kinds.red_alert import RedAlertKind
from game.kinds.scenario import ScenarioKind

__all__ = ["Answer", "CardKind", "Face", "Reveal", "KINDS", "KIND_WORDS", "kind_of", "kind_named"]

# In the order the setup, the print and the reports list them.
KINDS: dict[str, CardKind] = {kind.word: kind for kind in (ScenarioKind(), RedAlertKind(), MythFactKind(), RankingKind())}
KIND_WORDS: tuple[str, ...] = tuple(KINDS)


def kind_of(card: Card) -> CardKind:
    return KINDS[card.kind]


def kind_named(word: str) -> CardKind | None:
    """The kind a deck file, a save or the kiosk's counters name; None for a word no kind has."""
    return KINDS.get(word)
