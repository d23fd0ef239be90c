"""What the room sees at the edges of a card: no leftover mouse highlight on a new card, and a
myth-or-fact answer called correct or not, never "safe"."""
from __future__ import annotations

import random

import pygame

from game.engine.cards import Grade
from game.engine.rules import Phase
from game.ui.drawn_text import RecordingSurface
from game.ui.modes import CLASSROOM, KIOSK
from game.ui.widgets import draw_grade_badge, draw_grade_icon
from tests.ui.test_modes import click, key, make_app  # noqa: F401 (a fixture)


def move_mouse(app, position):
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=position, rel=(1, 1), buttons=(0, 0, 0), touch=False))
    app.frame(0.1)


def press_mouse(app, position):
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=position, button=1, touch=False))
    app.frame(0.1)


def hovered_names(app):
    scene = app.scene
    return [] if scene.hover is None else [scene.buttons[scene.hover].name]


def settle(app):
    """Let the new card finish sliding in, and draw the picture the room sees."""
    for _ in range(10):
        app.frame(0.1)
    app.layout()
    app.draw()


def fill_at(app, button):
    """The button's own colour, next to its right edge (away from its text)."""
    return tuple(app.screen.get_at((button.rect.right - app.ui.metrics.px(10), button.rect.centery)))[:3]


def test_no_highlight_on_a_new_card_until_the_mouse_moves(make_app):
    app = make_app(mode=CLASSROOM)
    app.session.use_seeds(random.Random(3))
    click(app, "play")
    click(app, "start")
    click(app, "start")
    key(app, pygame.K_RETURN)  # the first card
    key(app, pygame.K_PAGEDOWN)  # the clock starts, and the choices come with it
    first_card = app.game.card.id
    pointer = app.scene.button("choice-0").rect.center
    move_mouse(app, pointer)
    assert hovered_names(app) == ["choice-0"]  # a real pointer over a choice lights it up
    # The teacher works on with the keyboard; the mouse lies where it was.
    key(app, pygame.K_1)
    key(app, pygame.K_RETURN)  # reveal
    while app.game.state.phase is not Phase.DISCUSSING or app.game.card.id == first_card:
        key(app, pygame.K_PAGEDOWN)  # next team, draw, start the clock
    settle(app)
    choice = app.scene.button("choice-0")
    assert app.scene.hover is None
    assert fill_at(app, choice) != app.ui.theme.button_hover  # nothing looks picked out to the room
    assert fill_at(app, choice) == app.ui.theme.card  # an open choice tile, as the others
    move_mouse(app, app.scene.button("choice-1").rect.center)
    assert hovered_names(app) == ["choice-1"]


def test_a_kiosk_visitors_next_card_comes_without_a_highlight(make_app):
    app = make_app(mode=KIOSK)
    click(app, "play-en")
    click(app, "start")
    key(app, pygame.K_1)  # a visitor's answer is shown at once
    next_button = app.scene.button("next")
    move_mouse(app, next_button.rect.center)
    assert hovered_names(app) == ["next"]
    press_mouse(app, next_button.rect.center)  # the next card comes; the mouse stays where it was
    settle(app)
    assert app.game.state.phase is Phase.CARD and app.scene.hover is None


def test_the_highlight_stays_while_the_clock_ticks(make_app):
    app = make_app(mode=CLASSROOM)
    click(app, "play")
    click(app, "start")
    click(app, "start")
    key(app, pygame.K_RETURN)
    key(app, pygame.K_PAGEDOWN)  # the discussion clock runs: the screen is laid out again every second
    move_mouse(app, app.scene.button("choice-1").rect.center)
    for _ in range(3):
        app.frame(1.0)
    assert app.game.state.phase is Phase.DISCUSSING and hovered_names(app) == ["choice-1"]


def badge_words(app, grade, myth_fact):
    surface = RecordingSurface((600, 100), app.text)
    draw_grade_badge(surface, app.ui, grade, 10, 10, right_or_wrong=myth_fact)
    return [line.text for line in surface.lines]


def test_a_myth_or_fact_badge_says_correct_or_not_quite_with_its_shape(make_app):
    app = make_app(mode=CLASSROOM)
    assert badge_words(app, Grade.SAFE, myth_fact=True) == ["Correct"]
    assert badge_words(app, Grade.RISKY, myth_fact=True) == ["Not quite"]
    assert badge_words(app, Grade.SAFE, myth_fact=False) == ["Safe"]  # a scenario's choice keeps its grade
    key(app, pygame.K_F2)
    for grade in (Grade.SAFE, Grade.RISKY):
        word = badge_words(app, grade, myth_fact=True)[0]
        assert word == app.tr._("Correct" if grade is Grade.SAFE else "Not quite") and word.isascii() is False
    # The word comes with a shape (a tick, a cross), so it never rests on colour alone.
    shapes = []
    for grade in (Grade.SAFE, Grade.RISKY):
        surface = pygame.Surface((40, 40))
        draw_grade_icon(surface, grade, (255, 255, 255), (20, 20), 18)
        shapes.append(pygame.mask.from_threshold(surface, (255, 255, 255), (1, 1, 1, 255)).count())
    assert shapes[0] != shapes[1]
