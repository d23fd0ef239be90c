"""Team names: typing replaces a default name, and the names typed come back in the next game."""
from __future__ import annotations

import pygame
import pytest

from game.settings import read_settings
from game.storage import Storage
from game.ui.app import App
from game.ui.modes import CLASSROOM


@pytest.fixture
def open_app(tmp_path):
    """An app as run_game starts one: with the settings read from the data folder."""
    pygame.init()

    def open_(language="en"):
        settings = read_settings(Storage(tmp_path))[0]
        app = App(Storage(tmp_path), {**settings, "language": language, "sound": False}, (1024, 600), mode=CLASSROOM)
        app.flow.to_title()
        app.frame(0.016)
        return app

    yield open_
    pygame.quit()


def click(app, name):
    button = app.scene.button(name)
    assert button is not None, f"no button {name!r} on {app.scene.name}: {[b.name for b in app.scene.buttons]}"
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=button.rect.center, button=1, touch=False))
    app.frame(0.1)


def key(app, key):
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0))
    app.frame(0.1)


def type_text(app, text):
    for character in text:
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=character))
    app.frame(0.1)


def labels(app):
    return [app.scene.button(f"team-{i}").label for i in range(len(app.scene.team_names))]


def test_typing_into_a_default_name_replaces_it(open_app):
    app = open_app()
    click(app, "play")
    click(app, "team-0")
    type_text(app, "Tigers")
    assert app.scene.button("team-0").label == "Tigers|"  # not "Team 1Tigers"
    key(app, pygame.K_BACKSPACE)
    key(app, pygame.K_RETURN)
    assert labels(app) == ["Tiger", "Team 2"]
    click(app, "team-0")  # a typed name is edited, not replaced
    type_text(app, "s")
    key(app, pygame.K_RETURN)
    click(app, "team-1")
    key(app, pygame.K_BACKSPACE)  # Backspace on a default name clears it too
    key(app, pygame.K_RETURN)  # and a name left empty is the default again
    assert labels(app) == ["Tigers", "Team 2"]
    key(app, pygame.K_PAGEDOWN)
    key(app, pygame.K_PAGEDOWN)
    assert app.game.config.teams == ("Tigers", "Team 2")


def test_names_typed_come_back_in_the_next_game_and_default_names_bring_the_defaults_back(open_app):
    app = open_app()
    click(app, "play")
    assert app.scene.button("names-default") is None  # nothing to go back from yet
    click(app, "teams-plus")
    click(app, "team-2")
    type_text(app, "বাঘ")
    key(app, pygame.K_RETURN)
    click(app, "start")
    # Next lesson: the program starts again, in Bangla.
    again = open_app(language="bn")
    click(again, "play")
    shown = labels(again)
    assert len(shown) == 3 and shown[2] == "বাঘ"
    assert shown[0] == again.tr.format(again.tr._("Team {number}"), number=1)  # defaults follow the language
    click(again, "names-default")
    assert labels(again)[2] == again.tr.format(again.tr._("Team {number}"), number=3)
    assert again.scene.button("names-default") is None
    # Going back without a game still forgets them: the defaults are what the next start shows.
    click(again, "back")
    third = open_app()
    click(third, "play")
    assert labels(third) == ["Team 1", "Team 2"] and third.scene.button("names-default") is None
    click(third, "teams-plus")
    click(third, "start")  # three teams with their default names: nothing typed, nothing to remember
    fourth = open_app()
    click(fourth, "play")
    assert labels(fourth) == ["Team 1", "Team 2"] and fourth.scene.button("names-default") is None


def test_remembered_names_survive_a_broken_settings_value(tmp_path, open_app):
    (tmp_path / "settings.json").write_text('{"format": 1, "settings": {"team_names": ["ok", 5]}}', encoding="utf-8")
    app = open_app()
    click(app, "play")
    assert labels(app) == ["Team 1", "Team 2"]


def test_the_place_is_typed_once_kept_for_the_next_game_and_written_in_the_report(open_app):
    app = open_app()
    click(app, "play")
    click(app, "place")
    type_text(app, "Mirpur\tGirls' School, Dhaka")  # a tab from a pasted cell never gets in
    key(app, pygame.K_RETURN)
    assert app.scene.button("place").label == "MirpurGirls' School, Dhaka"
    click(app, "place")
    type_text(app, "x" * 100)  # a place stops at its length limit
    key(app, pygame.K_RETURN)
    assert len(app.scene.place) == 60
    for _ in range(60 - len("MirpurGirls' School, Dhaka")):
        click(app, "place") if app.scene.editing is None else None
        key(app, pygame.K_BACKSPACE)
    key(app, pygame.K_RETURN)
    assert app.scene.place == "MirpurGirls' School, Dhaka"
    click(app, "start")
    key(app, pygame.K_PAGEDOWN)  # past the content note, into the game
    assert app.game is not None and app.game.config.place == "MirpurGirls' School, Dhaka"
    app = open_app()  # the next time the game is opened
    click(app, "play")
    if app.scene.name != "setup":
        key(app, pygame.K_RETURN)  # yes, a new game beside the one saved
    assert app.scene.button("place").label == "MirpurGirls' School, Dhaka"


def test_the_setup_says_beside_the_place_that_it_never_names_a_student(open_app):
    app = open_app("bn")
    click(app, "play")
    notes = [note for note, *_ in app.scene._notes]
    assert notes == [app.tr._("For the reports. Never a student's name.")] and "শিক্ষার্থীর নাম নয়" in notes[0]


def test_the_setup_remembers_the_length_and_the_discussion_time(open_app):
    app = open_app()
    click(app, "play")
    assert app.scene.button("length-1").selected and app.scene.button("discussion-1").selected  # the defaults
    click(app, "length-2")
    click(app, "discussion-0")
    click(app, "start")
    assert app.scene.name == "content_note"
    pygame.quit()
    app = open_app()  # the next start of the game
    click(app, "play")
    assert app.scene.button("length-2").selected and app.scene.button("discussion-0").selected
    assert not app.scene.button("length-1").selected
    config = app.scene.config(seed=1)
    assert config.discussion_seconds == 60
