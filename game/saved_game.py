"""Continuing a saved game: the check of save.json's content, and why a save no longer fits the decks.

A saved game is continued by replaying its moves against the decks installed now. When that fails,
the save is never thrown away: this module says which card and which deck stopped it, so the
teacher can fix the deck and continue, or start anew with the old save kept under a dated name.
"""
from __future__ import annotations

import enum
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Mapping

from game.engine.cards import Card
from game.engine.game import SAVE_FORMAT, Game, SaveMismatch
from game.engine.rules import (ACTION_TYPES, MAX_TEAM_NAME, MAX_TEAMS, Action, BonusReason, GameConfig,
                               Refusal)
from game.regular_file import read_regular_file
from game.storage import Storage
from game.team_names import clean_team_name, is_clean_team_name

if TYPE_CHECKING:  # the decks (and the YAML reader) are not needed before the title screen
    from game.content.decks import DeckSet

# Generous bounds: far beyond any real workshop, tight enough that no number can overflow a clock.
MAX_DISCUSSION_SECONDS = 24 * 3600
MAX_TURNS_PER_TEAM = 1000
MAX_LOG_LENGTH = 100_000
MAX_SEED = 2**64
MAX_CHOICES = 10
_MAX_ID = 200


class Unfit(enum.Enum):
    DAMAGED = "damaged"  # the file's content is not a game this version wrote
    OTHER_VERSION = "other_version"
    NEWER_VERSION = "newer_version"  # kept as it is: the newer version continues it
    CARD_IN_BROKEN_DECK = "card_in_broken_deck"  # the card's deck did not load
    CARD_MISSING = "card_missing"  # no installed deck has the card
    CARD_CHANGED = "card_changed"  # the card is there but plays differently now
    CARDS_CHANGED = "cards_changed"  # the decks changed, no single card to blame


@dataclass(frozen=True)
class SaveUnfit:
    """Why a saved game cannot be continued, in terms the teacher's message is made of."""

    reason: Unfit
    detail: str  # English, for the error log and the facilitator: the field or the refused step
    card_id: str | None = None
    deck_path: str | None = None
    deck_line: int | None = None  # for a broken deck: its first problem's line


class _Damaged(Exception):
    pass


def _require(condition: bool, where: str, value: object) -> None:
    if not condition:
        shown = repr(value)
        raise _Damaged(f"{where} = {shown[:60]}")


def _whole(value: object, low: int, high: int) -> bool:
    return type(value) is int and low <= value <= high


def _short_text(value: object) -> bool:
    return isinstance(value, str) and 0 < len(value) <= _MAX_ID


def _check_config(config: object) -> None:
    _require(isinstance(config, dict), "config", config)
    known = set(GameConfig.__dataclass_fields__)
    for key in config:
        _require(key in known, f"config.{key}", "(unknown)")
    teams = config.get("teams")
    _require(isinstance(teams, list) and 1 <= len(teams) <= MAX_TEAMS, "config.teams", teams)
    for number, name in enumerate(teams):
        _require(is_clean_team_name(name) and name.strip() and len(name) <= MAX_TEAM_NAME,
                 f"config.teams[{number}]", name)
    for key in ("topics", "deck_ids", "card_ids"):
        values = config.get(key, [])
        _require(isinstance(values, list) and all(_short_text(v) for v in values), f"config.{key}", values)
    for key, low, high in (("turns_per_team", 1, MAX_TURNS_PER_TEAM),
                           ("discussion_seconds", 0, MAX_DISCUSSION_SECONDS),
                           ("red_alert_every", 0, MAX_TURNS_PER_TEAM),
                           ("seed", 0, MAX_SEED)):
        if key in config:
            _require(_whole(config[key], low, high), f"config.{key}", config[key])
    for key in ("hosted", "discussion_first"):
        if key in config:
            _require(type(config[key]) is bool, f"config.{key}", config[key])


def _check_action(number: int, action: object) -> None:
    where = f"log[{number}]"
    _require(isinstance(action, dict), where, action)
    known = set(Action.__dataclass_fields__)
    for key in action:
        _require(key in known, f"{where}.{key}", "(unknown)")
    _require(action.get("type") in ACTION_TYPES, f"{where}.type", action.get("type"))
    checks = {
        "team": lambda v: _whole(v, 0, MAX_TEAMS - 1),
        "choice": lambda v: _whole(v, 0, MAX_CHOICES - 1),
        "card_id": _short_text,
        "reason": lambda v: v in {reason.value for reason in BonusReason},
        "seconds": lambda v: _whole(v, 0, MAX_DISCUSSION_SECONDS),
    }
    for key, usable in checks.items():
        if action.get(key) is not None:
            _require(usable(action[key]), f"{where}.{key}", action[key])


