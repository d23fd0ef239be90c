"""Settings -> "Add cards from a spreadsheet": a workbook in Documents is listed, pressing it adds its cards to the
teacher's own decks, the screen says how many are ready and names each problem's cell, and the setup screen and the
report mark the teacher's cards."""
from __future__ import annotations

import pygame
import pytest
from openpyxl import load_workbook

from game.content.sheets import export_deck
from game.report import report_rows
from game.resources import DECKS_DIR
from game.storage import Storage
from game.ui.app import App
from game.ui.scenes.title import TitleScene
from tests.test_report import Workshop


@pytest.fixture
def home(tmp_path, monkeypatch):
    """A user folder with the teacher's workbook in Documents: the grooming deck made their own, one grade wrong."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    documents = tmp_path / "home" / "Documents"
    documents.mkdir(parents=True)
    export_deck(DECKS_DIR / "red_alert.yaml", tmp_path / "alerts.xlsx")
    export_deck(DECKS_DIR / "grooming.yaml", documents / "class8.xlsx")
    book = load_workbook(documents / "class8.xlsx")
    book["Deck"]["B2"] = "class_8"
    sheet = book["Scenarios"]
    for row in range(2, sheet.max_row + 1):
        sheet.cell(row=row, column=1).value = "class8-" + sheet.cell(row=row, column=1).value
    sheet["I3"] = "very safe"
    book.save(documents / "class8.xlsx")
    return tmp_path / "home"


@pytest.fixture
def app(tmp_path, home):
    pygame.init()
    made = App(Storage(tmp_path / "data"), {"language": "bn", "sound": False}, (1024, 600))
    made.flow.reset_to(TitleScene(made))
    made.frame(0.016)
    yield made
    pygame.quit()


def click(app, name):
    button = app.scene.button(name)
    assert button is not None, f"no button {name!r} on {app.scene.name}: {[b.name for b in app.scene.buttons]}"
    assert button.enabled, f"{name} is disabled"
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=button.rect.center, button=1, touch=False))
    app.frame(0.1)


def test_a_workbook_in_documents_is_added_and_its_cards_play_marked_as_the_teachers(app, tmp_path):
    click(app, "settings")
    click(app, "sheet-import")
    assert app.scene.name == "sheet_import"
    assert "class8.xlsx" in app.scene.button("sheet-0").label
    click(app, "sheet-0")
    lines = app.scene._status_lines(app.tr)
    assert lines[0] == "১০টি কার্ড খেলার জন্য তৈরি (ডেক class_8)।"
    assert any(line.startswith("Scenarios!I3: ") and "safe, partly_safe, risky" in line for line in lines)
    for button in app.scene.buttons:  # every control fits the smallest window
        assert app.screen.get_rect().contains(button.rect), button.name
    assert sorted(p.name for p in (tmp_path / "data" / "decks").iterdir()) == [
        "class_8.bn.mo", "class_8.bn.po", "class_8.yaml"]

    cards = app.session.decks.cards
    own = [card for card in cards.values() if card.own]
    assert len(own) == 10 and all(card.deck_id == "class_8" for card in own)
    assert app.tr.text(own[0].story) == app.tr.text(cards[own[0].id.removeprefix("class8-")].story)
    click(app, "back")
    click(app, "back")
    click(app, "play")
    assert app.scene.button("topic-grooming").label == "গ্রুমিং (আপনার কার্ডসহ)"
    assert app.scene.button("topic-privacy").label == "প্রাইভেসি"

    played = Workshop({card.id: card for card in own}, turns_per_team=2)
    report = report_rows(played.game, app.tr)
    deck = report[0].index("ডেক")
    assert len(report) > 4 and all(row[deck] == "class_8 (শিক্ষকের নিজের)" for row in report[1:])


def test_with_no_workbook_anywhere_the_screen_says_where_to_put_one(app, home):
    (home / "Documents" / "class8.xlsx").unlink()
    click(app, "settings")
    click(app, "sheet-import")
    assert app.scene.button("sheet-0") is None
    assert "Documents" in app.scene._intro(app.tr)[0] and "ইউএসবি" in app.scene._intro(app.tr)[0]
    (home / "Downloads").mkdir()
    export_deck(DECKS_DIR / "red_alert.yaml", home / "Downloads" / "alerts.xlsx")
    click(app, "look-again")
    assert "alerts.xlsx" in app.scene.button("sheet-0").label


def test_a_path_typed_or_pasted_with_quotes_is_imported(app, tmp_path):
    click(app, "settings")
    click(app, "sheet-import")
    click(app, "path")
    assert app.scene.typing
    for text in ('"', str(tmp_path / "alerts.xlsx"), '"'):  # as Explorer's "Copy as path" gives it
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=text))
    app.frame(0.1)
    assert str(tmp_path / "alerts.xlsx") in app.scene.button("path").label
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="\r"))
    app.frame(0.1)
    assert not app.scene.typing
    lines = app.scene._status_lines(app.tr)
    assert any(line.startswith("Deck!B2: the deck id 'red_alert' is already used by") for line in lines), lines
    assert not (tmp_path / "data" / "decks").exists()
