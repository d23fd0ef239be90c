"""The workshop's place label in the rules and the save: a line of at most 60 characters without control
characters, and saves from before it existed still load."""
from __future__ import annotations

import pytest

from game.content.decks import load_deck_folder
from game.engine.rules import MAX_PLACE, ConfigError, GameConfig
from game.resources import DECKS_DIR
from game.saved_game import Unfit, restore_game
from tests.results.workshops import play


@pytest.fixture(scope="module")
def decks():
    return load_deck_folder(DECKS_DIR)


@pytest.mark.parametrize("place", ["Mirpur\nDhaka", "a\tb", "x\u0085", "x\u2028", "x" * (MAX_PLACE + 1)])
def test_a_place_with_a_line_break_a_control_character_or_too_long_is_refused(place):
    with pytest.raises(ConfigError):
        GameConfig(teams=("A", "B"), place=place)


def test_a_bangla_place_with_joiners_is_a_place():
    place = "রংপুর জিলা স্কুল, রংপুর\u200c"  # a zero-width non-joiner belongs to Bangla spelling
    assert GameConfig(teams=("A", "B"), place=place).place == place


def test_a_save_keeps_the_place_and_a_save_from_before_it_loads_without_one(decks):
    game = play(decks.cards, seed=7, place="Rangpur Zilla School")
    saved = game.to_json()
    restored, unfit = restore_game(saved, decks)
    assert unfit is None and restored.config.place == "Rangpur Zilla School"
    assert restored.state == game.state
    older = {**saved, "config": {k: v for k, v in saved["config"].items() if k != "place"}}
    restored, unfit = restore_game(older, decks)
    assert unfit is None and restored.config.place == "" and restored.state == game.state
    broken = {**saved, "config": {**saved["config"], "place": "a\u0000b"}}
    restored, unfit = restore_game(broken, decks)
    assert restored is None and unfit.reason is Unfit.DAMAGED and "config.place" in unfit.detail


def test_the_place_is_in_every_row_of_the_report(decks):
    from datetime import datetime

    from game.i18n import Translator
    from game.report import Session, card_headings, report_rows
    from game.resources import LOCALES_DIR

    tr = Translator(LOCALES_DIR, "en")
    game = play(decks.cards, seed=8, place="Khulna")
    when = datetime(2026, 5, 2, 11, 30)
    rows = report_rows(game, tr, Session(when))
    place, workshop = card_headings(tr).index("Place"), card_headings(tr).index("Workshop id")
    assert len(rows) > 1 and all(row[place] == "Khulna" for row in rows[1:])
    # The same game's report made again has the same workshop id; another game's has another.
    assert {row[workshop] for row in rows[1:]} == {row[workshop] for row in report_rows(game, tr, Session(when))[1:]}
    other = report_rows(play(decks.cards, seed=9, place="Khulna"), tr, Session(when))
    assert len({row[workshop] for row in rows[1:] + other[1:]}) == 2