def _check_numbers(value: object, where: str) -> None:
    """No number anywhere in the saved state is NaN, infinite or absurdly large."""
    if isinstance(value, dict):
        for key, inner in value.items():
            _check_numbers(inner, f"{where}.{key}")
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            _check_numbers(inner, f"{where}[{index}]")
    elif isinstance(value, float):
        _require(math.isfinite(value) and abs(value) <= MAX_SEED, where, value)
    elif type(value) is int:
        _require(-MAX_SEED <= value <= MAX_SEED, where, value)


def check_save(data: object) -> SaveUnfit | None:
    """What is wrong with the shape of a saved game's data, before any replay; None when it is sound."""
    try:
        _require(isinstance(data, dict), "the file", type(data).__name__)
        file_format = data.get("format")
        if type(file_format) is int and file_format > SAVE_FORMAT:
            return SaveUnfit(Unfit.NEWER_VERSION, f"format = {file_format!r}")
        if type(file_format) is not int or file_format != SAVE_FORMAT:
            return SaveUnfit(Unfit.OTHER_VERSION, f"format = {file_format!r}")
        _check_config(data.get("config"))
        log = data.get("log")
        _require(isinstance(log, list) and len(log) <= MAX_LOG_LENGTH, "log", type(log).__name__)
        for number, action in enumerate(log, start=1):
            _check_action(number, action)
        _require(isinstance(data.get("state"), dict), "state", data.get("state"))
        _check_numbers(data["state"], "state")
        if "mode" in data:
            _require(isinstance(data["mode"], str), "mode", data["mode"])
    except _Damaged as exc:
        return SaveUnfit(Unfit.DAMAGED, str(exc))
    return None


def _with_clean_team_names(data: object) -> object:
    """The save with each team name cleaned of what cannot be drawn or saved (a NUL, half an emoji): the names
    play no part in the replay, so the game goes on under the cleaned names."""
    config = data.get("config") if isinstance(data, dict) else None
    teams = config.get("teams") if isinstance(config, dict) else None
    if not isinstance(teams, list) or all(is_clean_team_name(name) for name in teams):
        return data
    cleaned = [clean_team_name(name) if isinstance(name, str) else name for name in teams]
    return {**data, "config": {**config, "teams": cleaned}}


def restore_game(data: dict, decks: DeckSet) -> tuple[Game | None, SaveUnfit | None]:
    """The saved game rebuilt against `decks`, or why it cannot be; never raises for any content."""
    data = _with_clean_team_names(data)
    unfit = check_save(data)
    if unfit is not None:
        return None, unfit
    try:
        upgraded = _with_its_modes_rules(data)
        if upgraded is not data:
            try:
                return Game.from_json(upgraded, decks.cards), None
            except SaveMismatch:
                pass  # it was played another way: it goes on as it was saved
        return Game.from_json(data, decks.cards), None
    except SaveMismatch as exc:
        return None, explain_mismatch(data, decks, str(exc))
    except (ArithmeticError, ValueError, TypeError, KeyError, AttributeError, RecursionError) as exc:
        # The rules met something the checks above let through; the save is still kept.
        return None, SaveUnfit(Unfit.DAMAGED, f"{type(exc).__name__}: {exc}")


# The mode a save was made in (game/ui/modes.py) whose games a facilitator runs.
HOSTED_MODE = "facilitator"


def _with_its_modes_rules(data: dict) -> dict:
    """A workshop saved before its config said "a facilitator runs this game" goes on by workshop rules
    (answers open when the clock starts), not a classroom's."""
    config = data["config"]
    if "hosted" not in config and data.get("mode") == HOSTED_MODE:
        return {**data, "config": {**config, "hosted": True}}
    return data


def _cards_named_in(data: dict) -> list[str]:
    """Every card id the save mentions, in the order the game met them."""
    state = data["state"]
    named = list(state.get("seen") or [])
    named += [result.get("card_id") for result in state.get("results") or [] if isinstance(result, dict)]
    named += list(state.get("parked") or []) + [state.get("card_id")]
    named += [action.get("card_id") for action in data["log"]]
    seen, ordered = set(), []
    for card_id in named:
        if isinstance(card_id, str) and card_id not in seen:
            seen.add(card_id)
            ordered.append(card_id)
    return ordered


