"""Leaving a game and replacing the saved one ask first, with one key each way; a kiosk never asks."""
from __future__ import annotations

import pygame
import pytest

from game.storage import Storage
from game.ui.modes import CLASSROOM, FACILITATOR, KIOSK
from tests.ui.test_modes import answer, click, key, make_app, texts_on_screen  # noqa: F401 (a fixture)


def saved_state(tmp_path):
    data, _ = Storage(tmp_path).load_game()
    return data


def start_and_answer(app):
    """Play, Start with the defaults, start after the content note, draw a card and answer it."""
    click(app, "play")
    key(app, pygame.K_PAGEDOWN)
    key(app, pygame.K_PAGEDOWN)
    assert app.scene.name == "play"
    key(app, pygame.K_PAGEDOWN)  # draw
    key(app, pygame.K_PAGEDOWN)  # a classroom's discussion starts; a workshop's clock starts
    answer(app)
    assert app.game.state.results or app.game.state.answer is not None


def close_window(app):
    """The window's close button: SDL sends the window's close and then the program's quit, together."""
    pygame.event.post(pygame.event.Event(pygame.WINDOWCLOSE))
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    app.frame(0.1)


def scene_names(app):
    return [scene.name for scene in app.flow.scenes]


@pytest.mark.parametrize("mode", [CLASSROOM, FACILITATOR], ids=lambda m: m.name)
def test_escape_mid_game_asks_escape_stays_enter_leaves_and_the_game_is_saved(make_app, tmp_path, mode):
    app = make_app(mode=mode)
    start_and_answer(app)
    state = app.game.state
    key(app, pygame.K_ESCAPE)
    assert scene_names(app)[-2:] == ["play", "confirm"]
    shown = texts_on_screen(app)
    assert "Leave this game?" in shown and "Leave the game [Enter]" in shown and "Keep playing [Esc]" in shown
    key(app, pygame.K_1)  # an answer key does nothing here
    key(app, pygame.K_PAGEDOWN)  # nor does a clicker's "next": leaving takes a deliberate key
    assert app.scene.name == "confirm" and app.game.state == state
    key(app, pygame.K_ESCAPE)
    assert app.scene.name == "play" and app.game.state == state
    key(app, pygame.K_ESCAPE)
    key(app, pygame.K_RETURN)
    assert app.scene.name == "title"
    assert app.scene.button("continue") is not None
    assert make_app(mode=mode, data_dir=tmp_path).session.load_saved_game()[0].state == state  # saved
    click(app, "continue")
    assert app.scene.name == "play" and app.game.state == state


def test_the_dialog_is_worked_by_mouse_and_follows_a_language_switch(make_app):
    app = make_app(mode=CLASSROOM)
    start_and_answer(app)
    key(app, pygame.K_ESCAPE)
    key(app, pygame.K_F2)  # into Bangla while the question is open
    assert "Leave this game?" not in texts_on_screen(app)
    assert app.tr._("Leave this game?") in texts_on_screen(app)
    click(app, "cancel")
    assert app.scene.name == "play"
    key(app, pygame.K_ESCAPE)
    click(app, "confirm")
    assert app.scene.name == "title"


def test_closing_the_window_mid_game_asks_and_closes_on_yes(make_app, tmp_path):
    app = make_app(mode=CLASSROOM)
    start_and_answer(app)
    close_window(app)
    assert app.running and scene_names(app).count("confirm") == 1
    assert "Close Nirapod?" in texts_on_screen(app)
    key(app, pygame.K_ESCAPE)
    assert app.running and app.scene.name == "play"
    key(app, pygame.K_ESCAPE)  # first "leave the game?", then the close button: one question, the last one
    close_window(app)
    assert scene_names(app).count("confirm") == 1 and "Close Nirapod?" in texts_on_screen(app)
    key(app, pygame.K_RETURN)
    assert not app.running
    assert saved_state(tmp_path) is not None  # next lesson's "Continue"


def test_closing_the_window_outside_a_game_closes_at_once(make_app):
    app = make_app(mode=CLASSROOM)
    close_window(app)
    assert not app.running


def test_a_new_game_asks_before_replacing_the_saved_one(make_app, tmp_path):
    app = make_app(mode=CLASSROOM)
    start_and_answer(app)
    first = saved_state(tmp_path)
    key(app, pygame.K_ESCAPE)
    key(app, pygame.K_RETURN)
    click(app, "play")
    assert app.scene.name == "confirm" and "Start a new game?" in texts_on_screen(app)
    key(app, pygame.K_ESCAPE)
    assert app.scene.name == "title" and saved_state(tmp_path) == first
    click(app, "workshop")  # the other way to a new game asks too
    assert app.scene.name == "confirm"
    click(app, "cancel")
    click(app, "play")
    key(app, pygame.K_RETURN)
    assert app.scene.name == "setup"
    assert saved_state(tmp_path) == first  # not yet: only a started game takes the save's place
    key(app, pygame.K_PAGEDOWN)
    key(app, pygame.K_PAGEDOWN)
    assert app.scene.name == "play" and saved_state(tmp_path) != first


def test_a_new_game_without_a_save_does_not_ask(make_app):
    app = make_app(mode=CLASSROOM)
    click(app, "play")
    assert app.scene.name == "setup"


def test_a_kiosk_never_asks_and_still_resets_when_idle(make_app):
    app = make_app(mode=KIOSK)
    click(app, "play-en")
    click(app, "start")
    key(app, pygame.K_2)
    for leave in (lambda: key(app, pygame.K_ESCAPE), lambda: close_window(app),
                  lambda: key(app, pygame.K_F4, mod=pygame.KMOD_ALT)):
        leave()
        assert app.running and app.scene.name == "play" and "confirm" not in scene_names(app)
    app.frame(62.0)
    for _ in range(16):
        app.frame(1.0)
    assert app.flow.at_attract and app.game is None
