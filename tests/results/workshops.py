"""Real workshops for the results tests: whole games played through the engine with random legal steps (as
`python -m game simulate` plays them), each saved as the game saves a report, with a myth-or-fact check beside it."""
from __future__ import annotations

import dataclasses
import random
from datetime import datetime, timedelta
from pathlib import Path

from game.engine.game import Game
from game.engine.rules import GameConfig
from game.i18n import Translator
from game.report import ReportKeeper, ReportFiles

MAX_STEPS = 2000


def play(cards, seed: int, teams: tuple[str, ...] = ("Tigers", "Rivers"), place: str = "") -> Game:
    """A whole game, each step picked at random among the legal ones (never ending it early)."""
    game = Game(GameConfig(teams=teams, seed=seed, turns_per_team=3, place=place, hosted=True), cards)
    chooser = random.Random(seed)
    for _ in range(MAX_STEPS):
        actions = [a for a in game.legal_actions() if a.type not in ("end", "undo")]
        if not actions:
            break
        action = chooser.choice(actions)
        if action.type == "choose":
            action = dataclasses.replace(action, seconds=chooser.randint(20, 120))
        game.act(action)
    return game


def save_workshop(root: Path, cards, tr: Translator, seed: int, place: str = "", check: bool = True,
                  when: datetime | None = None) -> tuple[Game, ReportFiles]:
    """Play one workshop and save its report (and check) under root/reports, as the game does at its end."""
    game = play(cards, seed, place=place)
    when = when or datetime(2026, 3, 1, 9, 0) + timedelta(hours=seed)
    keeper = ReportKeeper(root)
    files, notice = keeper.save(game, tr, None, when, when - timedelta(minutes=40), "facilitator")
    assert files is not None and notice is None
    if check:
        chooser = random.Random(seed)
        topics = sorted({card.topic for card in cards.values()})[:3]
        results = {phase: {t: (chooser.randint(0, 10), 10) for t in topics} for phase in ("before", "after")}
        keeper.save_check(files.csv, results)
    return game, files