def _deck_file_with(card_id: str, decks: DeckSet) -> tuple[str | None, int | None]:
    """Which broken deck file mentions `card_id` (and its first problem's line), if any."""
    for path in decks.broken_files():
        try:
            text = read_regular_file(path).decode("utf-8", errors="replace")
        except OSError:
            continue
        if card_id in text:
            line = min(problem.line for problem in decks.problems if problem.path == path)
            return path, line
    return None, None


def _deck_path_of(card: Card, decks: DeckSet) -> str | None:
    return next((deck.path for deck in decks.decks if deck.id == card.deck_id), None)


def explain_mismatch(data: dict, decks: DeckSet, detail: str) -> SaveUnfit:
    """Which card, in which deck, stops the saved game from replaying; `detail` is the engine's reason."""
    cards: Mapping[str, Card] = decks.cards
    for card_id in _cards_named_in(data):
        if card_id not in cards:
            path, line = _deck_file_with(card_id, decks)
            if path is not None:
                return SaveUnfit(Unfit.CARD_IN_BROKEN_DECK, detail, card_id, path, line)
            return SaveUnfit(Unfit.CARD_MISSING, detail, card_id)

    # A card left out of a deck that still plays (it has a problem of its own) changes which cards are
    # drawn even when the save never met it: that card, not the first one drawn differently, is the cause.
    for problem in decks.problems:
        if problem.card_only and problem.card_id and problem.card_id not in cards:
            return SaveUnfit(Unfit.CARD_IN_BROKEN_DECK, detail, problem.card_id, problem.path, problem.line)

    # Every card is there: replay step by step and find the first that goes differently.
    try:
        config = GameConfig.from_json(data["config"])
        game = Game(config, cards)
        for number, saved in enumerate(data["log"], start=1):
            action = Action.from_json(saved)
            on_table = game.state.card_id
            refusal = game.act(action)
            if isinstance(refusal, Refusal):
                return _changed(on_table, cards, decks, f"step {number} ({action.type}) refused: {refusal.value}")
        saved_results = data["state"].get("results") or []
        for saved, now in zip(saved_results, game.state.to_json()["results"]):
            if saved != now:
                return _changed(now["card_id"], cards, decks, f"turn {now['turn'] + 1}: saved {saved}, now {now}")
        saved_seen = data["state"].get("seen") or []
        for saved_id, now_id in zip(saved_seen, game.state.seen):
            if saved_id != now_id:
                return _changed(saved_id, cards, decks, f"drew {now_id} where the save drew {saved_id}")
    except (ArithmeticError, ValueError, TypeError, KeyError, AttributeError) as exc:
        return SaveUnfit(Unfit.DAMAGED, f"{detail}; {type(exc).__name__}: {exc}")
    return SaveUnfit(Unfit.CARDS_CHANGED, detail)


def _changed(card_id: str | None, cards: Mapping[str, Card], decks: DeckSet, detail: str) -> SaveUnfit:
    card = cards.get(card_id) if card_id else None
    if card is None:
        return SaveUnfit(Unfit.CARDS_CHANGED, detail)
    return SaveUnfit(Unfit.CARD_CHANGED, detail, card.id, _deck_path_of(card, decks), card.id_line or None)



def crash_advice(storage: Storage, resumed_save: str | None) -> list[str]:
    """What to tell the teacher after Nirapod stopped on an unexpected error (for the terminal).

    Never "press Continue" when continuing is what led into the error: if the save on disk is
    still the one that was continued in this run, it is set aside under a dated name, so the next
    start offers a new game instead of the same error.
    """
    lines = ["Nirapod stopped because of an unexpected error."]
    if resumed_save is not None and storage.save_digest() == resumed_save:
        kept = storage.set_save_aside("stopped")
        if kept is not None:
            lines.append(f"It stopped while continuing the saved game, so that game was set aside as {kept} "
                         f"and is not offered again. Start Nirapod again and start a new game.")
            return lines
        lines.append("It stopped while continuing the saved game. Start Nirapod again and start a new "
                     "game instead of pressing Continue.")
        return lines
    if storage.has_save():
        lines.append("The game was saved after the last step: start Nirapod again and press Continue.")
    else:
        lines.append("Start Nirapod again.")
    return lines
