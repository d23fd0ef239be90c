"""Damage to every file Nirapod reads or writes, done as a teacher, a cleaning tool or a full disk
would do it, and checked as a user would notice: the exit code, the message, and that no save,
report or count is lost. The command line runs in a subprocess; games run headless via --autoplay."""
from __future__ import annotations

import dataclasses
import errno
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path

import pygame
import pytest

from game.content.decks import bundled_deck_paths, load_decks
from game.engine.game import Game
from game.__main__ import _parser
from game.engine.rules import Action, GameConfig, Phase, Refusal, Role
from game.i18n import Translator
from game.file_messages import storage_message
from game.pin_lock import FIRST_WAIT_SECONDS, FREE_TRIES, PinLock
from game.report import ReportKeeper
from game.resources import DECKS_DIR, FONTS_DIR, LOCALES_DIR
from game.saved_game import Unfit, crash_advice, restore_game
from game.settings import DEFAULT_SETTINGS, clean_settings
from game.stats import STATS_FILE, Stats
from game.storage import Document, Storage, StorageNotice, StorageProblem
from game.ui import app as app_module
from game.ui.layout import TEXT_SCALES
from game.ui.modes import CLASSROOM, FACILITATOR, KIOSK
from game.ui.report_page import page_drawer
from game.ui.scenes.play import PlayScene
from game.ui.text import TextRenderer
from tests import unprivileged
from tests.ui.test_modes import make_app  # noqa: F401 (the fixture: an app in a mode, headless)

ROOT = Path(__file__).resolve().parents[1]


# ---- helpers -----------------------------------------------------------------------------------


def run_nirapod(data_dir: Path, *args: str, unprivileged_user: bool = False, timeout: float = 300, **env_extra):
    """The program as a teacher runs it; `unprivileged_user`: as someone file permissions apply to."""
    env = {**os.environ, "NIRAPOD_DATA_DIR": str(data_dir), "SDL_VIDEODRIVER": "dummy",
           "SDL_AUDIODRIVER": "dummy", **env_extra}
    command = [sys.executable, "-m", "game", *args]
    if unprivileged_user:
        command = unprivileged.prefix() + command
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)


