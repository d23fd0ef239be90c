"""Pictures go when their screen goes: a school PC has little memory, and a scene holds its buttons and its
buttons hold the scene, so without an explicit goodbye a game's card pictures waited for Python's cycle
collector, several games long (docs/bench.md)."""
from __future__ import annotations

import gc
import weakref

import pygame

from game.ui.modes import CLASSROOM
from tests.ui.test_modes import key, make_app  # noqa: F401 (a fixture)
from tests.ui.test_steps import start_classroom_game


def _pictures(scene) -> list[weakref.ref]:
    return [weakref.ref(part) for op in scene.face.ops for part in op if isinstance(part, pygame.Surface)]


def _card_on_the_table(make_app):
    app = make_app(mode=CLASSROOM, size=(1366, 768))
    start_classroom_game(app)
    key(app, pygame.K_PAGEDOWN)
    while app.scene.animating:
        app.frame(1 / 60)
    app.frame(0.0)
    return app


def test_a_left_game_lets_its_card_pictures_go_at_once(make_app):
    app = _card_on_the_table(make_app)
    play = app.scene
    pictures = _pictures(play)
    assert pictures  # the card's text, whichever card was drawn
    gc.disable()  # what is measured is the goodbye, not the collector
    try:
        app.flow.to_title()
        app.frame(0.0)
        app.text.clear_cache()  # the shared text cache may keep a line for the next card; here nothing may
        assert [ref for ref in pictures if ref() is not None] == []
    finally:
        gc.enable()
    assert app.scene.name == "title"


def test_the_game_under_a_question_keeps_its_card(make_app):
    app = make_app(mode=CLASSROOM, size=(1024, 600))
    start_classroom_game(app)
    play = app.scene
    key(app, pygame.K_ESCAPE)  # "Leave the game?" comes over the card
    asked = app.scene
    assert asked is not play
    key(app, pygame.K_ESCAPE)  # stay
    app.frame(0.0)
    assert app.scene is play and play.button("draw") is not None  # the game below was never left
    assert asked.buttons == []  # the question was, and let its pictures go


def test_a_card_out_of_sight_lets_its_pictures_go_and_comes_back_as_it_was(make_app):
    app = _card_on_the_table(make_app)
    play = app.scene
    before = pygame.image.tobytes(app.screen, "RGB")
    pictures = _pictures(play)
    gc.disable()
    try:
        key(app, pygame.K_PERIOD)  # the calm screen covers the whole window
        app.frame(0.0)
        assert app.scene.name == "safe"
        app.text.clear_cache()
        assert pictures and [ref for ref in pictures if ref() is not None] == []
    finally:
        gc.enable()
    key(app, pygame.K_ESCAPE)  # back to the game
    app.frame(0.0)
    assert app.scene is play
    assert pygame.image.tobytes(app.screen, "RGB") == before
