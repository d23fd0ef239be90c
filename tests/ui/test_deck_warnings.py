"""The setup screen names every deck file that lost a card or was left out, and everything else plays."""
from __future__ import annotations

import os
import shutil

import pytest

from game.content.decks import bundled_deck_paths, parse_deck
from game.resources import DECKS_DIR
from game import session as session_module
from game.ui.modes import CLASSROOM
from game.ui.scenes.setup import SetupScene
from tests.content.test_loader import TWO_ALERTS
from tests.ui.test_modes import make_app  # noqa: F401 (the fixture: an app in a mode, headless)


@pytest.fixture
def teachers_decks(tmp_path):
    """The bundled decks, plus a teacher's new deck that copied one bundled card and kept its id,
    and a deck saved by Notepad as .yaml.txt."""
    folder = tmp_path / "decks"
    folder.mkdir()
    for path in bundled_deck_paths(DECKS_DIR):
        shutil.copy2(path, folder / path.name)  # keeps the files' age: they are the older ones
    bundled = parse_deck(bundled_deck_paths(DECKS_DIR)[0].read_bytes(), "first.yaml").cards[0]
    (folder / "Mine.YML").write_text(TWO_ALERTS.format(
        deck_id="mine", card_id=bundled.id, headline="Think before you post.", second_id="mine-own-alert"),
        encoding="utf-8")
    (folder / "notepad.yaml.txt").write_text("deck:\n", encoding="utf-8")
    return folder, bundled


@pytest.mark.parametrize(("language", "card_words", "file_words"), [
    ("en", "(line 6) has the id of another card and was left out", "has a problem at line 1 and was left out"),
    ("bn", "৬ নম্বর লাইনের কার্ডটির আইডি", "১ নম্বর লাইনে সমস্যা আছে"),
])
def test_a_copied_card_is_named_and_the_rest_plays(make_app, teachers_decks, monkeypatch,  # noqa: F811
                                                   language, card_words, file_words):
    folder, bundled = teachers_decks
    monkeypatch.setattr(session_module, "DECKS_DIR", folder)
    app = make_app(mode=CLASSROOM, language=language, data_dir=folder.parent / "data")
    app.flow.reset_to(SetupScene(app))
    app.frame(0.016)
    card_notice = next(n for n in app.notices.texts() if "Mine.YML" in n)
    assert card_words in card_notice
    file_notice = next(n for n in app.notices.texts() if "notepad.yaml.txt" in n)
    assert file_words in file_notice
    cards = app.session.decks.cards
    assert cards[bundled.id].deck_id == bundled.deck_id  # the bundled card stays in play
    assert cards["mine-own-alert"].deck_id == "mine"  # and so does the new deck's own card
    assert all(os.path.basename(deck.path) != "notepad.yaml.txt" for deck in app.session.decks.decks)
