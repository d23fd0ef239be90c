"""Saves and settings survive corruption, full disks, read-only folders and a killed game."""

from __future__ import annotations

import errno
import json
import os
import pathlib
import random
import signal
import subprocess
import sys
import tempfile
import time

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from game import storage as storage_module
from game.storage import (
    Storage,
    StorageError,
    StorageNotice,
    StorageProblem,
    atomic_write_bytes,
    default_data_dir,
)

REPO_ROOT = pathlib.Path(__file__).resolve().parents[1]


A_GAME = {
    "turn": 7,
    "players": ["Rina", "রাহুল"],  # Bangla names must survive as text, not \u escapes
    "hand": [{"card": "ask-a-trusted-adult", "played": False}],
    "score": {"Rina": 3, "রাহুল": 5},
}


def corrupt_copies(root: pathlib.Path) -> list[pathlib.Path]:
    return sorted(root.glob("save.corrupt-*.json"))


def temp_files(root: pathlib.Path) -> list[pathlib.Path]:
    return sorted(p for p in root.iterdir() if ".tmp-" in p.name)


def is_loadable_save(raw: bytes) -> bool:
    """Independent check of whether bytes form a save this version can load."""
    try:
        document = json.loads(raw.decode("utf-8"))
    except Exception:
        return False
    return (
        isinstance(document, dict)
        and type(document.get("format")) is int
        and document["format"] == 1
        and isinstance(document.get("game"), dict)
    )


# --- ordinary use ---------------------------------------------------------------------------


def test_game_round_trip_keeps_everything_including_bangla_text(tmp_path):
    storage = Storage(tmp_path)

    assert storage.save_game(A_GAME) is None
    loaded, notice = Storage(tmp_path).load_game()

    assert notice is None
    assert loaded == A_GAME
    text = storage.save_path.read_text(encoding="utf-8")
    assert "রাহুল" in text
    assert json.loads(text) == {"format": 1, "game": A_GAME}


def test_settings_round_trip(tmp_path):
    storage = Storage(tmp_path)
    chosen = {"language": "bn", "volume": 0.4, "large_text": True}

    assert storage.save_settings(chosen) is None

    assert Storage(tmp_path).load_settings() == (chosen, None)


def test_first_start_has_no_save_and_empty_settings(tmp_path):
    storage = Storage(tmp_path / "not-created-yet")

    assert storage.has_save() is False
    assert storage.load_game() == (None, None)
    assert storage.load_settings() == ({}, None)
    assert not storage.root.exists(), "reading must not create the data folder"


def test_later_save_wins_and_previous_one_is_kept_as_backup(tmp_path):
    storage = Storage(tmp_path)
    storage.save_game({"turn": 1})
    storage.save_game({"turn": 2})

    assert storage.load_game() == ({"turn": 2}, None)
    backup = json.loads((tmp_path / "save.json.bak").read_text(encoding="utf-8"))
    assert backup["game"] == {"turn": 1}


def test_has_save_and_clear_game(tmp_path):
    storage = Storage(tmp_path)
    storage.save_game({"turn": 1})
    storage.save_game({"turn": 2})
    assert storage.has_save() is True

    assert storage.clear_game() is None

    assert storage.has_save() is False
    assert storage.load_game() == (None, None), "a finished game must not come back from the backup"
    assert storage.clear_game() is None, "clearing twice is harmless"


def test_clearing_the_game_keeps_settings(tmp_path):
    storage = Storage(tmp_path)
    storage.save_settings({"language": "en"})
    storage.save_game({"turn": 1})

    storage.clear_game()

    assert storage.load_settings() == ({"language": "en"}, None)


def test_data_folder_comes_from_environment_variable(tmp_path, monkeypatch):
    monkeypatch.setenv("NIRAPOD_DATA_DIR", str(tmp_path / "portable"))

    assert default_data_dir() == tmp_path / "portable"
    storage = Storage()
    assert storage.root == tmp_path / "portable"
    assert storage.save_path == tmp_path / "portable" / "save.json"
    assert storage.settings_path == tmp_path / "portable" / "settings.json"
    assert storage.save_game({"turn": 1}) is None
    assert (tmp_path / "portable" / "save.json").is_file()


