"""The screens as a class meets them: driven by real input events, checked for what people notice."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pygame
import pytest

from game.engine.rules import Phase
from game.engine.scoring import team_totals
from game.storage import Storage
from game.ui.app import App
from game.ui.shots import _scenes, show

ROOT = Path(__file__).resolve().parents[2]
SIZES = [(1024, 600), (1366, 768), (1024, 768), (1920, 1080)]


@pytest.fixture
def make_app(tmp_path):
    pygame.init()
    made = []

    def make(size=(1024, 600), language="en", data_dir=None, **settings):
        app = App(Storage(data_dir or tmp_path), {"language": language, "sound": False, **settings}, size)
        app.flow.to_title()
        app.frame(0.016)
        made.append(app)
        return app

    yield make
    pygame.quit()


def key(app, key, mod=0, frames=1):
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode="", scancode=0))
    for _ in range(frames):
        app.frame(0.5)


def click(app, name):
    button = app.scene.button(name)
    assert button is not None, f"no button {name!r} on {app.scene.name}: {[b.name for b in app.scene.buttons]}"
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=button.rect.center, button=1, touch=False))
    app.frame(0.5)


def start_game_and_draw(app):
    """Play, Start with the defaults, start after the content note, draw the first card."""
    for name in ("play", "start", "start", "draw"):
        click(app, name)


def test_a_whole_game_by_keyboard_alone(make_app):
    app = make_app()
    key(app, pygame.K_TAB)
    key(app, pygame.K_RETURN)  # Play
    assert app.scene.name == "setup"
    key(app, pygame.K_PAGEDOWN)  # Start with the defaults
    assert app.scene.name == "content_note"
    key(app, pygame.K_PAGEDOWN)
    assert app.scene.name == "play"
    for _ in range(200):
        if app.scene.name == "results":
            break
        state = app.game.state
        if app.scene.name == "red_alert":
            key(app, pygame.K_PAGEDOWN)
        elif state.phase in (Phase.DISCUSSING, Phase.PAUSED):
            face = app.game.view(app.mode.room).card.face
            if face.orders:  # the next action not yet placed, until the order is whole
                key(app, pygame.K_1 + next(i for i in range(len(face.options)) if i not in app.scene.ordering))
            else:
                key(app, pygame.K_1 + (state.turn % len(face.options)))
        else:
            key(app, pygame.K_PAGEDOWN)  # draw, start the discussion (the answers open with it), reveal, next
    assert app.scene.name == "results"
    assert app.game.state.phase is Phase.OVER
    assert len(app.game.state.results) == app.game.config.total_turns


def test_choices_by_letter_keys_and_touch(make_app):
    app = make_app()
    button = app.scene.button("play")
    size = app.screen.get_size()
    pygame.event.post(pygame.event.Event(pygame.FINGERDOWN, x=button.rect.centerx / size[0],
                                         y=button.rect.centery / size[1], touch_id=0, finger_id=0,
                                         dx=0.0, dy=0.0, pressure=1.0))
    app.frame(0.1)
    assert app.scene.name == "setup"
    click(app, "start")
    click(app, "start")
    click(app, "draw")
    key(app, pygame.K_b)  # the answers open when the discussion starts
    assert app.game.state.phase is Phase.CARD
    assert "Talk about it first: answers open when the clock starts." in app.notices.texts()
    click(app, "timer")
    key(app, pygame.K_b)  # the second choice
    assert app.game.state.phase is Phase.CHOSEN and app.game.state.answer == 1


def test_language_switch_shows_at_once(make_app):
    app = make_app(language="bn")
    bangla_label = app.scene.button("play").label
    assert any("\u0980" <= ch <= "\u09ff" for ch in bangla_label), bangla_label
    key(app, pygame.K_F2)
    assert app.scene.button("play").label == "Play"
    click(app, "language")
    assert app.scene.button("play").label == bangla_label
    assert Storage(app.session.storage.root).load_settings()[0]["language"] == "bn"  # remembered


def test_continue_returns_to_the_same_turn_and_scores(make_app, tmp_path):
    app = make_app()
    start_game_and_draw(app)
    click(app, "timer")
    key(app, pygame.K_1)
    click(app, "reveal")
    click(app, "bonus-named_help")
    before = app.game.state
    # The class closes the window; next lesson the teacher starts Nirapod again.
    again = make_app(data_dir=tmp_path)
    assert again.scene.button("continue") is not None
    click(again, "continue")
    assert again.scene.name == "play"
    assert again.game.state == before
    totals = team_totals(again.game.state, len(again.game.config.teams))
    assert totals[0].points == before.results[0].points + 1


def test_calm_screen_hides_the_card_until_resumed(make_app):
    app = make_app()
    start_game_and_draw(app)
    key(app, pygame.K_h)
    assert app.scene.name == "safe"
    assert not any(b.name.startswith("choice-") for b in app.scene.buttons)
    key(app, pygame.K_ESCAPE)
    assert app.scene.name == "play"
    assert app.scene.button("timer") is not None  # the card as it was, its clock not yet started


def test_nothing_is_drawn_again_when_nothing_changed(make_app):
    app = make_app()
    app.frame(0.016)
    assert app.frame(0.016) is False
    key(app, pygame.K_TAB)  # focus moves: that must show
    assert app.scene.focus is not None


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("language", ["bn", "en"])
def test_every_scene_fits_the_window(make_app, size, language):
    """At every size and text setting, every button is inside the window and none overlap."""
    for text_size in (0, 2):
        app = make_app(size=size, language=language, text_size=text_size)
        window = pygame.Rect((0, 0), size)
        for name, make in _scenes(app):
            scene = show(app, make)
            scene.changed()
            app.layout()
            app.draw()
            rects = [(b.name, b.rect) for b in scene.buttons]
            for button_name, rect in rects:
                assert window.contains(rect), f"{name}: {button_name} {rect} leaves the {size} window"
            for i, (first, a) in enumerate(rects):
                for second, b in rects[i + 1:]:
                    assert not a.colliderect(b), f"{name}: {first} overlaps {second} at {size}, text size {text_size}"


def test_autoplay_plays_whole_games_through_the_screens(tmp_path):
    env = {**os.environ, "NIRAPOD_DATA_DIR": str(tmp_path)}
    for size, seed in (("1024x600", 1), ("1920x1080", 2)):
        run = subprocess.run([sys.executable, "-m", "game", "--autoplay", "2", "--seed", str(seed), "--size", size],
                             cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
        assert run.returncode == 0, run.stderr[-3000:]
        assert "Traceback" not in run.stderr
        assert "autoplay: 2 games" in run.stdout, run.stdout
