"""Facilitator and kiosk modes, driven by real input events the way a facilitator or a visitor would."""
from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

import pygame
import pytest

from game.engine.game import Game
from game.engine.rules import CARD_ON_TABLE, Phase
from game.engine.scoring import team_totals
from game.stats import Stats
from game.storage import Storage
from game.ui.app import App
from game.ui.drawn_text import RecordingSurface
from game.ui.kiosk import start_kiosk
from game.ui.modes import CLASSROOM, FACILITATOR, KIOSK
from game.ui.scenes.play import PlayScene

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def make_app(tmp_path):
    pygame.init()

    def make(mode=FACILITATOR, size=(1024, 600), language="en", data_dir=None):
        app = App(Storage(data_dir or tmp_path), {"language": language, "sound": False}, size, mode=mode)
        if mode is KIOSK:
            start_kiosk(app)
        else:
            app.flow.to_title()
        app.frame(0.016)
        return app

    yield make
    pygame.quit()


def key(app, key, mod=0, window=None):
    event = {"key": key, "mod": mod, "unicode": "", "scancode": 0}
    if window is not None:
        event["window"] = window
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, **event))
    app.frame(0.1)


def answer(app, first=0):
    """Press choice `first` (key 1-4); on a card whose actions are put in order, the others too, one by one, as a
    class would, until the team's answer is whole."""
    key(app, pygame.K_1 + first)
    card = app.game.view(app.mode.room).card if app.game is not None else None
    if card is None or not card.face.orders:
        return
    for index in range(len(card.face.options)):
        if index != first and app.game.state.phase in CARD_ON_TABLE:
            key(app, pygame.K_1 + index)


def touch(app, position):
    size = app.screen.get_size()
    pygame.event.post(pygame.event.Event(pygame.FINGERDOWN, x=position[0] / size[0], y=position[1] / size[1],
                                         touch_id=0, finger_id=0, dx=0.0, dy=0.0, pressure=1.0))
    app.frame(0.1)


def click(app, name):
    button = app.scene.button(name)
    assert button is not None, f"no button {name!r} on {app.scene.name}: {[b.name for b in app.scene.buttons]}"
    touch(app, button.rect.center)


def texts_on_screen(app) -> str:
    """Every line of text that reaches the main window in its next picture (what is covered by a dialog or
    clipped away is not), joined with spaces so that a wrapped sentence reads whole."""
    for scene in app.flow.scenes:
        scene.changed()
    app.layout()
    picture = RecordingSurface(app.screen.get_size(), app.ui.text)
    presenter_draw = None
    if app.presenter is not None:
        presenter_draw, app.presenter.draw = app.presenter.draw, lambda: None  # only the main window's picture
    try:
        app.draw_onto(picture)
        return " ".join(" ".join(line.text for line in picture.lines).split())
    finally:
        if presenter_draw is not None:
            del app.presenter.draw


def start_workshop(app):
    click(app, "play")
    key(app, pygame.K_PAGEDOWN)  # setup: start with the defaults
    key(app, pygame.K_PAGEDOWN)  # content note
    assert app.scene.name == "play"


# --- facilitator ------------------------------------------------------------------------------------

def test_students_cannot_move_the_game_on_only_the_host_can(make_app):
    app = make_app()
    start_workshop(app)
    names = {b.name for b in app.scene.buttons}
    assert not names & {"draw", "reveal", "next", "timer", "skip"}
    key(app, pygame.K_PAGEDOWN)  # the clicker draws the card
    play = app.scene
    assert app.game.state.phase is Phase.CARD
    tile = play.button("choice-0")  # a scenario shows its story first; a myth-or-fact card its two answers
    assert tile is None or not tile.enabled  # nothing to press before the room has talked
    if tile is not None:
        touch(app, tile.rect.center)
    key(app, pygame.K_2)  # a student answers before the room has talked
    assert app.game.state.phase is Phase.CARD and app.game.state.answer is None
    # The key is refused with a reason, not swallowed.
    assert "answers open when the clock starts" in app.notices.texts()[-1]
    key(app, pygame.K_t)  # the host starts the discussion; now the team may answer
    assert app.notices.texts() == []  # the message went with the next step
    click(app, "choice-1")
    assert app.game.state.phase is Phase.CHOSEN and app.game.state.answer == 1
    assert app.scene.button("reveal") is None and app.scene.button("next") is None
    key(app, pygame.K_1)  # the team changes its mind before the reveal (every card has choices 1 and 2)
    assert app.game.state.answer == 0
    key(app, pygame.K_r)
    assert app.game.state.phase is Phase.REVEALED and app.game.state.results[-1].answer == 0
    key(app, pygame.K_2)  # once revealed, the answer stays
    assert app.game.state.results[-1].answer == 0