def test_data_folder_defaults_to_the_per_user_folder(monkeypatch):
    monkeypatch.delenv("NIRAPOD_DATA_DIR", raising=False)

    folder = default_data_dir()

    assert folder.name == "Nirapod"
    assert folder.is_absolute()


def test_no_temp_files_pile_up_after_normal_saves(tmp_path):
    storage = Storage(tmp_path)
    for turn in range(40):
        assert storage.save_game({"turn": turn, "padding": "x" * turn}) is None
        assert storage.save_settings({"turn_seen": turn}) is None

    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["save.json", "save.json.bak", "settings.json", "settings.json.bak"]


def test_temp_file_left_by_a_killed_game_is_cleaned_up_on_next_start(tmp_path):
    storage = Storage(tmp_path)
    storage.save_game({"turn": 1})
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                              capture_output=True, text=True, check=True)
    dead_pid = int(finished.stdout)
    leftover = tmp_path / f"save.json.tmp-{dead_pid}"
    leftover.write_bytes(b'{"format": 1, "ga')

    assert storage.load_game() == ({"turn": 1}, None)
    assert not leftover.exists()


# --- corrupt files --------------------------------------------------------------------------

CORRUPT_CONTENTS = {
    "random bytes": bytes(random.Random(4).randrange(256) for _ in range(300)),
    "truncated JSON": json.dumps({"format": 1, "game": A_GAME}).encode()[:-9],
    "empty file": b"",
    "JSON list instead of object": b"[1, 2, 3]",
    "JSON without the game": b'{"format": 1}',
    "game is not an object": b'{"format": 1, "game": [1, 2]}',
    "format written as true": b'{"format": true, "game": {"turn": 1}}',
    "invalid UTF-8": b'{"format": 1, "game": {"name": "\xff\xfe"}}',
    "deeply nested": b"[" * 100_000,
}


@pytest.mark.parametrize("content", CORRUPT_CONTENTS.values(), ids=CORRUPT_CONTENTS.keys())
def test_corrupt_save_without_backup_is_reported_and_kept_aside(tmp_path, content):
    storage = Storage(tmp_path)
    storage.save_path.write_bytes(content)

    loaded, notice = storage.load_game()

    assert loaded is None
    assert notice.problem is StorageProblem.CORRUPT
    assert notice.path == storage.save_path
    assert notice.recovered_from_backup is False
    assert notice.detail
    [kept] = corrupt_copies(tmp_path)
    assert kept.read_bytes() == content, "the damaged file must be kept, byte for byte"
    # The user is told once; afterwards the game starts fresh and can save again.
    assert storage.has_save() is False
    assert storage.load_game() == (None, None)
    assert storage.save_game({"turn": 1}) is None
    assert storage.load_game() == ({"turn": 1}, None)


@pytest.mark.parametrize("content", CORRUPT_CONTENTS.values(), ids=CORRUPT_CONTENTS.keys())
def test_corrupt_save_is_recovered_from_backup(tmp_path, content):
    storage = Storage(tmp_path)
    storage.save_game({"turn": 1})
    storage.save_game({"turn": 2})
    storage.save_path.write_bytes(content)  # damaged in place, e.g. by a failing USB stick

    loaded, notice = storage.load_game()

    assert loaded == {"turn": 1}
    assert notice.problem is StorageProblem.CORRUPT
    assert notice.recovered_from_backup is True
    [kept] = corrupt_copies(tmp_path)
    assert kept.read_bytes() == content
    # Told once: the next start loads the recovered game quietly, and saving goes on.
    assert storage.load_game() == ({"turn": 1}, None)
    assert storage.save_game({"turn": 3}) is None
    assert storage.load_game() == ({"turn": 3}, None)


