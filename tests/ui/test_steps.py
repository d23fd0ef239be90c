"""The screens offer what the rules allow and nothing else; one main step in every mode; messages go
to the person they are for. Driven by real input events, checked on what people would notice."""
from __future__ import annotations

import random
import sys
from pathlib import Path

import pygame
import pytest

from game.kinds import kind_of

from game.engine.game import Game
from game.engine.rules import Phase, Role
from game.ui.card_layout import CardLayout
from game.ui.modes import CLASSROOM, FACILITATOR, KIOSK
from tests.ui.test_modes import click, key, make_app, start_workshop, texts_on_screen  # noqa: F401 (a fixture)

GAME = Path(__file__).resolve().parents[2] / "game"


def start_classroom_game(app):  # make_app's apps are workshops unless asked: mode=CLASSROOM
    click(app, "play")
    click(app, "start")
    click(app, "start")
    assert app.scene.name == "play"


def assert_buttons_are_legal(app):
    """Every button the play screen shows that takes a game action takes one the rules accept from
    the person at that screen."""
    play = app.flow.play_scene
    if play is None or app.scene is not play:
        return
    app.layout()
    app.draw()
    legal = app.game.legal_actions(app.mode.room)
    for button in play.buttons:
        if button.move is not None and button.enabled:
            if button.name == "host-step":
                assert button.move == app.game.main_step(Role.FACILITATOR)
            else:
                assert button.move in legal, (button.name, button.move)
        if button.name.startswith("choice-") and button.enabled and not button.selected:
            if app.game.view(app.mode.room).card.face.orders:  # a tile places an action; the whole order is the move
                assert any(action.type == "choose" for action in legal), button.name
            else:
                assert button.move in legal, button.name


@pytest.mark.parametrize("mode", [CLASSROOM, FACILITATOR, KIOSK])
def test_every_button_on_the_play_screen_is_a_legal_action(make_app, mode):
    app = make_app(mode=mode)
    if mode is KIOSK:
        click(app, "play-en")
        click(app, "start")
    elif mode is FACILITATOR:
        start_workshop(app)
    else:
        start_classroom_game(app)
    pick = random.Random(4)
    for _ in range(60):
        if app.scene.name == "results":
            break
        assert_buttons_are_legal(app)
        roll = pick.random()
        if roll < 0.4:
            key(app, pygame.K_PAGEDOWN)
        elif roll < 0.7:
            key(app, pygame.K_1 + pick.randrange(2))
        else:
            buttons = [b for b in app.scene.buttons if b.enabled and b.name not in ("calm", "language")]
            if buttons:
                click(app, pick.choice(buttons).name)
    assert app.game is None or app.game.log  # the game moved on


def test_page_down_and_enter_take_the_main_step_in_a_classroom(make_app):
    app = make_app(mode=CLASSROOM)
    start_classroom_game(app)
    key(app, pygame.K_RETURN)  # Enter with nothing focused: draw
    assert app.game.state.phase is Phase.CARD
    key(app, pygame.K_PAGEDOWN)  # a clicker's "next" on a fresh card: the discussion starts
    assert app.game.state.phase is Phase.DISCUSSING
    key(app, pygame.K_PAGEDOWN)  # nothing to move on yet: the screen says so
    assert app.game.state.phase is Phase.DISCUSSING and "Pick a choice first." in app.notices.texts()
    key(app, pygame.K_2)
    key(app, pygame.K_RETURN)
    assert app.game.state.phase is Phase.REVEALED


def test_a_stray_click_does_not_decide_the_answer_in_a_classroom(make_app):
    app = make_app(mode=CLASSROOM)
    start_classroom_game(app)
    click(app, "draw")
    if app.game.card.kind == "scenario":
        assert app.scene.button("choice-0") is None  # the story and the question first
    click(app, "timer")  # the choices come with the clock
    click(app, "choice-0")
    click(app, "choice-1")  # the team changes its mind
    assert app.game.state.phase is Phase.CHOSEN and app.game.state.answer == 1
    assert app.scene.button("choice-1").selected and not app.scene.button("choice-0").selected
    click(app, "reveal")
    assert app.game.state.results[-1].answer == 1