def test_the_host_scores_undoes_times_and_ends_with_a_report(make_app, tmp_path):
    app = make_app()
    start_workshop(app)
    key(app, pygame.K_PAGEDOWN)
    key(app, pygame.K_PAGEDOWN)  # the clock starts
    play = app.scene
    key(app, pygame.K_EQUALS)
    assert play.timer_left == pytest.approx(app.game.config.discussion_seconds + 30, abs=1)
    key(app, pygame.K_MINUS)
    key(app, pygame.K_MINUS)
    assert play.timer_left == pytest.approx(app.game.config.discussion_seconds - 30, abs=1)
    answer(app)
    key(app, pygame.K_PAGEDOWN)  # reveal
    points = team_totals(app.game.state, 2)[0].points
    key(app, pygame.K_g)
    key(app, pygame.K_w)
    assert team_totals(app.game.state, 2)[0].points == points + 2
    key(app, pygame.K_u)
    assert team_totals(app.game.state, 2)[0].points == points + 1
    key(app, pygame.K_PAGEUP)  # the clicker's "back" undoes too
    key(app, pygame.K_PAGEUP)  # and then the answer itself: the team answers again
    assert app.game.state.phase is Phase.PAUSED and app.game.state.results == ()
    key(app, pygame.K_2)
    key(app, pygame.K_r)
    key(app, pygame.K_n)
    key(app, pygame.K_PAGEDOWN)  # team 2 draws
    key(app, pygame.K_s)  # skip
    assert app.game.state.phase is Phase.READY and app.game.state.team == 1
    key(app, pygame.K_e)
    assert app.scene.name == "play" and app.game.state.phase is not Phase.OVER  # once is not enough
    key(app, pygame.K_e)
    assert app.scene.name == "results"
    reports = sorted((tmp_path / "reports").glob("session-*"))
    assert [p.suffix for p in reports] == [".csv", ".png"]
    assert "Team 1" in reports[0].read_text(encoding="utf-8-sig")
    assert "reports" in texts_on_screen(app)  # the facilitator is told where the report is


def test_notes_are_hidden_from_the_room_until_the_host_opens_them(make_app):
    app = make_app()
    start_workshop(app)
    for _ in range(20):  # a scenario card, which has a facilitator note
        key(app, pygame.K_PAGEDOWN)
        if app.game.card.facilitator_note is not None:
            break
        key(app, pygame.K_s)
    note = app.tr.text(app.game.card.facilitator_note)
    assert note not in texts_on_screen(app)
    key(app, pygame.K_i)
    assert app.scene.name == "host_notes"  # one screen: first it says the class would see them
    first = texts_on_screen(app)
    assert note not in first and "Safe answer" not in first and "The class will see the notes" in first
    key(app, pygame.K_PAGEDOWN)  # nothing moves behind that question, and it says what to press
    assert app.game.state.phase is Phase.CARD and "Press I to show the notes" in texts_on_screen(app)
    key(app, pygame.K_i)  # the deliberate second step
    assert note in texts_on_screen(app)
    key(app, pygame.K_t)  # the host's keys work with the notes open
    assert app.game.state.phase is Phase.DISCUSSING
    key(app, pygame.K_i)
    assert app.scene.name == "play" and note not in texts_on_screen(app)