def test_corrupt_save_and_corrupt_backup_are_both_kept_aside(tmp_path):
    storage = Storage(tmp_path)
    storage.save_path.write_bytes(b"garbage")
    (tmp_path / "save.json.bak").write_bytes(b"more garbage")

    loaded, notice = storage.load_game()

    assert loaded is None
    assert notice.problem is StorageProblem.CORRUPT
    assert notice.recovered_from_backup is False
    assert sorted(p.read_bytes() for p in corrupt_copies(tmp_path)) == [b"garbage", b"more garbage"]
    assert storage.has_save() is False


def test_several_corruptions_in_the_same_second_are_all_kept(tmp_path):
    storage = Storage(tmp_path)
    for attempt in range(3):
        storage.save_path.write_bytes(b"broken %d" % attempt)
        storage.load_game()

    kept = sorted(p.read_bytes() for p in corrupt_copies(tmp_path))
    assert kept == [b"broken 0", b"broken 1", b"broken 2"]


def test_only_a_backup_left_behind_is_loaded(tmp_path):
    storage = Storage(tmp_path)
    storage.save_game({"turn": 1})
    storage.save_game({"turn": 2})
    storage.save_path.unlink()  # as after a crash on a filesystem without hard links

    assert storage.has_save() is True
    assert storage.load_game() == ({"turn": 1}, None)


def test_corrupt_settings_fall_back_to_backup_then_to_defaults(tmp_path):
    storage = Storage(tmp_path)
    storage.save_settings({"language": "bn"})
    storage.save_settings({"language": "en"})
    storage.settings_path.write_bytes(b"\x00\x01")

    recovered, notice = storage.load_settings()
    assert recovered == {"language": "bn"}
    assert notice.problem is StorageProblem.CORRUPT and notice.recovered_from_backup

    (tmp_path / "settings.json.bak").write_bytes(b"{")
    assert storage.settings_path.exists() is False
    defaults, notice = storage.load_settings()
    assert defaults == {}
    assert notice.problem is StorageProblem.CORRUPT
    assert len(list(tmp_path.glob("settings.corrupt-*.json"))) == 2


VALID_SAVE = json.dumps({"format": 1, "game": A_GAME}, ensure_ascii=False).encode("utf-8")

