"""Every press takes the step the teacher meant, one press at a time through the real loop at real speed:
the key that opened a screen closes it, Enter in a name field keeps the name and says so, and a press
the game cannot act on now says why in a calm line."""
from __future__ import annotations

import time

import pygame
import pytest

from game.engine.rules import Phase
from game.storage import Storage
from game.ui.app import App
from game.ui.modes import CLASSROOM, FACILITATOR

PAUSE_S = 0.25  # between two presses: quicker than any teacher, slow enough for SDL to see two presses


class Presses:
    """Drives App.run: posts one press (a key down and up, a click, typed text), lets the loop run its frames
    for PAUSE_S of real time, checks what a person would notice, then the next press; quits at the end."""

    def __init__(self, steps):
        self.steps = list(steps)  # (what to press, what should then be true, what it was meant to do)
        self.failures: list[str] = []
        self.done: list[str] = []
        self._due = None
        self._waiting = None

    def before_frame(self, app) -> None:
        now = time.perf_counter()
        if self._due is None:  # the first screen is laid out and drawn before the first press
            self._due = now + PAUSE_S
        if now < self._due:
            return
        if self._waiting is not None:
            check, meant = self._waiting
            self._waiting = None
            if not check(app):
                self.failures.append(f"{meant} (on {app.scene.name}; notices: {app.notices.texts()})")
                app.quit()
                return
            self.done.append(meant)
        if not self.steps:
            app.quit()
            return
        press, check, meant = self.steps.pop(0)
        press(app)
        self._waiting = (check, meant)
        self._due = now + PAUSE_S


def key(code):
    def press(app):
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=code, mod=0, unicode="", scancode=0))
        pygame.event.post(pygame.event.Event(pygame.KEYUP, key=code, mod=0, unicode="", scancode=0))
    return press


def click(name):
    def press(app):
        button = app.scene.button(name)
        assert button is not None, f"no button {name!r} on {app.scene.name}"
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=button.rect.center, button=1, touch=False))
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=button.rect.center, button=1, touch=False))
    return press


def type_text(text):
    def press(app):
        for character in text:
            pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=character))
    return press


def on(scene):
    return lambda app: app.scene.name == scene


def phase(wanted):
    return lambda app: app.scene.name == "play" and app.game.state.phase is wanted


def says(words, calm=True):
    """A line with these words is on the screen, in the calm style (red is kept for what went wrong)."""
    def check(app):
        return any(words in n.text and n.calm is calm for n in app.notices.for_screen(False, False)) \
            and _calm_box_drawn(app) is calm
    return check


def _calm_box_drawn(app) -> bool:
    """What the window shows at the right end of the bottom line: the calm colour, or the alarm's red."""
    app.layout()
    app.draw()
    m = app.ui.metrics
    width, height = app.screen.get_size()
    colour = tuple(app.screen.get_at((width - m.margin - m.px(3) - 4, height - 2 * m.gap))[:3])
    return colour == app.ui.theme.calm


def both(*checks):
    return lambda app: all(check(app) for check in checks)


@pytest.fixture
def run_presses(tmp_path):
    pygame.init()

    def run(steps, mode=CLASSROOM):
        app = App(Storage(tmp_path), {"language": "en", "sound": False}, (1024, 600), mode=mode)
        app.flow.to_title()
        driver = Presses(steps)
        app.run(driver)
        assert not driver.failures, f"after {driver.done}: {driver.failures[0]}"
        assert not driver.steps, "the loop stopped before every press was made"
        return app

    yield run
    pygame.quit()


def test_a_classroom_game_from_the_title_screen_takes_one_step_per_press(run_presses):
    run_presses([
        (click("play"), on("setup"), "Play opens the setup"),
        (click("team-0"), lambda app: app.scene.editing == 0, "a click on a team's name starts typing it"),
        (type_text("Tigers"), lambda app: app.scene.team_names[0] == "Tigers", "the name is typed"),
        (key(pygame.K_RETURN), both(on("setup"), lambda app: app.scene.editing is None,
                                    says("The name Tigers is kept")), "Enter keeps the name and says so"),
        (key(pygame.K_RETURN), on("content_note"), "a second Enter starts"),
        (key(pygame.K_RETURN), phase(Phase.READY), "Enter on the content note starts the game"),
        (key(pygame.K_l), says("Draw a card first."), "L with no card says why nothing shows"),
        (key(pygame.K_g), says("workshop's facilitator"), "a facilitator's key in a classroom says whose it is"),
        (key(pygame.K_h), on("safe"), "H opens the calm screen"),
        (key(pygame.K_h), phase(Phase.READY), "H again closes it"),
        (key(pygame.K_PAGEDOWN), phase(Phase.CARD), "Page Down draws the card"),
        (key(pygame.K_PERIOD), on("safe"), "'.' opens the calm screen"),
        (key(pygame.K_PERIOD), phase(Phase.CARD), "'.' closes it"),
        (key(pygame.K_PAGEDOWN), phase(Phase.DISCUSSING), "Page Down starts the clock"),
        (key(pygame.K_PAGEDOWN), says("Pick a choice first."), "Page Down before a choice says why, calmly"),
        (key(pygame.K_1), lambda app: app.game.state.answer is not None, "1 picks the first choice"),
        (key(pygame.K_PAGEDOWN), phase(Phase.REVEALED), "Page Down reveals the answer"),
        (click("calm"), on("safe"), "the calm-screen button opens the calm screen"),
        (click("calm"), phase(Phase.REVEALED), "the same button closes it"),
    ])


def test_the_notes_key_that_opens_the_notes_closes_them(run_presses):
    run_presses([
        (click("play"), on("setup"), "Play opens the setup"),
        (key(pygame.K_PAGEDOWN), on("content_note"), "Page Down starts with the defaults"),
        (key(pygame.K_PAGEDOWN), phase(Phase.READY), "Page Down on the content note starts the game"),
        (key(pygame.K_PAGEDOWN), phase(Phase.CARD), "Page Down draws the card"),
        (key(pygame.K_h), on("safe"), "H opens the calm screen"),
        (key(pygame.K_h), phase(Phase.CARD), "H again closes it"),
        (key(pygame.K_PAGEDOWN), phase(Phase.DISCUSSING), "the next Page Down starts the clock"),
        (key(pygame.K_i), both(on("host_notes"), lambda app: not app.scene.shown),
         "I asks first: on one screen the class would see the notes"),
        (key(pygame.K_i), lambda app: app.scene.name == "host_notes" and app.scene.shown,
         "I again shows them"),
        (key(pygame.K_i), phase(Phase.DISCUSSING), "I once more closes them"),
        (key(pygame.K_i), on("host_notes"), "I asks again"),
        (key(pygame.K_ESCAPE), phase(Phase.DISCUSSING), "Esc goes back without showing them"),
        (key(pygame.K_l), lambda app: app.flow.play_scene.peek is not None or bool(app.notices),
         "L shows the story, or says why it cannot"),
    ], mode=FACILITATOR)