def test_the_presenter_window_shows_the_host_what_the_projector_does_not(make_app):
    app = make_app()
    app.open_presenter()
    start_workshop(app)
    for _ in range(20):
        key(app, pygame.K_PAGEDOWN)
        if app.game.card.facilitator_note is not None:
            break
        key(app, pygame.K_s)
    note = app.tr.text(app.game.card.facilitator_note)
    on_projector = texts_on_screen(app)
    assert note not in on_projector and "Safe answer" not in on_projector
    assert app.scene.button("host-step") is None  # the controls are on the facilitator's screen
    key(app, pygame.K_i)
    assert app.scene.name == "play"  # with a presenter window, I does not show the notes to the room
    drawn = []
    block = app.text.render_block
    app.text.render_block = lambda text, *a, **k: drawn.append(text) or block(text, *a, **k)
    app.presenter.draw()
    del app.text.render_block
    assert any(note in text for text in drawn) and any("Safe answer" in text for text in drawn)
    # A click on the presenter window's "start the clock" works the game.
    button = next(b for b in app.presenter.panel.buttons if b.name == "host-timer")
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=button.rect.center, button=1, touch=False,
                                         window=app.presenter.window))
    app.frame(0.1)
    assert app.game.state.phase is Phase.DISCUSSING
    pygame.event.post(pygame.event.Event(pygame.WINDOWCLOSE, window=app.presenter.window))
    app.frame(0.1)
    assert app.presenter is None and app.running  # closing the notes window does not end the workshop


def test_a_workshop_continues_as_a_workshop(make_app, tmp_path):
    app = make_app()
    start_workshop(app)
    key(app, pygame.K_PAGEDOWN)
    again = make_app(mode=CLASSROOM, data_dir=tmp_path)  # started the next day without --facilitator
    click(again, "continue")
    assert again.mode is FACILITATOR and again.game.state == app.game.state


# --- kiosk ----------------------------------------------------------------------------------------------

def kiosk_snapshot(app) -> dict:
    """What would show that a visitor was here: state, settings, screen and rendered text."""
    screen = pygame.image.tobytes(app.screen, "RGB")
    return {
        "scenes": [scene.name for scene in app.flow.scenes],
        "game": app.game,
        "notices": app.notices.texts(),
        "settings": app.session.settings,
        "language": app.tr.language,
        "text_cache": (len(app.text._surfaces), len(app.text._wrapped)),  # the cards a visitor read were rendered here
        "session": app.policy.session,
        "idle": app.policy.idle,
        "screen": screen,
    }


def play_a_round(app, answers=5):
    click(app, "play-en")
    click(app, "start")
    for _ in range(answers):
        answer(app)
        click(app, "next")


def test_after_an_idle_reset_the_kiosk_is_as_if_freshly_started(make_app, tmp_path):
    fresh = make_app(mode=KIOSK, data_dir=tmp_path / "fresh")
    fresh.draw()
    expected = kiosk_snapshot(fresh)
    app = make_app(mode=KIOSK, data_dir=tmp_path / "used")
    click(app, "play-en")
    click(app, "start")
    key(app, pygame.K_EQUALS, mod=pygame.KMOD_CTRL)  # the visitor makes the text bigger
    key(app, pygame.K_F2)  # and switches language
    key(app, pygame.K_2)
    assert app.scene.name == "play" and app.game is not None
    still_there = app.tr._("Still there?")  # in the language the visitor switched to
    app.frame(59.0)
    assert still_there not in texts_on_screen(app)
    app.frame(2.0)  # a minute has passed since the last touch
    assert still_there in texts_on_screen(app)
    for _ in range(13):
        app.frame(1.0)
    assert app.scene.name == "play"  # not yet: the countdown shows its last second
    app.frame(1.0)
    app.frame(0.016)
    app.layout()
    app.draw()
    assert kiosk_snapshot(app) == expected
    gc.collect()
    assert not [o for o in gc.get_objects() if isinstance(o, (Game, PlayScene))]


def test_a_touch_during_the_countdown_keeps_the_round_and_does_nothing_else(make_app):
    app = make_app(mode=KIOSK)
    click(app, "play-en")
    click(app, "start")
    app.frame(62.0)
    assert app.policy.countdown_left is not None
    choice = app.scene.button("choice-0").rect.center
    touch(app, choice)
    assert app.policy.countdown_left is None and app.game.state.phase is Phase.CARD
    touch(app, choice)
    assert app.game.state.phase is Phase.REVEALED  # a visitor alone sees the answer at once


