"""`python -m game simulate`: one whole game of random legal actions through the engine, as JSON lines."""
from __future__ import annotations

import dataclasses
import json
import random
import sys

from game.content.decks import load_deck_folder
from game.kinds import kind_of
from game.words import label_text
from game.engine.game import Game
from game.engine.rules import Action, GameConfig
from game.engine.scoring import team_totals
from game.i18n import Translator
from game.resources import DECKS_DIR, LOCALES_DIR

MAX_ACTIONS = 5000  # parking a card and drawing it back could go on for ever


def _said(game: Game, translator: Translator, action_type: str) -> str | None:
    """The text a player would read after this action, in the chosen language."""
    card = game.card
    if card is None:
        return None
    kind = kind_of(card)
    if action_type == "draw" or game.state.phase.value == "red_alert":
        return translator.text(kind.face(card).question)
    if action_type == "choose":
        return " ".join(label_text(translator, line) for line in kind.reveal(card, game.state.answer).answer_lines)
    if action_type == "reveal":
        return " ".join(label_text(translator, line) for line in kind.reveal(card, game.state.results[-1].answer).why)
    return None


def run_simulate(seed: int, teams: int, language: str) -> int:
    loaded = load_deck_folder(DECKS_DIR)
    for problem in loaded.problems:
        print(problem, file=sys.stderr)
    translator = Translator(LOCALES_DIR, language)
    names = tuple(translator.format(translator._("Team {number}"), number=n) for n in range(1, teams + 1))
    config = GameConfig(teams=names, seed=seed)
    game = Game(config, loaded.cards)
    chooser = random.Random(seed)
    out = sys.stdout
    for step in range(1, MAX_ACTIONS + 1):
        actions = [a for a in game.legal_actions() if a.type != "end"]
        if not actions:
            break
        action = chooser.choice(actions)
        if action.type == "choose":
            action = dataclasses.replace(action, seconds=chooser.randint(20, config.discussion_seconds))
        game.act(action)
        line = {
            "step": step,
            "action": action.to_json(),
            "phase": game.state.phase.value,
            "card": game.state.card_id,
            "text": _said(game, translator, action.type),
            "scores": [t.points for t in team_totals(game.state, len(config.teams))],
        }
        out.write(json.dumps(line, ensure_ascii=False) + "\n")
    else:
        game.act(Action("end"))
    return 0
