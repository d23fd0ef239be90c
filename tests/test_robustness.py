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
from datetime import datetime
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
    (lambda d: d.__setitem__("format", 2), Unfit.OTHER_VERSION, ""),
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