@pytest.mark.parametrize("escape", ["close", "escape", "alt_f4", "f11"])
def test_a_visitor_cannot_leave_the_kiosk(make_app, escape):
    app = make_app(mode=KIOSK)
    click(app, "play-en")
    click(app, "start")
    if escape == "close":
        pygame.event.post(pygame.event.Event(pygame.QUIT))
        app.frame(0.1)
    elif escape == "escape":
        key(app, pygame.K_ESCAPE)
    elif escape == "alt_f4":
        key(app, pygame.K_F4, mod=pygame.KMOD_ALT)
    else:
        key(app, pygame.K_F11)
    assert app.running and app.scene.name == "play"
    assert not any(b.name == "settings" for b in app.scene.buttons)


def test_staff_leave_with_the_chord_and_the_pin(make_app, tmp_path):
    (tmp_path / "kiosk.ini").write_text("[kiosk]\npin = 7391\n", encoding="utf-8")
    app = make_app(mode=KIOSK, data_dir=tmp_path)
    key(app, pygame.K_q, mod=pygame.KMOD_CTRL | pygame.KMOD_SHIFT)
    assert app.scene.name == "staff_pin"
    for digit in "2468":  # the default PIN no longer works once changed
        click(app, f"pin-{digit}")
    click(app, "pin-ok")
    assert app.running and app.tr._("That PIN is not right.") in app.notices.texts()
    pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text="৭৩৯১"))  # typed on a Bangla keyboard
    app.frame(0.1)
    click(app, "pin-ok")
    assert not app.running


def test_the_counters_keep_what_visitors_did_and_nothing_personal(make_app, tmp_path):
    app = make_app(mode=KIOSK, data_dir=tmp_path)
    play_a_round(app)
    assert app.scene.name == "results"
    click(app, "finish")
    assert app.scene.name == "attract"
    click(app, "play-bn")
    click(app, "start")
    answer(app)
    app.frame(80.0)  # walks away
    assert app.scene.name == "attract"
    app.policy.shutdown()
    stats, notice = Stats.open(tmp_path)
    summary = stats.summary()
    stats.close()
    assert notice is None
    assert summary["sessions_started"] == 2 and summary["sessions_completed"] == 1
    assert summary["answers"] == 6