def test_a_choice_key_the_rules_refuse_says_why(make_app):
    app = make_app(mode=CLASSROOM)
    start_classroom_game(app)
    key(app, pygame.K_2)  # no card yet
    assert app.game.state.phase is Phase.READY and "Draw a card first." in texts_on_screen(app)
    click(app, "draw")
    while len(kind_of(app.game.card).answers(app.game.card)) == 4:  # a card with a number key past its last choice
        click(app, "skip")
        click(app, "draw")
    click(app, "timer")
    key(app, pygame.K_4)
    assert app.game.state.phase is Phase.DISCUSSING and "This card has no such choice." in texts_on_screen(app)

def test_a_bonus_can_be_taken_back_in_a_classroom(make_app):
    app = make_app(mode=CLASSROOM)
    start_classroom_game(app)
    for step in ("draw", "timer", "choice-0", "reveal", "bonus-named_help"):
        click(app, step)
    assert len(app.game.state.bonuses) == 1 and app.scene.button("bonus-named_help").selected
    click(app, "bonus-named_help")  # pressed again: taken back
    assert app.game.state.bonuses == ()
    assert app.game.log[-1].type == "take_back_bonus"


def test_the_facilitators_messages_stay_off_the_projector(make_app):
    app = make_app(mode=FACILITATOR)
    app.open_presenter()
    start_workshop(app)
    key(app, pygame.K_u)  # nothing to undo yet
    message = "There is no scoring to undo on this card."
    assert message in app.notices.texts()
    assert message not in texts_on_screen(app)  # not on the students' screen
    drawn = []
    block = app.text.render_block
    app.text.render_block = lambda text, *a, **k: drawn.append(text) or block(text, *a, **k)
    app.presenter.layout()
    app.presenter.draw()
    del app.text.render_block
    assert any(message in text for text in drawn)  # on the facilitator's window
    key(app, pygame.K_e)
    assert "Press E again to end the game." not in texts_on_screen(app)
    assert message not in app.notices.texts()  # gone with the next step
    key(app, pygame.K_PAGEDOWN)
    assert app.notices.texts() == []


def test_the_main_step_starts_and_plays_a_kiosk_round(make_app):
    app = make_app(mode=KIOSK)
    key(app, pygame.K_RETURN)  # the attract loop: Enter starts, in the stand's language
    assert app.scene.name == "content_note"
    key(app, pygame.K_PAGEDOWN)
    assert app.game.state.phase is Phase.CARD  # the visitor's card is drawn at once
    key(app, pygame.K_PAGEDOWN)  # nothing to step over: the visitor answers first
    assert app.game.state.phase is Phase.CARD and app.tr._("Pick a choice first.") in app.notices.texts()
    key(app, pygame.K_1)
    assert app.game.state.phase is Phase.REVEALED
    key(app, pygame.K_RETURN)
    assert app.game.state.phase is Phase.CARD and app.game.state.turn == 1


def _files_on_the_stack(frame) -> list[str]:
    """The project's files with a call on the stack at `frame`, outermost first, each once."""
    files = []
    while frame is not None:
        path = Path(frame.f_code.co_filename).resolve()
        if GAME in path.parents:
            name = path.relative_to(GAME.parent).as_posix()
            if name not in files:
                files.append(name)
        frame = frame.f_back
    return files[::-1]


def test_a_click_on_choice_2_reaches_the_rules_and_the_redrawn_card_through_five_files(make_app):
    """What a new engineer follows from a click on a choice: the loop, the scene that takes the click, the
    rules, and the card's layout drawing it again. Recorded as the click is handled: the files with a call on
    the stack when the rules are asked (`Game.act`) and when the card is drawn (`CardLayout.draw`)."""
    app = make_app(mode=CLASSROOM)
    start_classroom_game(app)
    for step in ("draw", "timer"):
        click(app, step)
    for _ in range(10):
        app.frame(0.1)  # the room talks; the card is at rest
    tile = app.scene.button("choice-1")  # the second choice, "2" on its tile
    walks = {}

    def watch(frame, event, arg):
        if event == "call" and frame.f_code in (Game.act.__code__, CardLayout.draw.__code__):
            walks.setdefault(frame.f_code.co_name, _files_on_the_stack(frame))

    size = app.screen.get_size()
    pygame.event.post(pygame.event.Event(pygame.FINGERDOWN, x=tile.rect.centerx / size[0],
                                         y=tile.rect.centery / size[1], touch_id=0, finger_id=0, dx=0.0, dy=0.0,
                                         pressure=1.0))
    sys.setprofile(watch)
    try:
        app.frame(0.1)
    finally:
        sys.setprofile(None)
    assert app.game.state.phase is Phase.CHOSEN and app.game.state.answer == 1
    assert app.scene.button("choice-1").selected  # the redrawn card shows the team's answer
    assert walks["act"] == ["game/ui/app.py", "game/ui/scenes/base.py", "game/ui/scenes/play.py",
                            "game/engine/game.py"]
    assert walks["draw"][-1] == "game/ui/card_layout.py"
    walked = set(walks["act"]) | set(walks["draw"])
    assert len(walked) <= 5, sorted(walked)


