"""`python -m game sync`: real workshops sent to a real Ralph on 127.0.0.1 and read back over the xAPI API: every
answer once, nothing twice when sent again, no name of anyone, and a clear sentence when the store says no."""
from __future__ import annotations

import json
import socket

import pytest

from game.__main__ import main
from game.content.decks import load_deck_folder
from game.i18n import Translator
from game.resources import DECKS_DIR, LOCALES_DIR
from game.sync import OUTBOX
from game.xapi import HOME_PAGE
from tests.results.ralph import PASSWORD, USER
from tests.results.workshops import save_workshop

TEAMS = ("Tigers", "Rivers")  # the names tests/results/workshops.py gives the teams


@pytest.fixture(scope="module")
def cards():
    return load_deck_folder(DECKS_DIR).cards


@pytest.fixture
def data(tmp_path, monkeypatch, cards):
    """A facilitator's data folder with three workshops' reports, the first two with the check."""
    folder = tmp_path / "data"
    monkeypatch.setenv("NIRAPOD_DATA_DIR", str(folder))
    tr = Translator(LOCALES_DIR, "bn")
    games = [save_workshop(folder, cards, tr, seed, place="Rangpur Zilla School", check=seed < 2)[0]
             for seed in range(3)]
    return folder, games


def _expected(games) -> int:
    """One statement per workshop, one per card answered, one per phase and topic of the check (3 topics)."""
    return sum(1 + len(game.state.results) for game in games) + 2 * 2 * 3


def _sync(ralph, *extra, password=PASSWORD):
    return main(["sync", "--xapi", ralph.url, "--user", USER, "--password", password, *extra])


def test_every_answer_arrives_once_and_sending_again_stores_nothing_twice(ralph, data, capsys):
    folder, games = data
    assert _sync(ralph) == 0
    said = capsys.readouterr().out
    stored = ralph.statements()
    assert len(stored) == _expected(games)
    assert f"Sent {_expected(games)} statements of 3 workshops" in said
    answered = [s for s in stored if s["verb"]["id"].endswith("/answered")]
    assert sorted((s["object"]["id"].rsplit("/", 1)[1], s["result"]["score"]["raw"], s["result"]["success"])
                  for s in answered) == sorted((r.card_id, r.points, r.grade.value == "safe")
                                               for game in games for r in game.state.results)
    assert {s["context"]["registration"] for s in stored} == set(json.loads((folder / OUTBOX).read_text())[
        "sent"][ralph.url + "statements"])
    assert all(s["context"]["language"] == "bn-BD" for s in stored)

    assert _sync(ralph) == 0  # the outbox knows: nothing is offered again
    assert "3 workshops sent before" in capsys.readouterr().out
    (folder / OUTBOX).unlink()  # the outbox lost: everything is offered again, and the store keeps it once
    assert _sync(ralph) == 0
    assert "Sent 0 statements of 3 workshops" in capsys.readouterr().out
    assert len(ralph.statements()) == _expected(games)


def test_the_statements_name_nobody(ralph, data):
    folder, games = data
    assert _sync(ralph) == 0
    stored = ralph.statements()
    text = json.dumps(stored, ensure_ascii=False)
    for name in TEAMS:
        assert name not in text
    for statement in stored:
        actor = statement["actor"]
        assert set(actor) == {"objectType", "account"} and actor["account"]["homePage"] == HOME_PAGE
    # One anonymous account per team per workshop, and one for the room: never the same across workshops.
    teams = {(s["context"]["registration"], s["actor"]["account"]["name"]) for s in stored
             if s["verb"]["id"].endswith("/answered")}
    assert len({name for _, name in teams}) == len(teams) <= 2 * len(games)


def test_a_wrong_password_is_named_and_nothing_counts_as_sent(ralph, data, capsys):
    folder, _ = data
    assert _sync(ralph, password="not-the-password") == 1
    said = capsys.readouterr()
    assert "refused the user name or password" in said.err and "Not sent yet: 3 workshops" in said.err
    assert "Traceback" not in said.err + said.out
    assert not (folder / OUTBOX).exists()
    assert ralph.statements() == []


def test_no_network_then_the_store_again_sends_what_was_left(ralph, data, capsys):
    folder, games = data
    with socket.socket() as probe:  # a port nobody listens on: the store cannot be reached
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    assert main(["sync", "--xapi", f"http://127.0.0.1:{closed}/xAPI/", "--user", USER, "--password", PASSWORD]) == 1
    said = capsys.readouterr()
    assert "cannot be reached" in said.err and "Traceback" not in said.err
    # A connection that dropped after the first workshop: the outbox lists it, the rest go next time.
    assert _sync(ralph) == 0
    capsys.readouterr()
    outbox = json.loads((folder / OUTBOX).read_text())
    sent = outbox["sent"][ralph.url + "statements"]
    first = sorted(sent)[0]
    outbox["sent"][ralph.url + "statements"] = {first: sent[first]}
    (folder / OUTBOX).write_text(json.dumps(outbox))
    assert _sync(ralph) == 0
    said = capsys.readouterr().out
    assert "Sent 0 statements of 2 workshops" in said and "1 workshops sent before" in said
    assert len(ralph.statements()) == _expected(games)


def test_not_an_lrs_is_named(ralph, data, capsys):
    assert main(["sync", "--xapi", f"http://127.0.0.1:{ralph.port}/nothing-here/", "--user", USER,
                 "--password", PASSWORD]) == 1
    said = capsys.readouterr()
    assert "it is not a Learning Record Store" in said.err and "Traceback" not in said.err


def test_settings_send_the_reports_to_the_store_kept_in_the_settings_file(ralph, data):
    import time

    import pygame

    from game.settings import read_settings
    from game.storage import Storage
    from game.ui.app import App
    from game.ui.modes import CLASSROOM

    folder, games = data
    pygame.init()
    try:
        settings = {**read_settings(Storage(folder))[0], "language": "en", "sound": False,
                    "xapi_url": ralph.url, "xapi_user": USER, "xapi_key": PASSWORD}
        app = App(Storage(folder), settings, (1024, 600), mode=CLASSROOM)
        app.flow.to_title()
        app.flow.open_settings()
        app.frame(0.016)
        button = app.scene.button("send-results")
        assert button is not None and button.label == "Send to the record store"
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=button.rect.center, button=1, touch=False))
        app.frame(0.1)
        deadline = time.monotonic() + 120
        while app.scene.sending and time.monotonic() < deadline:
            app.frame(0.1)  # the screen keeps drawing while the reports go out
        assert f"Results sent: {_expected(games)} new records; 0 were there already." in app.notices.texts()
        assert len(ralph.statements()) == _expected(games)
    finally:
        pygame.quit()