def test_kiosk_autoplay_runs_visitor_after_visitor(tmp_path):
    env = {**os.environ, "NIRAPOD_DATA_DIR": str(tmp_path)}
    run = subprocess.run([sys.executable, "-m", "game", "--kiosk", "--autoplay", "40", "--seed", "3",
                          "--size", "1024x600"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    assert "Traceback" not in run.stderr
    assert "kiosk autoplay: 40 visitor sessions" in run.stdout, run.stdout


def test_facilitator_autoplay_runs_whole_workshops_with_reports(tmp_path):
    env = {**os.environ, "NIRAPOD_DATA_DIR": str(tmp_path)}
    run = subprocess.run([sys.executable, "-m", "game", "--facilitator", "--autoplay", "2", "--seed", "5",
                          "--size", "1024x600"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    assert "autoplay: 2 games" in run.stdout, run.stdout
    listed = subprocess.run([sys.executable, "-m", "game", "report"], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=60)
    assert listed.stdout.count(".csv") == 2 and listed.stdout.count(".png") == 2, listed.stdout


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_the_system_can_still_stop_a_kiosk(tmp_path):
    """Visitors cannot close it, but `systemctl stop` (SIGTERM) and Ctrl+C in a terminal can."""
    import signal
    import time

    env = {**os.environ, "NIRAPOD_DATA_DIR": str(tmp_path)}
    (tmp_path / "kiosk.ini").write_text("[kiosk]\npin = 7391\n", encoding="utf-8")  # it refuses the default
    for stop in (signal.SIGTERM, signal.SIGINT):
        (tmp_path / "kiosk-stats.sqlite3").unlink(missing_ok=True)
        kiosk = subprocess.Popen([sys.executable, "-m", "game", "--kiosk", "--size", "1024x600"], cwd=ROOT, env=env,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while not (tmp_path / "kiosk-stats.sqlite3").exists() and time.monotonic() < deadline:
            time.sleep(0.1)  # the kiosk opens its counters once it is up
        time.sleep(0.5)
        assert kiosk.poll() is None, "the kiosk is running"
        kiosk.send_signal(stop)
        assert kiosk.wait(timeout=15) == 0  # it stops at once, and cleanly: its counters are closed


@pytest.mark.parametrize("language", ["bn", "en"])
def test_every_facilitator_note_is_shown_whole_on_the_smallest_screen(make_app, language):
    """Every note appears in full on a 1024x600 laptop, beside the safe answer and the questions,
    at the normal and the largest text size."""
    from game.engine.rules import Action, GameConfig
    from game.ui.scenes.host_notes import HostNotesScene

    app = make_app(language=language)
    cards = sorted(c.id for c in app.session.decks.cards.values() if c.facilitator_note is not None)
    assert len(cards) > 80
    for text_size, card in ((size, app.session.decks.cards[card_id]) for size in (0, 2) for card_id in cards):
        app.set_setting("text_size", text_size)
        game = Game(GameConfig(teams=("A", "B"), card_ids=(card.id,), turns_per_team=1), app.session.decks.cards)
        game.act(Action("draw", team=0))
        app.session.begin(game)
        notes = HostNotesScene(app)
        notes.shown = True  # after the facilitator's second I
        app.flow.reset_to(PlayScene(app), notes)
        assert app.tr.text(card.facilitator_note) in texts_on_screen(app), (card.id, text_size)


def test_a_window_size_event_before_its_window_has_a_picture_stops_nothing(make_app, monkeypatch):
    # Seen once under SDL's dummy driver as a kiosk went full screen: the window had no surface yet.
    app = make_app(mode=KIOSK)
    screen = app.screen

    def no_window():
        raise pygame.error("Invalid window")

    monkeypatch.setattr(pygame.display, "get_surface", no_window)
    pygame.event.post(pygame.event.Event(pygame.WINDOWSIZECHANGED, x=1024, y=600))
    assert app.frame(0.016)  # drawn, on the picture it had
    assert app.screen is screen
    monkeypatch.undo()
    pygame.event.post(pygame.event.Event(pygame.WINDOWSIZECHANGED, x=1024, y=600))
    app.frame(0.016)
    assert app.screen is pygame.display.get_surface()  # the next event finds the window's picture


def test_the_presenter_window_opens_on_the_second_display_or_beside_the_game():
    from game.ui.presenter import PRESENTER_SIZE, presenter_position

    # Two displays: centred on the second, whatever the game's window.
    assert presenter_position(2, pygame.Rect(0, 0, 1366, 768), (1366, 768)) == (0x2FFF0001, 0x2FFF0001)
    # One wide screen: to the right of the game, not over it.
    x, y = presenter_position(1, pygame.Rect(0, 40, 1280, 720), (2560, 1440))
    assert not pygame.Rect((x, y), PRESENTER_SIZE).colliderect(pygame.Rect(0, 40, 1280, 720)) and y == 40
    # A game on the right half: to its left.
    x, _ = presenter_position(1, pygame.Rect(1300, 0, 1200, 700), (2560, 1440))
    assert x + PRESENTER_SIZE[0] <= 1300
    # No room beside it: at the screen's right edge, inside the screen.
    x, _ = presenter_position(1, pygame.Rect(100, 0, 1200, 700), (1366, 768))
    assert x == 1366 - PRESENTER_SIZE[0]


def test_the_presenter_window_opens_with_the_game_in_a_real_window(make_app):
    app = make_app()
    app.open_presenter()  # with the icon and the position worked out above, on SDL's dummy display
    assert app.presenter.window.size == (1024, 640)


def test_the_first_start_on_a_small_screen_is_full_screen():
    from game.ui.app import first_start_fullscreen

    assert first_start_fullscreen(True, None, (1366, 768))
    assert first_start_fullscreen(True, None, (1024, 600))
    assert not first_start_fullscreen(True, None, (1920, 1080))  # room for a window
    assert not first_start_fullscreen(False, None, (1024, 600))  # the teacher's own choice since then
    assert not first_start_fullscreen(True, "1024x600", (1024, 600))  # a size asked for
    assert not first_start_fullscreen(True, None, None)
