"""The "Print cards" screen: reached from Settings, writes the PDFs, says where, opens the folder."""
from __future__ import annotations

import time

import pygame
import pypdfium2 as pdfium
import pytest

from game.storage import Storage
from game.ui.app import App
from game.ui.scenes.print_cards import PrintCardsScene
from game.ui.scenes.title import TitleScene


@pytest.fixture
def app(tmp_path):
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


def wait_for_files(app, seconds=120):
    ends = time.monotonic() + seconds
    while app.scene.writing and time.monotonic() < ends:
        time.sleep(0.05)
        app.frame(0.05)
    assert not app.scene.writing, "the PDFs were not written in time"


def test_settings_lead_to_the_print_screen_and_back(app):
    click(app, "settings")
    click(app, "print-cards")
    assert app.scene.name == "print_cards"
    for button in app.scene.buttons:  # every control fits the smallest window
        assert app.screen.get_rect().contains(button.rect), button.name
    click(app, "back")
    assert app.scene.name == "settings"


def test_writing_the_pdfs_saves_them_says_where_and_opens_the_folder(app, tmp_path):
    opened = []
    folder = tmp_path / "print"

    def opener(path):
        opened.append(path)
        return False  # as on a PC without a file manager: the path must still be shown

    app.flow.push(PrintCardsScene(app, folder=folder, opener=opener))
    app.frame(0.1)
    click(app, "print-language-en")
    click(app, "paper-letter")
    click(app, "sides-one")
    for topic in app.scene.topics_available:
        if topic != "grooming":
            click(app, f"print-topic-{topic}")
    click(app, "write")
    assert app.scene.writing
    assert not app.scene.button("back").enabled  # nothing to leave half-written
    wait_for_files(app)
    assert sorted(p.name for p in folder.iterdir()) == [
        "nirapod-cards-en.pdf", "nirapod-guide-en.pdf", "nirapod-score-sheet-en.pdf"]
    assert opened == [folder]
    lines = app.scene._status_lines(app.tr)
    assert any(str(folder) in line for line in lines)
    assert any(line == app.tr._("The folder could not be opened; find it at the path above.") for line in lines)
    cards = pdfium.PdfDocument(str(folder / "nirapod-cards-en.pdf"))
    width, height = cards[0].get_size()
    assert width > height  # single-sided: landscape pages of fold pairs
    text = "".join(cards[i].get_textpage().get_text_range() for i in range(len(cards)))
    assert "grooming-" in text and "bully-" not in text  # only the chosen topic, and red alerts
    assert "alert-cannot-delete" in text