@pytest.fixture
def shared_tmp():
    """A temporary folder an unprivileged user can reach (pytest's own is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="nirapod-robust-"))
    folder.chmod(0o755)
    yield folder
    for inside in [folder, *folder.rglob("*")]:  # a test may have taken write permission away
        if inside.is_dir():
            inside.chmod(0o755)
    shutil.rmtree(folder, ignore_errors=True)


def world_writable(*paths: Path) -> None:
    for path in paths:
        path.chmod(0o777)


@pytest.fixture(scope="module")
def decks():
    return load_decks(bundled_deck_paths(DECKS_DIR))


def played_game(cards, turns: int = 2) -> Game:
    """A workshop part-way through: some cards answered, a card on the table."""
    game = Game(GameConfig(teams=("Red", "Blue"), turns_per_team=4, discussion_seconds=120, red_alert_every=0,
                           seed=7), cards)
    for _ in range(turns):
        for kind in ("draw", "start_discussion", "choose", "reveal", "next"):
            action = next(a for a in game.legal_actions() if a.type == kind)
            if kind == "choose":
                action = dataclasses.replace(action, seconds=40)
            assert game.act(action) is None
    assert game.act(next(a for a in game.legal_actions() if a.type == "draw")) is None
    return game


def write_save(root: Path, data: dict) -> Storage:
    """A save with a backup, as two steps of a real game leave it."""
    storage = Storage(root)
    assert storage.save_game(data) is None
    assert storage.save_game(data) is None
    return storage


# ---- a save that no longer fits the decks is kept, and the teacher is told why -------------------


def test_a_deck_changed_after_saving_keeps_the_save_and_names_deck_and_card(decks, make_app, tmp_path):
    game = played_game(decks.cards)
    card = decks.cards[game.state.results[0].card_id]
    deck = next(d for d in decks.decks if d.id == card.deck_id)
    storage = write_save(tmp_path, {**game.to_json(), "mode": "facilitator"})
    save_bytes, backup_bytes = storage.save_path.read_bytes(), (tmp_path / "save.json.bak").read_bytes()

    # The teacher edits the deck: one capital letter in the card's grade leaves that card out of play.
    edited = tmp_path / "decks" / Path(deck.path).name
    edited.parent.mkdir()
    text = Path(deck.path).read_text(encoding="utf-8")
    card_at = text.index(f"id: {card.id}\n")
    edited.write_text(text[:card_at] + text[card_at:].replace("grade: safe", "grade: Safe", 1), encoding="utf-8")
    paths = [edited if p.name == edited.name else p for p in bundled_deck_paths(DECKS_DIR)]
    app = make_app(mode=CLASSROOM, data_dir=tmp_path)
    app.session._decks = load_decks(paths)
    assert app.session.load_saved_game() == (None, None)
    message = app.notices.texts()[-1]
    assert card.id in message and str(edited) in message and "line" in message
    assert "Fix the deck" in message and "kept as" in message
    # Nothing is lost: the save and its backup stay, and a dated copy survives a new game.
    assert storage.save_path.read_bytes() == save_bytes
    assert (tmp_path / "save.json.bak").read_bytes() == backup_bytes
    [kept] = tmp_path.glob("save.unfit-*.json")
    assert kept.read_bytes() == save_bytes
    assert app.session.load_saved_game() == (None, None)
    assert list(tmp_path.glob("save.unfit-*.json")) == [kept], "the same save is not copied twice"

    # Once the deck is fixed, the workshop goes on where it stopped.
    app.session._decks = decks
    resumed, mode_name = app.session.load_saved_game()
    assert resumed is not None and resumed.state == game.state and mode_name == FACILITATOR.name


@pytest.mark.parametrize("damage, reason, words", [
    (lambda d: d["config"].__setitem__("teams", ["x" * 40, "Blue"]), Unfit.DAMAGED, "config.teams[0]"),
    (lambda d: d["log"].append({"type": "teleport"}), Unfit.DAMAGED, "type"),
    (lambda d: d["state"]["results"][0].__setitem__("points", -3), Unfit.CARD_CHANGED, ""),
    (lambda d: d.__setitem__("format", 2), Unfit.NEWER_VERSION, ""),
    (lambda d: d.__setitem__("format", 0), Unfit.OTHER_VERSION, ""),
    (lambda d: d["config"].__setitem__("discussion_seconds", float("nan")), Unfit.DAMAGED, "discussion_seconds"),
    (lambda d: d["config"].__setitem__("discussion_seconds", 1e308), Unfit.DAMAGED, "discussion_seconds"),
    (lambda d: d["config"].__setitem__("seed", True), Unfit.DAMAGED, "seed"),
    (lambda d: d["config"].__setitem__("discussion_first", "no"), Unfit.DAMAGED, "config.discussion_first"),
    (lambda d: d["log"][0].__setitem__("team", 99), Unfit.DAMAGED, "log[1].team"),
    (lambda d: d.__setitem__("log", "draw"), Unfit.DAMAGED, "log"),
    (lambda d: d["state"].__setitem__("rng", float("inf")), Unfit.DAMAGED, "state.rng"),
])
def test_every_kind_of_unfit_save_is_explained_not_raised(decks, damage, reason, words):
    data = json.loads(json.dumps(played_game(decks.cards).to_json()))
    damage(data)
    game, unfit = restore_game(data, decks)
    assert game is None and unfit.reason is reason and words in unfit.detail


@pytest.mark.parametrize("damage", [
    pytest.param(lambda d: d["config"].__setitem__("discussion_seconds", float("nan")), id="nan-discussion-time"),
    pytest.param(lambda d: d["config"].__setitem__("discussion_seconds", 1e308), id="huge-discussion-time"),
    pytest.param(lambda d: d["config"]["teams"].__setitem__(0, "t" * 30), id="team-name-over-the-limit"),
])
def test_a_damaged_save_does_not_stop_a_resumed_autoplay(decks, tmp_path, damage):
    data = {**played_game(decks.cards).to_json(), "mode": "classroom"}
    damage(data)
    # Python's JSON writer puts NaN in the file as it stands, as a hand edit would.
    (tmp_path / "save.json").write_text(json.dumps({"format": 1, "game": data}), encoding="utf-8")
    original = (tmp_path / "save.json").read_bytes()
    run = run_nirapod(tmp_path, "--resume", "--autoplay", "1", "--seed", "2", "--size", "1024x600")
    assert run.returncode == 0, run.stderr[-2000:]
    assert "Traceback" not in run.stderr
    kept = list(tmp_path.glob("save.unfit-*.json")) + list(tmp_path.glob("save.corrupt-*.json"))
    assert [path.read_bytes() for path in kept] == [original], "the damaged save is kept as it was"


# ---- files that are not files ---------------------------------------------------------------------


def make_not_a_file(path: Path, what: str) -> None:
    if what == "fifo":
        os.mkfifo(path)
    elif what == "dev-zero":
        os.symlink("/dev/zero", path)
    elif what == "folder":
        path.mkdir()
    elif what == "huge":
        with open(path, "wb") as handle:
            handle.truncate(64 * 1024 * 1024)  # sparse: 64 MB of zeros that take no disk


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX pipes and devices")
@pytest.mark.parametrize("what", ["fifo", "dev-zero", "folder", "huge"])
@pytest.mark.parametrize("name", ["save.json", "settings.json"])
def test_a_pipe_device_folder_or_huge_file_in_place_of_a_save_or_settings(decks, tmp_path, name, what):
    storage = write_save(tmp_path, played_game(decks.cards).to_json())
    storage.save_settings({"language": "en"})
    os.unlink(tmp_path / name)
    make_not_a_file(tmp_path / name, what)
    run = run_nirapod(tmp_path, "--resume", "--autoplay", "1", "--seed", "4", "--size", "1024x600", timeout=180)
    assert run.returncode == 0, run.stderr[-2000:]
    assert "Traceback" not in run.stderr and "autoplay: 1 games" in run.stdout


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX pipes and devices")
@pytest.mark.parametrize("what", ["fifo", "dev-zero"])
def test_a_save_that_is_not_a_file_is_restored_from_its_backup_and_said_so(decks, tmp_path, what):
    game = played_game(decks.cards)
    storage = write_save(tmp_path, game.to_json())
    os.unlink(storage.save_path)
    make_not_a_file(storage.save_path, what)
    data, notice = storage.load_game()
    assert Game.from_json(data, decks.cards).state == game.state
    assert notice.problem is StorageProblem.NOT_A_FILE and notice.recovered_from_backup
    message = storage_message(Translator(LOCALES_DIR, "en"), notice)
    assert "restored from its backup" in message and "new game" not in message
    # The next save does not make the pipe or the link its backup: the good backup stays.
    assert storage.save_game(game.to_json()) is None
    assert json.loads((tmp_path / "save.json.bak").read_text())["game"] == game.to_json()


def test_a_damaged_save_restored_from_its_backup_says_the_game_goes_on():
    en = Translator(LOCALES_DIR, "en")
    notice_args = dict(problem=StorageProblem.CORRUPT, path=Path("save.json"), detail="x")
    restored = storage_message(en, StorageNotice(**notice_args, recovered_from_backup=True, document=Document.GAME))
    lost = storage_message(en, StorageNotice(**notice_args, document=Document.GAME))
    assert "restored from its backup" in restored and "a new game starts" not in restored
    assert "a new game starts" in lost


# ---- settings.json --------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ['"big"', "null", "1e400", "-1", "7", "true", "2.0", "[1]"])
def test_settings_with_a_wrong_text_size_start_with_a_notice(tmp_path, value):
    tmp_path.mkdir(exist_ok=True)
    (tmp_path / "settings.json").write_text(
        '{"format": 1, "settings": {"language": "en", "text_size": %s, "sound": false}}' % value, encoding="utf-8")
    storage = Storage(tmp_path)
    raw, notice = storage.load_settings()
    settings, problems = clean_settings(raw)
    assert settings["text_size"] == DEFAULT_SETTINGS["text_size"]
    if value == "1e400":  # not a number JSON can carry: the file is set aside and reported as settings
        assert notice.document is Document.SETTINGS
        message = storage_message(Translator(LOCALES_DIR, "en"), notice)
        assert message.startswith("The settings file") and "saved game" not in message
    else:
        assert settings["language"] == "en" and settings["sound"] is False
        assert [problem.key for problem in problems] == ["text_size"]


def test_the_settings_check_knows_every_text_size():
    assert clean_settings({"text_size": len(TEXT_SCALES) - 1})[1] == []
    assert clean_settings({"text_size": len(TEXT_SCALES)})[1] != []


@pytest.mark.parametrize("value", ['"big"', "null", "1e400"])
def test_a_game_starts_whatever_text_size_settings_json_holds(tmp_path, value):
    tmp_path.mkdir(exist_ok=True)
    (tmp_path / "settings.json").write_text('{"format": 1, "settings": {"text_size": %s}}' % value, encoding="utf-8")
    run = run_nirapod(tmp_path, "--autoplay", "1", "--seed", "3", "--size", "1024x600")
    assert run.returncode == 0, run.stderr[-2000:]
    assert "Traceback" not in run.stderr
    assert not (tmp_path / "error.log").exists()


# ---- unexpected errors: a log, and no advice that leads into the same error -------------------------


def test_an_error_while_continuing_a_save_sets_that_save_aside(decks, tmp_path):
    storage = write_save(tmp_path, played_game(decks.cards).to_json())
    original = storage.save_path.read_bytes()
    resumed = storage.save_digest()
    advice = " ".join(crash_advice(storage, resumed))
    assert "press Continue" not in advice and "start a new game" in advice
    [kept] = tmp_path.glob("save.stopped-*.json")
    assert kept.read_bytes() == original and not storage.has_save()


def test_an_error_after_the_game_moved_on_advises_continue(decks, tmp_path):
    storage = write_save(tmp_path, played_game(decks.cards).to_json())
    resumed = storage.save_digest()
    storage.save_game(played_game(decks.cards, turns=3).to_json())  # a step was played since
    assert "press Continue" in " ".join(crash_advice(storage, resumed))
    assert storage.has_save() and not list(tmp_path.glob("save.stopped-*"))


def test_an_error_at_start_up_goes_to_the_error_log(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("NIRAPOD_DATA_DIR", str(tmp_path))
    monkeypatch.setattr(app_module, "read_settings", lambda storage: 1 / 0)  # any bug before the window opens
    assert app_module.run_game(_parser().parse_args([])) == 1
    assert "ZeroDivisionError" in (tmp_path / "error.log").read_text(encoding="utf-8")
    err = capsys.readouterr().err
    assert "Traceback" not in err and str(tmp_path / "error.log") in err


# ---- the workshop report on a full disk or a read-only folder -------------------------------------------


def test_a_report_refused_by_a_full_disk_is_kept_and_written_on_the_next_try(decks, tmp_path, monkeypatch):
    game = played_game(decks.cards, turns=3)
    keeper = ReportKeeper(tmp_path)
    real_fsync = os.fsync

    def disk_full(descriptor):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    files, notice = keeper.save(game, Translator(LOCALES_DIR, "en"), page_drawer(TextRenderer(FONTS_DIR)),
                                datetime(2025, 5, 1, 10, 0, 0), started=datetime(2025, 5, 1, 9, 15))
    assert files is None and notice.problem is StorageProblem.DISK_FULL and notice.document is Document.REPORT
    assert "free some space" in storage_message(Translator(LOCALES_DIR, "en"), notice)
    assert len(keeper.waiting()) == 2 and not list((tmp_path / "reports").glob("*.csv"))
    saved, notice = keeper.retry()  # still full: still kept
    assert saved == [] and notice is not None and len(keeper.waiting()) == 2

    monkeypatch.setattr(os, "fsync", real_fsync)
    saved, notice = keeper.retry()
    assert notice is None and keeper.waiting() == []
    assert sorted(path.suffix for path in saved) == [".csv", ".png"]
    csv_text = saved[0].read_bytes().decode("utf-8-sig") if saved[0].suffix == ".csv" else \
        saved[1].read_bytes().decode("utf-8-sig")
    assert "2025-05-01,09:15,45," in csv_text


def test_a_workshop_whose_report_folder_is_read_only_keeps_its_report(shared_tmp):
    data, spare = shared_tmp / "data", shared_tmp / "spare"
    (data / "reports").mkdir(parents=True)
    spare.mkdir()
    world_writable(shared_tmp, data, spare)
    (data / "reports").chmod(0o555)  # the unprivileged player cannot write the reports there
    run = run_nirapod(data, "--facilitator", "--autoplay", "1", "--seed", "5", "--size", "1024x600",
                      unprivileged_user=True, HOME="/nonexistent", TMPDIR=str(spare))
    assert run.returncode == 0, run.stderr[-2000:]
    assert "Traceback" not in run.stderr
    assert "saved as" in run.stderr and str(spare) in run.stderr
    rescued = sorted(path.suffix for path in spare.glob("nirapod-session-*"))
    assert rescued == [".csv", ".png"]


def test_a_read_only_data_folder_still_plays_a_whole_game(shared_tmp):
    data = shared_tmp / "data"
    data.mkdir()
    (data / "settings.json").write_text('{"format": 1, "settings": {"language": "en"}}', encoding="utf-8")
    (data / "settings.json").chmod(0o444)
    data.chmod(0o555)  # the player may read, not write, whoever owns the folder
    shared_tmp.chmod(0o755)
    run = run_nirapod(data, "--autoplay", "1", "--seed", "6", "--size", "1024x600", unprivileged_user=True)
    assert run.returncode == 0, run.stderr[-2000:]
    assert "Traceback" not in run.stderr and "autoplay: 1 games" in run.stdout


# ---- the kiosk -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("pin_lines, words", [
    ("pin =\n", 'pin must be 4 to 8 digits (found "")'),
    ('pin = "7391"\n', "pin must be 4 to 8 digits"),
    ("pin = 123456789\n", "pin must be 4 to 8 digits"),
    ("pin = 7391\npin = 8462\n", "set more than once"),
    ("pin = 12a4\n", "pin must be 4 to 8 digits"),
    ("pin = 2468\n", "the PIN is still the default 2468"),
    ("language = en\n", "the PIN is still the default 2468"),
])
def test_a_kiosk_with_a_bad_or_default_pin_does_not_start(tmp_path, pin_lines, words):
    tmp_path.mkdir(exist_ok=True)
    (tmp_path / "kiosk.ini").write_text("[kiosk]\n" + pin_lines, encoding="utf-8")
    run = run_nirapod(tmp_path, "--kiosk", "--size", "1024x600", timeout=60)
    assert run.returncode == 78  # a configuration error: the launchers do not start it again
    assert words in run.stderr and f"{tmp_path / 'kiosk.ini'}" in run.stderr
    assert "Traceback" not in run.stderr
    assert not (tmp_path / STATS_FILE).exists(), "it stopped before opening a window or the counters"


def test_a_pin_the_console_cannot_show_is_reported_not_raised(tmp_path):
    tmp_path.mkdir(exist_ok=True)
    (tmp_path / "kiosk.ini").write_text("[kiosk]\npin = ৭৩৯১x\n", encoding="utf-8")
    run = run_nirapod(tmp_path, "--kiosk", "--size", "1024x600", timeout=60, PYTHONIOENCODING="ascii")
    assert run.returncode == 78 and "UnicodeEncodeError" not in run.stderr
    assert "pin must be 4 to 8 digits" in run.stderr


def test_autoplay_may_run_a_kiosk_with_the_default_pin(tmp_path):
    run = run_nirapod(tmp_path, "--kiosk", "--autoplay", "3", "--seed", "1", "--size", "1024x600")
    assert run.returncode == 0, run.stderr[-2000:]
    assert "kiosk autoplay: 3 visitor sessions" in run.stdout


def test_the_pin_wait_grows_and_only_the_right_pin_ends_it():
    now = [0.0]
    lock = PinLock("7391", clock=lambda: now[0])
    for _ in range(FREE_TRIES - 1):
        assert not lock.try_pin("0000") and lock.wait_left() == 0
    assert not lock.try_pin("0000")
    assert lock.wait_left() == FIRST_WAIT_SECONDS
    assert not lock.try_pin("7391"), "while the wait runs even the right PIN does not count"
    now[0] += FIRST_WAIT_SECONDS
    assert not lock.try_pin("1111") and lock.wait_left() == 2 * FIRST_WAIT_SECONDS
    now[0] += 2 * FIRST_WAIT_SECONDS
    assert not lock.try_pin("১২৩৪ü")  # any text at all, never an encoding error
    now[0] += lock.wait_left()
    assert lock.try_pin("7391") and lock.wrong_tries == 0


def test_esc_on_the_pin_pad_is_not_a_wrong_try_and_reopening_keeps_the_wait(make_app, tmp_path):
    (tmp_path / "kiosk.ini").write_text("[kiosk]\npin = 7391\n", encoding="utf-8")
    app = make_app(mode=KIOSK)

    def key(code, mod=0):
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=code, mod=mod, unicode="", scancode=0))
        app.frame(0.016)

    def type_pin(pin):
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=pin))
        key(pygame.K_RETURN)

    key(pygame.K_q, pygame.KMOD_CTRL | pygame.KMOD_SHIFT)
    assert app.scene.name == "staff_pin"
    for _ in range(5):
        key(pygame.K_ESCAPE)
        assert app.scene.name != "staff_pin"
        key(pygame.K_q, pygame.KMOD_CTRL | pygame.KMOD_SHIFT)
    assert app.policy.pin_lock.wrong_tries == 0
    for _ in range(FREE_TRIES):
        type_pin("0000")
    assert app.policy.pin_lock.wait_left() > 0
    key(pygame.K_ESCAPE)
    key(pygame.K_q, pygame.KMOD_CTRL | pygame.KMOD_SHIFT)
    type_pin("7391")
    assert app.running, "the wait is still on after the pad was closed and opened again"
    app.policy.pin_lock._locked_until = 0.0  # the wait has passed
    type_pin("7391")
    assert not app.running


def test_the_click_that_answers_still_there_presses_nothing_else(make_app, tmp_path):
    app = make_app(mode=KIOSK)
    for name in ("play-en", "start"):  # a visitor starts a round
        app.frame(0.016)
        button = app.scene.button(name)
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=button.rect.center, touch=False))
        app.frame(0.016)
    assert app.scene.name == "play"
    app.frame(0.016)
    app.frame(app.policy.config.idle_seconds + 1)
    assert app.policy.countdown_left is not None
    choice = next(b for b in app.scene.buttons if b.name.startswith("choice"))
    phase = app.game.state.phase
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=choice.rect.center, rel=(3, 3), buttons=(0, 0, 0),
                                         touch=False))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=choice.rect.center, touch=False))
    app.frame(0.016)
    assert app.policy.countdown_left is None and app.game.state.phase is phase


def test_a_minimised_kiosk_is_drawn_again(make_app):
    app = make_app(mode=KIOSK)
    app.frame(0.016)
    for event in (pygame.WINDOWMINIMIZED, pygame.WINDOWRESTORED, pygame.WINDOWFOCUSGAINED):
        pygame.event.post(pygame.event.Event(event))
        assert app.frame(0.016), "a new picture after each"


# ---- the counters -------------------------------------------------------------------------------------


def test_counters_locked_at_start_up_count_every_visit_once_free(tmp_path, monkeypatch):
    Stats.open(tmp_path)[0].close()
    holder = sqlite3.connect(tmp_path / STATS_FILE, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    stats, notice = Stats.open(tmp_path)
    assert notice is not None and "locked" in notice.message and stats.counting
    for _ in range(3):
        session = stats.start_session("bn")
        stats.record_answer(session, "grooming-gifts", "scenario", "grooming", "2", "safe")
        stats.end_session(session, True, 30, "bn")
    holder.execute("ROLLBACK")
    holder.close()
    stats._next_open_try = 0.0  # the next retry is due
    session = stats.start_session("en")
    stats.end_session(session, True, 30, "en")
    stats.close()
    stats, notice = Stats.open(tmp_path)
    assert notice is None
    assert stats.summary()["sessions_started"] == 4 and stats.summary()["answers"] == 3
    stats.close()


def test_counts_refused_by_a_lock_mid_day_are_written_later(tmp_path):
    stats, _ = Stats.open(tmp_path)
    holder = sqlite3.connect(tmp_path / STATS_FILE, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    session = stats.start_session("bn")
    stats.record_answer(session, "grooming-gifts", "scenario", "grooming", "1", "safe")
    holder.execute("ROLLBACK")
    holder.close()
    stats.end_session(session, True, 12, "bn")
    rows = stats.session_rows()
    stats.close()
    assert len(rows) == 1 and rows[0]["completed"] and rows[0]["answers"] == 1


def test_stats_reads_a_read_only_database_and_changes_nothing(shared_tmp):
    data = shared_tmp / "data"
    data.mkdir()
    stats, _ = Stats.open(data)
    session = stats.start_session("bn")
    stats.record_answer(session, "grooming-gifts", "scenario", "grooming", "3", "safe")
    stats.end_session(session, True, 45, "bn")
    stats.close()
    before = {path.name: path.read_bytes() for path in data.iterdir()}
    for path in data.iterdir():
        path.chmod(0o444)
    data.chmod(0o555)  # the command may read, not write, whoever owns the folder
    shared_tmp.chmod(0o755)
    run = run_nirapod(data, "stats", "--csv", unprivileged_user=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines()[1] == "grooming-gifts,scenario,grooming,3,safe,1"  # choice 3, as on screen
    assert {path.name: path.read_bytes() for path in data.iterdir()} == before


def test_stats_beside_hand_edited_counts_reports_what_it_can(tmp_path):
    stats, _ = Stats.open(tmp_path)
    session = stats.start_session("en")
    stats.record_answer(session, "grooming-gifts", "scenario", "grooming", "1", "safe")
    stats.record_answer(session, "bully-fake-profile", "scenario", "cyberbullying", "2", "risky")
    stats.end_session(session, True, 45, "en")
    stats.close()
    with closing(sqlite3.connect(tmp_path / STATS_FILE)) as raw, raw:
        raw.execute("UPDATE card_answers SET answers = 'many' WHERE card_id = 'grooming-gifts'")
        raw.execute("UPDATE sessions SET seconds = 'long'")
    for args in (["stats"], ["stats", "--csv"], ["stats", "--csv", "--sessions"]):
        run = run_nirapod(tmp_path, *args, timeout=60)
        assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr
    assert "bully-fake-profile" in run_nirapod(tmp_path, "stats", timeout=60).stdout


def test_stats_never_moves_a_live_database_aside(tmp_path):
    stats, _ = Stats.open(tmp_path)  # the kiosk is running
    stats.start_session("bn")
    (tmp_path / STATS_FILE).with_name(STATS_FILE + "-wal").write_bytes(b"\0" * 100)  # a log it cannot read
    run = run_nirapod(tmp_path, "stats", timeout=60)
    assert "Traceback" not in run.stderr
    assert not list(tmp_path.glob("*corrupt*"))
    stats.close()


# ---- the report command ------------------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX pipes")
def test_report_csv_on_a_pipe_in_place_of_the_report_does_not_hang(tmp_path):
    (tmp_path / "reports").mkdir(parents=True)
    os.mkfifo(tmp_path / "reports" / "session-20250101-100000.csv")
    run = run_nirapod(tmp_path, "report", "--csv", timeout=60)
    assert run.returncode == 1 and "could not be read" in run.stderr


def test_report_csv_to_standard_output_has_the_byte_order_mark(decks, tmp_path):
    game = played_game(decks.cards)
    files, _ = ReportKeeper(tmp_path).save(game, Translator(LOCALES_DIR, "bn"), page_drawer(TextRenderer(FONTS_DIR)),
                                           datetime(2025, 1, 1, 10, 0, 0))
    env = {**os.environ, "NIRAPOD_DATA_DIR": str(tmp_path)}
    out = subprocess.run([sys.executable, "-m", "game", "report", "--csv"], cwd=ROOT, env=env,
                         capture_output=True, timeout=60).stdout
    assert out == files.csv.read_bytes()


# ---- the discussion time in the report ---------------------------------------------------------------


def test_the_report_has_the_real_discussion_time_and_none_for_a_clock_never_started(make_app):
    app = make_app(mode=FACILITATOR)
    app.session.begin(Game(GameConfig(teams=("A", "B"), turns_per_team=1, discussion_seconds=60,
                                      red_alert_every=0), app.session.decks.cards))
    app.flow.push(PlayScene(app))
    play = app.scene
    play.draw_card(Role.FACILITATOR)
    play.host("timer")  # start the clock
    for _ in range(90):  # a minute and a half: past the set time of one minute
        play.update(1.0)
    play.host("timer")  # pause
    play.update(30.0)  # paused time does not count
    play.host("timer")
    play.update(5.0)
    play.choose(0, Role.STUDENT)
    assert app.game.state.phase is Phase.CHOSEN
    play.act(Action("reveal"))
    assert app.game.state.results[-1].seconds == 95
    play.act(Action("next"))
    play.draw_card(Role.FACILITATOR)
    play.choose(0, Role.STUDENT)  # the clock was never started
    play.act(Action("reveal"))
    assert app.game.state.results[-1].seconds is None


# ---- ending the program from outside --------------------------------------------------------------


@pytest.mark.skipif(os.name != "posix", reason="POSIX signals")
@pytest.mark.parametrize("signal_name", ["SIGTERM", "SIGINT"])
def test_a_shutdown_or_ctrl_c_mid_game_ends_at_once_and_keeps_the_game(tmp_path, decks, signal_name):
    """The close button asks "Close Nirapod?" during a game; a shutdown or Ctrl+C must not wait for an answer."""
    import signal
    import time

    game = played_game(decks.cards)
    write_save(tmp_path, game.to_json())
    env = {**os.environ, "NIRAPOD_DATA_DIR": str(tmp_path), "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    process = subprocess.Popen([sys.executable, "-m", "game", "--resume", "--size", "1024x600"], cwd=ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        time.sleep(5)  # well past start-up: the game is on the table
        assert process.poll() is None, process.stderr.read()
        process.send_signal(getattr(signal, signal_name))
        _, stderr = process.communicate(timeout=20)
    finally:
        process.kill()
    assert process.returncode == 0, stderr
    assert "Traceback" not in stderr
    data, notice = Storage(tmp_path).load_game()
    assert notice is None and Game.from_json(data, decks.cards).state == game.state


# ---- saves from before a rule was written down ----------------------------------------------------


@pytest.mark.parametrize("mode, hosted", [("facilitator", True), ("classroom", False)])
def test_a_save_from_before_the_hosted_rule_goes_on_by_its_modes_rules(decks, mode, hosted):
    """Workshops saved before the config said who runs the game still open answers only with the clock."""
    game = Game(GameConfig(teams=("Red", "Blue"), turns_per_team=2, seed=3, hosted=hosted), decks.cards)
    for kind in ("draw", "start_discussion", "choose", "reveal", "next", "draw"):
        assert game.act(next(a for a in game.legal_actions() if a.type == kind)) is None
    data = {**game.to_json(), "mode": mode}
    del data["config"]["hosted"]  # as an older version wrote it
    restored, unfit = restore_game(data, decks)
    assert unfit is None and restored.state == game.state
    assert restored.config.hosted is hosted
    refusal = restored.act(Action("choose", team=restored.state.team, answer=0, by=Role.STUDENT))
    assert (refusal is Refusal.ANSWERS_NOT_OPEN) is hosted


# ==== round 3: a shared school PC ===================================================================
# ---- commands whose output cannot be written, and arguments that would run for ever ----------------


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="/dev/full, a disk that is always full")
@pytest.mark.parametrize("command", [["validate"], ["simulate", "--seed", "1"], ["stats", "--csv"], ["report"],
                                     ["catalogs", "--check"]])
def test_a_command_writing_to_a_full_disk_says_so_without_a_traceback(tmp_path, command):
    with open("/dev/full", "w") as full:
        env = {**os.environ, "NIRAPOD_DATA_DIR": str(tmp_path), "SDL_VIDEODRIVER": "dummy"}
        run = subprocess.run([sys.executable, "-m", "game", *command], cwd=ROOT, env=env, stdout=full,
                             stderr=subprocess.PIPE, text=True, timeout=300)
    assert run.returncode != 0
    assert "Traceback" not in run.stderr and "Exception ignored" not in run.stderr
    assert "/dev/full" in run.stderr and "the disk is full" in run.stderr


@pytest.mark.parametrize("games", ["0", "-3"])
def test_autoplay_of_no_games_is_refused_at_once(tmp_path, games):
    run = run_nirapod(tmp_path, "--autoplay", games, timeout=60)
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert "--autoplay plays 1 or more whole games" in run.stderr


# ---- deck folders holding links and pipes ---------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX links and pipes")
def test_validate_names_looping_and_dangling_links_and_pipes_in_a_deck_folder(tmp_path):
    folder = tmp_path / "decks"
    folder.mkdir()
    shutil.copy(bundled_deck_paths(DECKS_DIR)[0], folder / "good.yaml")
    os.symlink("loop.yaml", folder / "loop.yaml")
    os.symlink(folder / "gone.yaml", folder / "dangling.yaml")
    os.mkfifo(folder / "pipe.yaml")
    run = run_nirapod(tmp_path, "validate", str(folder), timeout=120)
    assert "Traceback" not in run.stderr and run.returncode == 1
    lines = run.stdout.splitlines()
    assert any("loop.yaml:1:1" in line and "loop" in line.split(":1:1:")[1] for line in lines), run.stdout
    assert any("dangling.yaml:1:1" in line and "does not exist" in line for line in lines), run.stdout
    assert any("pipe.yaml:1:1" in line and "pipe" in line.split(":1:1:")[1] for line in lines), run.stdout
    assert "of 4 deck files" in lines[-1], "each is counted as a deck file with a problem"


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="links")
def test_validate_of_a_link_that_loops_is_a_problem_not_a_traceback(tmp_path):
    os.symlink("me.yaml", tmp_path / "me.yaml")
    run = run_nirapod(tmp_path, "validate", str(tmp_path / "me.yaml"), timeout=120)
    assert "Traceback" not in run.stderr and run.returncode == 1
    assert "me.yaml:1:1: this is a link that leads back to itself" in run.stdout


@pytest.mark.parametrize("kilobytes, decks_needed", [(300, 2), (2048, 8), (2100, 9), (5000, 20)])
def test_a_deck_too_large_says_how_many_decks_it_needs(tmp_path, kilobytes, decks_needed):
    deck = tmp_path / "big.yaml"
    deck.write_bytes(b"# " + b"x" * (kilobytes * 1024 - 3) + b"\n")
    [problem] = load_decks([deck]).problems
    assert f"Split it into {decks_needed} decks" in problem.message


# ---- two games on one save ------------------------------------------------------------------------

HOLD_THE_LOCK = """
import pathlib, sys, time
from game.instance_lock import InstanceLock
lock = InstanceLock(pathlib.Path(sys.argv[1]))
lock.acquire()
print("held", flush=True)
time.sleep(120)
"""


def test_a_second_game_on_the_same_data_folder_stops_and_touches_nothing(decks, tmp_path):
    storage = write_save(tmp_path, {**played_game(decks.cards).to_json(), "mode": "classroom"})
    before = {path.name: path.read_bytes() for path in tmp_path.iterdir()}
    first = subprocess.Popen([sys.executable, "-c", HOLD_THE_LOCK, str(tmp_path)], cwd=ROOT, stdout=subprocess.PIPE,
                             text=True)
    try:
        assert first.stdout.readline().strip() == "held"
        for args in (["--resume", "--autoplay", "1"], ["--autoplay", "1"], ["--kiosk", "--autoplay", "1"]):
            run = run_nirapod(tmp_path, *args, "--seed", "1", "--size", "1024x600", timeout=120)
            assert run.returncode == 75, run.stderr[-2000:]
            assert "Traceback" not in run.stderr
            assert f"Nirapod is already open on this computer (process {first.pid})" in run.stderr
            assert str(tmp_path) in run.stderr
            after = {path.name: path.read_bytes() for path in tmp_path.iterdir() if path.name != "nirapod.lock"}
            assert after == before, "the second game changed the first one's files"
    finally:
        first.kill()
        first.wait()
    assert storage.load_game()[0] is not None


def test_a_lock_left_by_a_game_that_died_does_not_stop_the_next(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    (tmp_path / "nirapod.lock").write_bytes(b"\0" * 16 + dead.stdout.encode())
    run = run_nirapod(tmp_path, "--autoplay", "1", "--seed", "1", "--size", "1024x600", timeout=180)
    assert run.returncode == 0, run.stderr[-2000:]
    assert "autoplay: 1 games" in run.stdout and "already open" not in run.stderr


# ---- a folder where a backup belongs; a save from a newer version; a damaged save moved aside --------


@pytest.mark.parametrize("name", ["save.json", "settings.json"])
def test_a_folder_where_the_backup_belongs_is_named_and_saving_still_works(decks, tmp_path, name):
    storage = Storage(tmp_path)
    (tmp_path / f"{name}.bak").mkdir()
    save = storage.save_game if name == "save.json" else storage.save_settings
    first, second = ({"language": "en"}, {"language": "bn"}) if name == "settings.json" else (
        played_game(decks.cards, 1).to_json(), played_game(decks.cards, 2).to_json())
    assert save(first) is None, "nothing to back up yet"
    notice = save(second)
    assert notice.problem is StorageProblem.NO_BACKUP and notice.path == tmp_path / f"{name}.bak"
    message = storage_message(Translator(LOCALES_DIR, "en"), notice)
    assert f"{tmp_path / name}.bak is a folder" in message and "permission" not in message.lower()
    loaded = storage.load_game()[0] if name == "save.json" else storage.load_settings()[0]
    assert loaded == second, "the save itself was written"


def test_a_whole_game_plays_with_a_folder_where_the_backup_belongs(tmp_path):
    (tmp_path / "save.json.bak").mkdir()
    run = run_nirapod(tmp_path, "--autoplay", "1", "--seed", "3", "--size", "1024x600", timeout=180)
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr[-2000:]


def test_a_save_from_a_newer_version_is_kept_as_it_is_and_said_so(decks, tmp_path, make_app):
    data = {"format": 2, "game": {"what": "a newer version's game"}}
    raw = json.dumps(data).encode()
    (tmp_path / "save.json").write_bytes(raw)
    app = make_app(mode=CLASSROOM, data_dir=tmp_path)
    assert app.session.load_saved_game() == (None, None)
    message = app.notices.texts()[-1]
    assert "newer version" in message and "damaged" not in message and str(tmp_path / "save.json") in message
    assert (tmp_path / "save.json").read_bytes() == raw, "kept as it is, where it is"
    [copy] = tmp_path.glob("save.newer-*.json")
    assert copy.read_bytes() == raw and str(copy) in message
    assert Storage(tmp_path).load_game()[1].kept_as == copy, "the same file is copied once, not at every start"
    assert list(tmp_path.glob("save.newer-*.json")) == [copy]
    assert not list(tmp_path.glob("*corrupt*"))
    # This version's new game overwrites save.json in the end; the copy stays for the newer version.
    storage = Storage(tmp_path)
    for turns in (1, 2, 3):
        assert storage.save_game(played_game(decks.cards, turns).to_json()) is None
    assert copy.read_bytes() == raw


def test_a_game_inside_the_save_from_a_newer_version_says_so(decks, make_app, tmp_path):
    write_save(tmp_path, {**played_game(decks.cards).to_json(), "format": 99})
    app = make_app(mode=CLASSROOM, data_dir=tmp_path)
    assert app.session.load_saved_game() == (None, None)
    message = app.notices.texts()[-1]
    assert "newer version of Nirapod" in message and "kept as" in message


@pytest.mark.parametrize("name, words", [("save.json", "The saved game could not be read"),
                                         ("settings.json", "The settings file could not be read")])
def test_a_damaged_file_moved_aside_is_named_where_it_now_is(tmp_path, name, words):
    (tmp_path / name).write_bytes(b"{ not json")
    storage = Storage(tmp_path)
    notice = storage.load_game()[1] if name == "save.json" else storage.load_settings()[1]
    [moved] = tmp_path.glob(f"{name.split('.')[0]}.corrupt-*.json")
    message = storage_message(Translator(LOCALES_DIR, "en"), notice)
    assert words in message and str(moved) in message
    assert f"{tmp_path / name}" not in message.replace(str(moved), "")


# ---- a file where a folder belongs ---------------------------------------------------------------


def test_a_file_named_reports_is_named_not_called_a_full_disk(decks, tmp_path):
    (tmp_path / "reports").write_text("a note a teacher saved here")
    keeper = ReportKeeper(tmp_path)
    files, notice = keeper.save(played_game(decks.cards), Translator(LOCALES_DIR, "en"), None, datetime(2026, 3, 1))
    assert files is None and notice.problem is StorageProblem.NOT_A_FOLDER
    message = storage_message(Translator(LOCALES_DIR, "en"), notice)
    assert f"{tmp_path / 'reports'} is a file where Nirapod needs a folder" in message
    assert "full" not in message and (tmp_path / "reports").read_text() == "a note a teacher saved here"


# ---- files that would make the game wait for ever ----------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX pipes")
def test_a_pipe_where_error_log_belongs_never_blocks_a_crash_report(tmp_path):
    import threading

    os.mkfifo(tmp_path / "error.log")
    written = []
    worker = threading.Thread(target=lambda: written.append(Storage(tmp_path).log_error(ValueError("x"))),
                              daemon=True)
    worker.start()
    worker.join(10)
    assert not worker.is_alive(), "writing the error log waited on a pipe"
    assert written == [None]


# ---- what cannot be drawn: a NUL or half an emoji in a team name, a folder name in another encoding --


BAD_NAMES = ["Ti\x00gers", "Tigers\ud83d", "\udce9Tigers", "Ti\x1bgers"]


@pytest.mark.parametrize("name", BAD_NAMES)
def test_a_remembered_team_name_that_cannot_be_drawn_is_refused(name):
    settings, problems = clean_settings({"team_names": [name, ""]})
    assert settings["team_names"] == [] and [p.key for p in problems] == ["team_names"]


@pytest.mark.parametrize("name", BAD_NAMES)
def test_a_saved_team_name_that_cannot_be_drawn_is_cleaned_and_the_game_goes_on(decks, make_app, tmp_path, name):
    data = played_game(decks.cards).to_json()
    data["config"]["teams"] = [name, "Blue"]
    (tmp_path / "save.json").write_text(json.dumps({"format": 1, "game": {**data, "mode": "classroom"}}),
                                        encoding="utf-8")
    app = make_app(mode=CLASSROOM, data_dir=tmp_path)
    game, _ = app.session.load_saved_game()
    assert game is not None and game.config.teams == ("Tigers", "Blue")
    app.flow.continue_game(game)
    app.frame(0.1)
    assert Storage(tmp_path).load_game()[0]["config"]["teams"] == ["Tigers", "Blue"]


def test_a_team_name_typed_with_a_nul_or_a_control_keeps_only_what_can_be_drawn(make_app, tmp_path):
    app = make_app(mode=CLASSROOM, data_dir=tmp_path)
    app.flow.to_setup()
    app.frame(0.1)
    button = app.scene.button("team-0")
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=button.rect.center, button=1, touch=False))
    app.frame(0.1)
    for text in ("Ti", "\x00", "g\x1b", "ers"):
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=text))
    app.frame(0.1)
    assert app.scene.button("team-0").label == "Tigers|"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file names are bytes")
@pytest.mark.parametrize("mode", ["--facilitator", "--kiosk"])
def test_a_data_folder_whose_name_is_not_utf8_never_crashes_a_screen(tmp_path, mode):
    data = Path(os.fsdecode(bytes(tmp_path) + b"/caf\xe9-\xff"))
    run = run_nirapod(data, mode, "--autoplay", "2", "--seed", "5", "--size", "1024x600", "--lang", "bn",
                      timeout=300)
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr[-3000:]
    if mode == "--facilitator":
        assert len(list((data / "reports").glob("*.csv"))) == 2


# ---- damaged translation catalogs -----------------------------------------------------------------


def catalogs_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "locales"
    shutil.copytree(LOCALES_DIR, copy, ignore=shutil.ignore_patterns("*.po", "*.pot", "templates"))
    return copy


@pytest.mark.parametrize("damage", [
    pytest.param(lambda data: b"", id="0-byte"),
    pytest.param(lambda data: data[:3], id="cut-in-the-header"),
    pytest.param(lambda data: data[: len(data) // 2], id="cut-in-half"),
    pytest.param(lambda data: b"\x95\x04\x12\xde" + b"\xff" * 40, id="header-pointing-nowhere"),
])
def test_a_damaged_catalog_shows_english_and_says_which_file(tmp_path, make_app, monkeypatch, damage):
    locales = catalogs_copy(tmp_path)
    mo = locales / "bn" / "LC_MESSAGES" / "nirapod.mo"
    mo.write_bytes(damage(mo.read_bytes()))
    monkeypatch.setattr("game.session.LOCALES_DIR", locales)
    app = make_app(mode=CLASSROOM, language="bn", data_dir=tmp_path)
    for _ in range(3):
        app.frame(0.1)
    assert app.tr._("Team {number}") == "Team {number}", "the UI's own words fall back to English"
    card = next(iter(load_decks(bundled_deck_paths(DECKS_DIR)).cards.values()))
    text = card.prompt or card.statement
    assert app.tr.text(text) != text.source, "the decks' own catalogs still show Bangla"
    assert any(str(mo) in text and "English" in text for text in app.notices.texts()), app.notices.texts()


def test_a_translated_placeholder_shows_english_for_that_text_only(tmp_path, make_app, monkeypatch):
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    locales = catalogs_copy(tmp_path)
    with open(LOCALES_DIR / "bn" / "LC_MESSAGES" / "nirapod.po", "rb") as handle:
        catalog = read_po(handle)
    catalog["Team {number}"].string = "দল {পালা}"
    catalog["Play"].string = "খেলো {"
    with open(locales / "bn" / "LC_MESSAGES" / "nirapod.mo", "wb") as handle:
        write_mo(handle, catalog)
    monkeypatch.setattr("game.session.LOCALES_DIR", locales)
    app = make_app(mode=CLASSROOM, language="bn", data_dir=tmp_path)
    tr = app.tr
    assert tr.format(tr._("Team {number}"), number=2) == "Team ২", "English for that string, in Bangla digits"
    assert tr._("Play") == "Play"
    assert tr._("Settings") != "Settings", "every other string is still in Bangla"
    app.flow.to_setup()  # the setup draws every team's default name
    for _ in range(3):
        app.frame(0.1)
    told = " ".join(app.notices.texts())
    assert "{পালা}" in told and "Team {number}" in told


def test_catalogs_check_names_a_placeholder_in_any_script(tmp_path):
    from game import catalogs

    for folder in ("game", "decks", "locales"):
        shutil.copytree(ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__"))
    po = tmp_path / "locales" / "bn" / "LC_MESSAGES" / "nirapod.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "দল {number}"', 'msgstr "দল {number} {পালা}"'),
                  encoding="utf-8")
    problems = [str(problem) for problem in catalogs.check(tmp_path)]
    assert any("nirapod.po" in problem and "Team {number}" in problem and "placeholders" in problem
               for problem in problems), problems


# ---- reports: never overwritten, the latest is the last written, minutes played ---------------------


def test_three_workshops_ending_in_the_same_clock_second_leave_three_reports(decks, tmp_path):
    en = Translator(LOCALES_DIR, "en")
    stuck = datetime(2026, 1, 1, 0, 0, 0)  # a PC whose clock battery is dead
    written = []
    for turns in (1, 2, 3):
        files, notice = ReportKeeper(tmp_path).save(played_game(decks.cards, turns), en, None, stuck)
        assert notice is None
        written.append(files.csv)
    assert len(set(written)) == 3
    rows = [len(path.read_text(encoding="utf-8-sig").splitlines()) for path in written]
    assert rows == sorted(rows) and len(set(rows)) == 3, "each report is its own workshop's"


def test_report_csv_prints_the_last_written_even_after_the_clock_was_set_back(decks, tmp_path):
    en = Translator(LOCALES_DIR, "en")
    keeper = ReportKeeper(tmp_path)
    keeper.save(played_game(decks.cards, 1), en, None, datetime(2026, 5, 2, 14, 0))
    last, _ = keeper.save(played_game(decks.cards, 3), en, None, datetime(2026, 1, 1, 9, 0))  # clock set back
    run = run_nirapod(tmp_path, "report", "--csv", timeout=60)
    assert run.returncode == 0
    assert run.stdout.lstrip("\ufeff").replace("\r\n", "\n") == last.csv.read_text(encoding="utf-8-sig").replace(
        "\r\n", "\n")
    listed = run_nirapod(tmp_path, "report", timeout=60).stdout.splitlines()
    assert str(last.csv) in listed[-1]


def session_minutes(csv_path: Path) -> str:
    import csv as csv_module

    rows = list(csv_module.reader(csv_path.read_text(encoding="utf-8-sig").splitlines()))
    return rows[1][rows[0].index("Session minutes")]


@pytest.mark.parametrize("played, minutes", [(1500, "25"), (None, "")])
def test_a_workshop_continued_days_later_reports_the_minutes_played(decks, make_app, tmp_path, played, minutes):
    data = {**played_game(decks.cards).to_json(), "mode": "facilitator",
            "started": (datetime.now().replace(microsecond=0) - timedelta(days=3)).isoformat()}
    if played is not None:
        data["played_seconds"] = played
    (tmp_path / "save.json").write_text(json.dumps({"format": 1, "game": data}), encoding="utf-8")
    app = make_app(mode=FACILITATOR, data_dir=tmp_path)
    game, _ = app.session.load_saved_game()
    app.session.begin(game)
    files = app.session.save_report(None)
    assert session_minutes(files.csv) == minutes, "not the 4,320 minutes between the two days"


def test_minutes_played_add_up_over_steps_and_a_night_left_open_counts_little(decks, make_app, tmp_path, monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr("game.session.time.monotonic", lambda: clock[0])
    app = make_app(mode=FACILITATOR, data_dir=tmp_path)
    app.session.begin(played_game(decks.cards))
    for gap in (300, 300, 2 * 24 * 3600, 300):  # the PC stayed on over a weekend between two steps
        clock[0] += gap
        app.session.autosave()
    assert json.loads((tmp_path / "save.json").read_text())["game"]["played_seconds"] == 300 * 3 + 30 * 60
    files = app.session.save_report(None)
    assert session_minutes(files.csv) == "45"


# ---- the kiosk counters and kiosk.ini where files are not files --------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX pipes")
@pytest.mark.parametrize("name", [STATS_FILE, STATS_FILE + "-wal", STATS_FILE + "-journal"])
def test_a_pipe_where_the_counters_belong_never_hangs_the_kiosk_and_sigterm_ends_it(tmp_path, name):
    import signal
    import time

    (tmp_path / "kiosk.ini").write_text("[kiosk]\npin = 7391\n")
    if name != STATS_FILE:
        Stats.open(tmp_path)[0].close()
    os.mkfifo(tmp_path / name)
    env = {**os.environ, "NIRAPOD_DATA_DIR": str(tmp_path), "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    kiosk = subprocess.Popen([sys.executable, "-m", "game", "--kiosk", "--size", "1024x600"], cwd=ROOT, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(6)  # the kiosk is up, or stuck opening the pipe
    kiosk.send_signal(signal.SIGTERM)
    try:
        out, err = kiosk.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        kiosk.kill()
        kiosk.communicate()
        pytest.fail("the kiosk did not end on SIGTERM: it waits on the pipe")
    assert "Traceback" not in err
    stats, notice = Stats.open(tmp_path)
    assert notice is not None and f"{tmp_path / name} is a pipe" in notice.message


def test_a_counters_file_that_is_a_folder_is_named_not_called_a_disk_error(tmp_path):
    (tmp_path / STATS_FILE).mkdir()
    stats, notice = Stats.open(tmp_path)
    assert f"{tmp_path / STATS_FILE} is a folder where the kiosk counters file belongs" in notice.message
    assert "disk" not in notice.message.lower() and "free" not in notice.message.lower()
    run = run_nirapod(tmp_path, "stats", timeout=60)
    assert run.returncode == 1 and "is a folder where the kiosk counters file belongs" in run.stderr


def test_a_kiosk_on_a_folder_that_cannot_be_written_does_not_send_staff_to_a_missing_kiosk_ini(shared_tmp):
    data = shared_tmp / "data"
    data.mkdir()
    data.chmod(0o555)
    run = run_nirapod(data, "--kiosk", unprivileged_user=True, timeout=120)
    assert run.returncode == 78 and "Traceback" not in run.stderr
    assert f"{data / 'kiosk.ini'} does not exist and could not be created" in run.stderr
    assert f"the folder {data} cannot be written to" in run.stderr and "Open " not in run.stderr


def test_a_report_that_cannot_be_saved_says_the_real_cause_when_the_game_closes(shared_tmp):
    data, spare = shared_tmp / "data", shared_tmp / "spare"
    data.mkdir()
    spare.mkdir()
    world_writable(shared_tmp, data, spare)
    (data / "reports").write_text("a file a teacher named reports")
    run = run_nirapod(data, "--facilitator", "--autoplay", "1", "--seed", "5", "--size", "1024x600",
                      HOME="/nonexistent", TMPDIR=str(spare))
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr[-2000:]
    assert f"{data / 'reports'} is a file where Nirapod needs a folder" in run.stderr
    assert "free space" not in run.stderr and "disk" not in run.stderr


# ---- printing: fonts, folders and full disks named by cause ------------------------------------------


def print_choices(**overrides):
    from game.print.choices import PrintChoices

    return PrintChoices(**{"decks": (), "topics": ("grooming",), "languages": ("en",), "paper": "a4",
                           "duplex": True, "parts": ("sheet",), **overrides})


@pytest.mark.parametrize("damage", ["missing", "empty", "cut", "folder"])
def test_print_with_a_missing_or_damaged_font_names_the_font_file(decks, tmp_path, damage):
    from game.print.job import write_print_files

    fonts = tmp_path / "fonts"
    shutil.copytree(FONTS_DIR, fonts)
    font = fonts / "NotoSans-Regular.ttf"
    if damage == "missing":
        font.unlink()
    elif damage == "empty":
        font.write_bytes(b"")
    elif damage == "cut":
        font.write_bytes(font.read_bytes()[:5000])
    else:
        font.unlink()
        font.mkdir()
    outcome = write_print_files(decks, print_choices(), tmp_path / "out", LOCALES_DIR, fonts)
    assert outcome.files == []
    assert any(f"the font file {font}" in problem and "Install Nirapod again" in problem
               for problem in outcome.problems), outcome.problems


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="/dev/full")
def test_print_problems_say_their_real_cause(decks, tmp_path, monkeypatch):
    from game.print import job

    out = tmp_path / "out"
    out.mkdir()
    (out / "nirapod-score-sheet-en.pdf").mkdir()  # a folder named like the PDF
    outcome = job.write_print_files(decks, print_choices(), out, LOCALES_DIR, FONTS_DIR)
    [problem] = outcome.problems
    assert "a folder with this name stands where the PDF belongs" in problem and "PDF reader" not in problem

    def full_disk(path, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(job, "_replace_file", full_disk)
    outcome = job.write_print_files(decks, print_choices(), tmp_path / "other", LOCALES_DIR, FONTS_DIR)
    [problem] = outcome.problems
    assert "the disk is full" in problem and "PDF reader" not in problem

    (tmp_path / "taken").write_text("a file")
    outcome = job.write_print_files(decks, print_choices(), tmp_path / "taken", LOCALES_DIR, FONTS_DIR)
    assert "a file with this name" in outcome.problems[-1]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="links")
def test_print_of_a_deck_that_is_a_looping_link_names_it(tmp_path):
    os.symlink("me.yaml", tmp_path / "me.yaml")
    run = run_nirapod(tmp_path, "print", str(tmp_path / "me.yaml"), "--out", str(tmp_path / "out"),
                      "--only", "sheet", "--lang", "en", timeout=180)
    assert "Traceback" not in run.stderr, run.stderr[-2000:]
    assert "me.yaml:1:1: this is a link that leads back to itself" in run.stdout


# ---- validate checks every character against the fonts the screen and the paper use -----------------


def test_validate_names_the_card_and_field_of_a_character_no_font_draws(tmp_path):
    deck = tmp_path / "grooming-copy.yaml"
    text = (DECKS_DIR / "grooming.yaml").read_text(encoding="utf-8")
    text = text.replace("id: grooming-", "id: copy-grooming-")
    text = text.replace("deck:\n  id: grooming\n", "deck:\n  id: grooming_copy\n", 1)
    text = text.replace("    prompt: What should Anika do?\n", "    prompt: What should Anika do? \U0001F914\n", 1)
    deck.write_text(text, encoding="utf-8")
    run = run_nirapod(tmp_path, "validate", str(deck), timeout=120)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    line = next(number for number, content in enumerate(text.splitlines(), 1) if "\U0001F914" in content)
    [problem] = [row for row in run.stdout.splitlines() if "no bundled font" in row]
    assert f"grooming-copy.yaml:{line}:1: card copy-grooming-too-many-compliments, field prompt" in problem
    assert "THINKING FACE (U+1F914)" in problem


def test_every_bundled_text_and_translation_can_be_drawn_by_the_bundled_fonts():
    run = run_nirapod(Path(tempfile.gettempdir()), "validate", timeout=120)
    assert run.returncode == 0 and "no bundled font" not in run.stdout, run.stdout[-3000:]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file names are bytes")
@pytest.mark.parametrize("folder", ["caf\xe9", "নিরাপদ"])
def test_every_command_works_in_a_data_folder_the_console_cannot_decode(tmp_path, folder):
    data = Path(os.fsdecode(bytes(tmp_path) + b"/" + folder.encode("latin-1" if folder.isascii() or
                                                                     ord(max(folder)) < 256 else "utf-8")))
    data.mkdir()
    (data / "kiosk.ini").write_text("[kiosk]\npin = 7391\n")
    ascii_console = {"PYTHONUTF8": "0", "LC_ALL": "C", "PYTHONCOERCECLOCALE": "0"}
    for args in (["--facilitator", "--autoplay", "1", "--seed", "2", "--size", "1024x600"],
                 ["--kiosk", "--autoplay", "2", "--seed", "2", "--size", "1024x600"],
                 ["report"], ["report", "--csv"], ["stats"], ["stats", "--csv"]):
        run = run_nirapod(data, *args, timeout=300, **ascii_console)
        assert run.returncode == 0 and "Traceback" not in run.stderr, (args, run.stderr[-2000:])


# ---- cosmetic: default names follow the language --------------------------------------------------


def test_default_team_names_follow_the_language_a_game_is_continued_in(decks, make_app, tmp_path):
    game = Game(GameConfig(teams=("Team 1", "Tigers", "Team 3"), turns_per_team=2, discussion_seconds=120,
                           red_alert_every=0, seed=3), decks.cards)
    for kind in ("draw", "start_discussion"):
        assert game.act(next(a for a in game.legal_actions() if a.type == kind)) is None
    write_save(tmp_path, {**game.to_json(), "mode": "classroom"})
    app = make_app(mode=CLASSROOM, language="bn", data_dir=tmp_path)
    resumed, _ = app.session.load_saved_game()
    assert resumed.config.teams == ("দল ১", "Tigers", "দল ৩")
    assert resumed.state == Game.from_json(game.to_json(), decks.cards).state


def test_two_saves_kept_aside_in_one_clock_second_are_both_kept(decks, tmp_path, monkeypatch):
    monkeypatch.setattr("game.storage.time.strftime", lambda form, *args: "20260101-000000")  # a stuck clock
    storage = Storage(tmp_path)
    kept = []
    for turns in (1, 2):
        write_save(tmp_path, played_game(decks.cards, turns).to_json())
        kept.append(storage.keep_save_copy("unfit"))
    assert None not in kept and kept[0] != kept[1]
    assert [json.loads(path.read_text())["game"]["state"] for path in kept] == [
        played_game(decks.cards, turns).to_json()["state"] for turns in (1, 2)]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX pipes")
@pytest.mark.parametrize("what", ["fifo", "folder"])
def test_a_pipe_or_folder_where_the_lock_file_belongs_never_stops_or_hangs_the_game(tmp_path, what):
    make_not_a_file(tmp_path / "nirapod.lock", what)
    run = run_nirapod(tmp_path, "--autoplay", "1", "--seed", "1", "--size", "1024x600", timeout=180)
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr[-2000:]


@pytest.mark.parametrize("name, save", [("save.json", "save_game"), ("settings.json", "save_settings")])
def test_a_folder_where_a_file_is_saved_is_named_not_blamed_on_permissions(tmp_path, name, save):
    (tmp_path / name).mkdir()
    notice = getattr(Storage(tmp_path), save)({"language": "en"})
    message = storage_message(Translator(LOCALES_DIR, "en"), notice)
    assert f"{tmp_path / name} is a folder where Nirapod keeps a file" in message
    assert "allow writing" not in message and "full" not in message