def _what_a_draw_must_not_change(app) -> tuple:
    scene = app.scene
    plain = {name: value for name, value in vars(scene).items()
             if isinstance(value, (bool, int, float, str, tuple, type(None)))}
    return (app.game.to_json() if app.game is not None else None, [s.name for s in app.flow.scenes],
            app.notices.texts(), dict(app.session.settings), plain,
            [(b.name, tuple(b.rect), b.label, b.enabled, b.selected) for b in scene.buttons])


@pytest.mark.parametrize("mode", [CLASSROOM, FACILITATOR, KIOSK])
def test_drawing_changes_nothing_and_writes_no_file(make_app, mode, monkeypatch):
    """On every screen a game passes through: what draw() is given to paint stays as it was, and nothing is
    written (a write from a draw would happen many times a second, on an old PC's disk)."""
    app = make_app(mode=mode)
    if mode is FACILITATOR:
        app.open_presenter()
    writes = []

    def no_write(*args, **kwargs):
        writes.append(args)
        raise AssertionError(f"a file was written while drawing: {args}")

    real_open = open

    def open_for_reading(file, mode="r", *args, **kwargs):
        if any(flag in mode for flag in "wax+"):
            no_write(file, mode)
        return real_open(file, mode, *args, **kwargs)

    pick = random.Random(7)
    played = False
    for _ in range(80):
        played = played or (app.game is not None and bool(app.game.log))
        app.layout()
        before = _what_a_draw_must_not_change(app)
        with monkeypatch.context() as guard:
            guard.setattr("builtins.open", open_for_reading)
            for name in ("replace", "rename", "remove", "unlink", "mkdir", "makedirs"):
                guard.setattr(f"os.{name}", no_write)
            app.draw()
            if app.presenter is not None:
                app.presenter.draw()
        assert _what_a_draw_must_not_change(app) == before, app.scene.name
        buttons = [b for b in app.scene.buttons if b.enabled and b.name not in ("calm", "language", "quit")]
        if pick.random() < 0.3 or not buttons:
            key(app, pygame.K_PAGEDOWN)
        else:
            click(app, pick.choice(buttons).name)
    assert writes == []
    assert played  # the walk went through a game (a kiosk may have started over by the end)


def test_the_face_down_card_is_in_the_colour_of_the_team_whose_turn_it_is(make_app):
    app = make_app(mode=CLASSROOM)
    start_classroom_game(app)

    def team_pixels(team):
        app.layout()
        app.draw()
        colour = pygame.Color(*app.ui.theme.teams[team])
        mask = pygame.mask.from_threshold(app.screen, colour, (2, 2, 2, 255))
        return mask.count()

    card_area = app.screen.get_width() * app.screen.get_height() // 10
    assert app.game.state.team == 0 and team_pixels(0) > card_area  # a whole card, not only the team's mark
    assert team_pixels(1) < card_area // 10
    app.game.act(app.game.main_step(Role.STUDENT))  # draw, then on to the next team
    while app.game.state.team == 0 or app.game.state.phase is not Phase.READY:
        action = app.game.main_step(Role.STUDENT) or next(
            a for a in app.game.legal_actions(Role.STUDENT) if a.type == "choose")
        app.game.act(action)
    app.flow.play_scene.changed()
    assert team_pixels(1) > card_area and team_pixels(0) < card_area // 10