damaged_save_bytes = st.one_of(
    st.binary(max_size=2048),
    st.integers(0, len(VALID_SAVE) - 1).map(lambda length: VALID_SAVE[:length]),
    st.tuples(st.integers(0, len(VALID_SAVE) - 1), st.integers(0, 255)).map(
        lambda flip: VALID_SAVE[: flip[0]] + bytes([flip[1]]) + VALID_SAVE[flip[0] + 1 :]
    ),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(content=damaged_save_bytes, with_backup=st.booleans())
def test_any_bytes_in_the_save_never_crash_and_are_kept(content, with_backup):
    assume(not is_loadable_save(content))
    with tempfile.TemporaryDirectory() as folder:
        root = pathlib.Path(folder)
        storage = Storage(root)
        if with_backup:
            storage.save_game({"turn": 1})
            storage.save_game({"turn": 2})
        storage.save_path.write_bytes(content)

        loaded, notice = storage.load_game()

        assert notice is not None and notice.problem is StorageProblem.CORRUPT
        assert notice.recovered_from_backup is with_backup
        assert loaded == ({"turn": 1} if with_backup else None)
        assert [p.read_bytes() for p in corrupt_copies(root)] == [content]


# --- unreadable files -----------------------------------------------------------------------


def test_save_that_is_a_directory_is_reported_as_not_a_file(tmp_path):
    storage = Storage(tmp_path)
    storage.save_path.mkdir()

    loaded, notice = storage.load_game()

    assert loaded is None
    assert notice.problem is StorageProblem.NOT_A_FILE
    assert notice.path == storage.save_path
    assert storage.save_path.is_dir(), "nothing is moved when we merely cannot read"
    settings_loaded, settings_notice = storage.load_settings()
    assert settings_loaded == {} and settings_notice is None


def test_permission_denied_when_reading_is_reported_unreadable(tmp_path, monkeypatch):
    storage = Storage(tmp_path)
    storage.save_game({"turn": 1})
    storage.save_settings({"language": "bn"})

    real_open = os.open

    def refuse(path, flags, *args, **kwargs):
        if str(path).startswith(str(tmp_path)) and not flags & (os.O_WRONLY | os.O_RDWR):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    loaded, notice = storage.load_game()
    settings_loaded, settings_notice = storage.load_settings()
    monkeypatch.undo()

    assert loaded is None and notice.problem is StorageProblem.UNREADABLE
    assert settings_loaded == {} and settings_notice.problem is StorageProblem.UNREADABLE
    assert storage.load_game() == ({"turn": 1}, None), "the save was left untouched"
    assert corrupt_copies(tmp_path) == []


@pytest.mark.unprivileged
def test_save_without_read_permission_is_reported_unreadable(tmp_path):
    storage = Storage(tmp_path)
    storage.save_game({"turn": 1})
    storage.save_path.chmod(0o000)
    try:
        loaded, notice = storage.load_game()
    finally:
        storage.save_path.chmod(0o600)

    assert loaded is None and notice.problem is StorageProblem.UNREADABLE
    assert storage.load_game() == ({"turn": 1}, None)


# --- failing writes -------------------------------------------------------------------------

WRITE_ERRORS = {
    "permission denied": (PermissionError(errno.EACCES, "Permission denied"), StorageProblem.UNWRITABLE),
    "read-only filesystem": (OSError(errno.EROFS, "Read-only file system"), StorageProblem.UNWRITABLE),
    "disk full": (OSError(errno.ENOSPC, "No space left on device"), StorageProblem.DISK_FULL),
}
if hasattr(errno, "EDQUOT"):
    WRITE_ERRORS["quota exceeded"] = (OSError(errno.EDQUOT, "Disk quota exceeded"), StorageProblem.DISK_FULL)


def _break(monkeypatch, where: str, error: OSError) -> None:
    def fail(*args, **kwargs):
        raise error

    if where == "open":
        # The module's own `open` name shadows the builtin for the storage code only.
        monkeypatch.setattr(storage_module, "open", fail, raising=False)
    else:
        monkeypatch.setattr(os, where, fail)


@pytest.mark.parametrize("where", ["open", "os.fsync", "os.replace"])
@pytest.mark.parametrize("failure", WRITE_ERRORS.values(), ids=WRITE_ERRORS.keys())
def test_failed_save_is_reported_and_previous_save_stays_intact(tmp_path, monkeypatch, where, failure):
    error, expected_problem = failure
    storage = Storage(tmp_path)
    storage.save_game({"turn": 1})
    storage.save_game({"turn": 2})
    before = sorted((p.name, p.read_bytes()) for p in tmp_path.iterdir())

    _break(monkeypatch, where.removeprefix("os."), error)
    notice = storage.save_game({"turn": 3})
    settings_notice = storage.save_settings({"language": "bn"})
    monkeypatch.undo()

    assert isinstance(notice, StorageNotice)
    assert notice.problem is expected_problem
    assert notice.path == storage.save_path
    assert settings_notice.problem is expected_problem
    assert sorted((p.name, p.read_bytes()) for p in tmp_path.iterdir()) == before
    assert temp_files(tmp_path) == []
    assert storage.load_game() == ({"turn": 2}, None)


def test_atomic_write_raises_storage_error_carrying_the_notice(tmp_path, monkeypatch):
    target = tmp_path / "file.bin"
    target.write_bytes(b"old")
    _break(monkeypatch, "replace", OSError(errno.ENOSPC, "No space left on device"))

    with pytest.raises(StorageError) as raised:
        atomic_write_bytes(target, b"new")
    monkeypatch.undo()

    assert raised.value.notice.problem is StorageProblem.DISK_FULL
    assert raised.value.notice.path == target
    assert target.read_bytes() == b"old"
    assert temp_files(tmp_path) == []


def test_atomic_write_keeps_the_previous_file_as_bak(tmp_path):
    target = tmp_path / "file.bin"
    atomic_write_bytes(target, b"first")
    atomic_write_bytes(str(target), b"second")

    assert target.read_bytes() == b"second"
    assert (tmp_path / "file.bin.bak").read_bytes() == b"first"


def test_data_folder_blocked_by_a_file_names_that_file(tmp_path):
    blocker = tmp_path / "Nirapod"
    blocker.write_text("not a folder")
    storage = Storage(blocker / "profile")

    notice = storage.save_game({"turn": 1})

    assert notice.problem is StorageProblem.NOT_A_FOLDER and notice.path == blocker
    assert storage.load_game() == (None, None)


@pytest.mark.unprivileged
def test_read_only_folder_gives_unwritable_notice_and_keeps_save(tmp_path):
    storage = Storage(tmp_path)
    storage.save_game({"turn": 1})
    tmp_path.chmod(0o500)
    try:
        notice = storage.save_game({"turn": 2})
        settings_notice = storage.save_settings({"language": "bn"})
        clear_notice = storage.clear_game()
    finally:
        tmp_path.chmod(0o700)

    assert notice.problem is StorageProblem.UNWRITABLE
    assert settings_notice.problem is StorageProblem.UNWRITABLE
    assert clear_notice.problem is StorageProblem.UNWRITABLE
    assert storage.load_game() == ({"turn": 1}, None)
    assert temp_files(tmp_path) == []


def test_clear_game_failure_is_reported(tmp_path, monkeypatch):
    storage = Storage(tmp_path)
    storage.save_game({"turn": 1})
    _break(monkeypatch, "unlink", PermissionError(errno.EACCES, "Permission denied"))

    notice = storage.clear_game()
    monkeypatch.undo()

    assert notice.problem is StorageProblem.UNWRITABLE
    assert storage.load_game() == ({"turn": 1}, None)


# --- the game killed while saving -----------------------------------------------------------

SAVING_LOOP = r"""
import pathlib, sys
sys.path.insert(0, sys.argv[1])
from game.storage import Storage

storage = Storage(pathlib.Path(sys.argv[2]))
turn = int(sys.argv[3])
notice = storage.save_game({"turn": turn, "padding": "x" * (turn % 5000)})
if notice is not None:
    sys.exit(f"first save failed: {notice}")
print("saved", flush=True)
while True:
    turn += 1
    storage.save_game({"turn": turn, "padding": "x" * (turn % 5000)})
"""

KILL_ROUNDS = 80
KILL_TIME_BUDGET_SECONDS = 20


@pytest.mark.skipif(sys.platform == "win32", reason="needs SIGKILL")
def test_killing_the_game_while_it_saves_never_loses_the_save(tmp_path):
    seed = random.randrange(2**32)
    rng = random.Random(seed)
    started = time.monotonic()
    rounds = 0
    while rounds < KILL_ROUNDS and (rounds < 60 or time.monotonic() - started < KILL_TIME_BUDGET_SECONDS):
        first_turn = rounds * 100_000 + rng.randrange(5000)
        writer = subprocess.Popen(
            [sys.executable, "-c", SAVING_LOOP, str(REPO_ROOT), str(tmp_path), str(first_turn)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            line = writer.stdout.readline()
            assert line == "saved\n", f"writer failed to start: {writer.stderr.read()}"
            time.sleep(rng.uniform(0, 0.05))
        finally:
            writer.send_signal(signal.SIGKILL)
            writer.wait()
            writer.stdout.close()
            writer.stderr.close()

        loaded, notice = Storage(tmp_path).load_game()

        context = f"round {rounds}, seed {seed}, files {sorted(p.name for p in tmp_path.iterdir())}"
        assert notice is None, context
        assert loaded is not None, context
        turn = loaded["turn"]
        assert type(turn) is int, context
        assert turn >= first_turn, f"a save that had completed was lost; {context}"
        assert loaded["padding"] == "x" * (turn % 5000), context
        assert temp_files(tmp_path) == [], f"temp files of the killed game remain; {context}"
        rounds += 1

    assert rounds >= 60
