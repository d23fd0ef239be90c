"""Only what changed goes to the screen: a new card slides in from cached pictures, sending only the strip
that changed, and a part a scene names (a clock) is sent alone; what the room sees is exactly what drawing
every frame in full would show."""
from __future__ import annotations

import pygame
import pytest

from game.ui.modes import CLASSROOM
from tests.ui.test_modes import key, make_app  # noqa: F401 (a fixture)
from tests.ui.test_steps import start_classroom_game


def full_picture(app) -> pygame.Surface:
    app.layout()
    app.draw()
    return app.screen.copy()


@pytest.mark.parametrize("size", [(1024, 600), (1920, 1080)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_frame_of_the_slide_looks_as_if_drawn_in_full(make_app, size, monkeypatch):
    app = make_app(mode=CLASSROOM, size=size)
    start_classroom_game(app)
    updates = []
    monkeypatch.setattr(pygame.display, "update", lambda rect=None: updates.append(pygame.Rect(rect)))
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_PAGEDOWN, mod=0, unicode="", scancode=0))
    frames = 0
    app.frame(0.0)  # the card is drawn: the slide starts
    while app.scene.animating:
        assert app.frame(1 / 60)
        frames += 1
        if not app.scene.animating:
            break
        shown = app.screen.copy()
        assert pygame.image.tobytes(shown, "RGB") == pygame.image.tobytes(full_picture(app), "RGB"), frames
    assert frames >= 10
    window = app.screen.get_rect()
    strips = [rect for rect in updates if rect != window]
    # After the first frame, only the card's column changes: the scores beside it are never sent again.
    assert len(strips) >= frames - 2
    board = app.scene.face.board_rect
    assert all(not strip.colliderect(board) and strip.width < window.width for strip in strips)
    # the card came to rest with its story and its clock's start (a myth-or-fact card: its two answers)
    assert app.scene.button("timer") is not None or app.scene.button("choice-0") is not None


def test_a_message_during_the_slide_is_drawn_in_full(make_app, monkeypatch):
    app = make_app(mode=CLASSROOM)
    start_classroom_game(app)
    key(app, pygame.K_PAGEDOWN)  # draws the card; frame(0.1) moves it a little
    assert app.scene.animating
    app.scene.tell(app.mode.room, "A message for the room")
    flips = []
    monkeypatch.setattr(pygame.display, "flip", lambda: flips.append(1))
    app.frame(1 / 60)
    assert flips and app.scene.animating


def test_a_part_drawn_again_alone_is_the_only_part_sent_and_looks_as_drawn_in_full(make_app, monkeypatch):
    app = make_app(mode=CLASSROOM, size=(1366, 768))
    start_classroom_game(app)
    key(app, pygame.K_PAGEDOWN)
    while app.scene.animating:
        app.frame(1 / 60)
    app.frame(1 / 60)
    sent, flips = [], []
    monkeypatch.setattr(pygame.display, "update", lambda rects=None: sent.append(rects))
    monkeypatch.setattr(pygame.display, "flip", lambda: flips.append(1))
    corner = pygame.Rect(40, 700, 200, 40)
    app.request_draw(corner)
    assert app.frame(1 / 60)
    assert sent == [[corner]] and not flips
    assert pygame.image.tobytes(app.screen, "RGB") == pygame.image.tobytes(full_picture(app), "RGB")
    assert app.frame(1 / 60) is False  # drawn once: nothing more to send


def test_a_second_of_the_discussion_clock_sends_only_the_clock(make_app, monkeypatch):
    app = make_app(mode=CLASSROOM, size=(1366, 768))
    start_classroom_game(app)
    key(app, pygame.K_PAGEDOWN)  # the card
    key(app, pygame.K_PAGEDOWN)  # the clock starts
    while app.scene.animating:
        app.frame(1 / 60)
    app.frame(1 / 60)
    clock = app.scene.face.clock_rect
    assert clock is not None
    sent, flips, layouts = [], [], []
    monkeypatch.setattr(pygame.display, "update", lambda rects=None: sent.append(rects))
    monkeypatch.setattr(pygame.display, "flip", lambda: flips.append(1))
    build = app.scene.face.build
    monkeypatch.setattr(app.scene.face, "build", lambda *a: layouts.append(1) or build(*a))
    assert app.frame(1.0)
    assert sent == [[clock]] and not flips and not layouts  # no new layout, nothing else sent
    assert pygame.image.tobytes(app.screen, "RGB") == pygame.image.tobytes(full_picture(app), "RGB")
