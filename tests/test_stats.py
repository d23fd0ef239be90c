"""The kiosk counters: they count what visitors did, survive being killed or corrupted, never raise
in front of a visitor, and `python -m game stats` reports them."""
from __future__ import annotations

import argparse
import csv
import io
import pathlib
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing

import pytest

from game.cli.stats import add_stats_parser, run_stats
from game.stats import STATS_FILE, Stats

REPO_ROOT = pathlib.Path(__file__).resolve().parents[1]
ASIDE_NAME = re.compile(r"kiosk-stats\.corrupt-\d{8}-\d{6}(-\d+)?\.sqlite3")
NOT_SQLITE = b"This is a photo of a cat, not a database.\x00\xff\xfe" * 200


def open_stats(root: pathlib.Path) -> Stats:
    stats, notice = Stats.open(root)
    assert notice is None, notice
    return stats


def play_visit(stats: Stats, language: str, answers: list[tuple[str, int, str]], completed: bool,
               seconds: float, end_language: str | None = None) -> int | None:
    session = stats.start_session(language)
    for card_id, choice, grade in answers:
        stats.record_answer(session, card_id, "scenario", "grooming", str(choice + 1), grade)  # as on screen
    stats.end_session(session, completed, seconds, end_language or language)
    return session


def fill_with_visits(root: pathlib.Path, visits: int) -> None:
    stats = open_stats(root)
    for number in range(visits):
        play_visit(stats, "bn", [(f"card-{number}-{turn}", turn % 3, "safe") for turn in range(5)], True, 60)
    stats.close()


def stats_command(*argv: str) -> int:
    parser = argparse.ArgumentParser()
    add_stats_parser(parser.add_subparsers(dest="command"))
    return run_stats(parser.parse_args(["stats", *argv]))


@pytest.fixture
def data_dir(tmp_path, monkeypatch) -> pathlib.Path:
    """The folder `python -m game stats` reads, as Storage().root finds it."""
    monkeypatch.setenv("NIRAPOD_DATA_DIR", str(tmp_path))
    return tmp_path


def three_visits(root: pathlib.Path) -> None:
    stats = open_stats(root)
    play_visit(stats, "bn", [("grooming-gifts", 0, "safe"), ("myth-photos", 1, "risky")], True, 95.0)
    play_visit(stats, "bn", [("grooming-gifts", 2, "risky")], False, 20.0)
    # Started in Bangla, switched to English, finished.
    play_visit(stats, "bn", [("grooming-gifts", 0, "safe"), ("myth-photos", 1, "risky"),
                             ("myth-photos", 0, "safe")], True, 125.0, end_language="en")
    assert stats.notices() == []
    stats.close()


# ----- counting -----


def test_counts_come_back_after_closing_and_reopening(tmp_path):
    three_visits(tmp_path)
    stats = open_stats(tmp_path)
    summary = stats.summary()
    assert summary["sessions_started"] == 3
    assert summary["sessions_completed"] == 2
    assert summary["by_language"] == {"bn": {"started": 2, "completed": 1}, "en": {"started": 1, "completed": 1}}
    assert summary["switched_language"] == 1
    assert summary["median_seconds"] == pytest.approx(110.0)
    assert summary["average_seconds"] == pytest.approx(110.0)
    assert summary["answers"] == 6

    assert stats.card_rows() == [
        {"card_id": "grooming-gifts", "kind": "scenario", "topic": "grooming", "answer": "1", "grade": "safe", "answers": 2},
        {"card_id": "grooming-gifts", "kind": "scenario", "topic": "grooming", "answer": "3", "grade": "risky", "answers": 1},
        {"card_id": "myth-photos", "kind": "scenario", "topic": "grooming", "answer": "1", "grade": "safe", "answers": 1},
        {"card_id": "myth-photos", "kind": "scenario", "topic": "grooming", "answer": "2", "grade": "risky", "answers": 2},
    ]

    sessions = stats.session_rows()
    assert [(s["language_start"], s["language_end"], s["completed"], s["seconds"], s["answers"]) for s in sessions] == [
        ("bn", "bn", True, 95.0, 2), ("bn", "bn", False, 20.0, 1), ("bn", "en", True, 125.0, 3)]
    assert len({s["id"] for s in sessions}) == 3
    for session in sessions:  # the hour only: a visitor cannot be picked out by the minute they came
        assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:00", session["started"]), session["started"]
    stats.close()


def test_a_session_ended_twice_counts_once(tmp_path):
    stats = open_stats(tmp_path)
    session = stats.start_session("en")
    stats.end_session(session, True, 30, "en")
    stats.end_session(session, False, 99, "bn")
    assert stats.summary()["sessions_completed"] == 1
    assert stats.session_rows()[0]["language_end"] == "en"
    stats.close()


def test_a_visit_that_never_ended_is_started_but_not_completed(tmp_path):
    stats = open_stats(tmp_path)
    stats.start_session("bn")
    assert stats.summary()["sessions_started"] == 1
    assert stats.summary()["sessions_completed"] == 0
    row = stats.session_rows()[0]
    assert (row["language_end"], row["completed"], row["seconds"]) == (None, False, None)
    stats.close()


def test_free_text_never_reaches_the_file(tmp_path):
    stats = open_stats(tmp_path)
    session = stats.start_session("bn")
    stats.record_answer(session, "My name is Rina, call 01711000000", "scenario", "grooming", "1", "safe")
    stats.record_answer(session, "grooming-gifts", "scenario", "grooming", "1", "not a grade")
    assert stats.card_rows() == []
    notices = stats.notices()
    assert len(notices) == 1 and "bug" in notices[0].message and "Rina" not in notices[0].message
    stats.close()
    on_disk = b"".join(path.read_bytes() for path in tmp_path.iterdir())
    assert b"Rina" not in on_disk and b"01711" not in on_disk


# ----- killed at any moment -----

KIOSK_THAT_NEVER_STOPS = """
import sys
from pathlib import Path
from game.stats import Stats

stats, notice = Stats.open(Path(sys.argv[1]))
if notice is not None or not stats.counting:
    sys.exit(notice.message if notice else "not counting")
print("ready", flush=True)
while True:
    session = stats.start_session("bn")
    for turn in range(5):
        stats.record_answer(session, f"card-{turn}", "scenario", "grooming", turn % 3, "safe")
    stats.end_session(session, True, 42.0, "en")
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_being_killed_at_random_moments_never_loses_or_breaks_anything(tmp_path):
    rng = random.Random(20261122)
    completed_before = 0
    kills = 30
    for kill in range(1, kills + 1):
        kiosk = subprocess.Popen([sys.executable, "-c", KIOSK_THAT_NEVER_STOPS, str(tmp_path)], cwd=REPO_ROOT,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        # Most kills land while counting; every fourth may land while the file is opened or created.
        if kill % 4:
            ready = kiosk.stdout.readline()
            assert ready == b"ready\n", kiosk.communicate()[1].decode("utf-8", "replace")
        time.sleep(rng.uniform(0.0, 0.12))
        kiosk.send_signal(signal.SIGKILL)
        kiosk.communicate()

        # Stats.open first, while the killed kiosk's log is still there to be recovered.
        stats, notice = Stats.open(tmp_path)
        assert notice is None, notice
        with closing(sqlite3.connect(f"{(tmp_path / STATS_FILE).as_uri()}?mode=ro", uri=True)) as raw:
            assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        summary = stats.summary()
        assert summary["sessions_completed"] >= completed_before
        # Each kill can leave at most the one visit in progress unfinished.
        assert summary["sessions_started"] - summary["sessions_completed"] <= kill
        # An answer is counted for its card and its session in one go, or not at all.
        assert sum(row["answers"] for row in stats.card_rows()) == \
            sum(row["answers"] for row in stats.session_rows()) == summary["answers"]
        completed_before = summary["sessions_completed"]
        stats.close()
    assert completed_before > 0


# ----- damaged files -----


def truncated_database(root: pathlib.Path) -> bytes:
    fill_with_visits(root, 150)
    whole = (root / STATS_FILE).read_bytes()
    assert len(whole) >= 8 * 4096  # enough pages that cutting it in half loses tables
    return whole[: len(whole) // 2]


@pytest.mark.parametrize("damage", ["not sqlite", "truncated"])
def test_a_damaged_database_is_moved_aside_and_counting_starts_afresh(tmp_path, damage):
    broken = NOT_SQLITE if damage == "not sqlite" else truncated_database(tmp_path)
    (tmp_path / STATS_FILE).write_bytes(broken)

    stats, notice = Stats.open(tmp_path)

    assert notice is not None
    asides = [path for path in tmp_path.iterdir() if ASIDE_NAME.fullmatch(path.name)]
    assert len(asides) == 1
    assert asides[0].read_bytes() == broken
    assert notice.path == asides[0]
    assert str(asides[0]) in notice.message and str(tmp_path / STATS_FILE) in notice.message
    assert stats.counting
    play_visit(stats, "en", [("grooming-gifts", 1, "safe")], True, 50)
    assert stats.summary()["sessions_completed"] == 1
    stats.close()
    again, notice = Stats.open(tmp_path)
    assert notice is None
    assert again.summary()["sessions_completed"] == 1
    again.close()


def test_the_write_ahead_log_moves_aside_with_its_database(tmp_path):
    (tmp_path / STATS_FILE).write_bytes(NOT_SQLITE)
    (tmp_path / (STATS_FILE + "-wal")).write_bytes(b"old log")
    stats, notice = Stats.open(tmp_path)
    assert notice is not None
    assert (notice.path.parent / (notice.path.name + "-wal")).read_bytes() == b"old log"
    stats.close()


def test_a_file_from_a_newer_version_is_left_alone(tmp_path):
    with closing(sqlite3.connect(tmp_path / STATS_FILE)) as raw, raw:
        raw.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        raw.execute("INSERT INTO meta VALUES ('schema_version', '99')")
    before = (tmp_path / STATS_FILE).read_bytes()
    stats, notice = Stats.open(tmp_path)
    assert notice is not None and "newer version" in notice.message
    assert stats.start_session("bn") is None
    stats.close()
    assert (tmp_path / STATS_FILE).read_bytes() == before
    assert not [path for path in tmp_path.iterdir() if ASIDE_NAME.fullmatch(path.name)]


# ----- folders and disks that refuse to be written -----


def assert_counts_nothing_quietly(stats: Stats) -> None:
    assert not stats.counting
    session = stats.start_session("bn")
    assert session is None
    stats.record_answer(session, "grooming-gifts", "scenario", "grooming", "1", "safe")
    stats.end_session(session, True, 10, "bn")
    assert stats.summary()["sessions_started"] == 0
    assert stats.card_rows() == [] and stats.session_rows() == []
    assert stats.notices() == []
    stats.close()


@pytest.mark.unprivileged
@pytest.mark.parametrize("already_counting", [False, True])
def test_a_read_only_folder_counts_nothing_and_says_so(tmp_path, already_counting):
    folder = tmp_path / "kiosk"
    folder.mkdir()
    if already_counting:
        fill_with_visits(folder, 1)
    folder.chmod(0o555)
    try:
        stats, notice = Stats.open(folder)
        assert notice is not None and str(folder) in notice.message
        assert_counts_nothing_quietly(stats)
    finally:
        folder.chmod(0o755)
    # Nothing was moved aside or lost.
    assert sorted(path.name for path in folder.iterdir()) == ([STATS_FILE] if already_counting else [])
    stats = open_stats(folder)
    assert stats.summary()["sessions_started"] == (1 if already_counting else 0)
    stats.close()


def test_a_data_folder_that_cannot_exist_counts_nothing_and_says_so(tmp_path):
    in_the_way = tmp_path / "not-a-folder"
    in_the_way.write_bytes(b"a file where the data folder should be")
    stats, notice = Stats.open(in_the_way)
    assert notice is not None and str(in_the_way) in notice.message
    assert_counts_nothing_quietly(stats)


def test_a_full_disk_mid_event_keeps_earlier_counts_and_is_reported_once(tmp_path):
    stats = open_stats(tmp_path)
    play_visit(stats, "bn", [("grooming-gifts", 0, "safe")], True, 60)
    # SQLite's page limit stands in for a full disk: writes fail with "database or disk is full".
    connection = stats._connection
    connection.execute(f"PRAGMA max_page_count = {connection.execute('PRAGMA page_count').fetchone()[0]}")
    for number in range(400):
        play_visit(stats, "bn", [(f"card-{number}-{turn}", 0, "safe") for turn in range(5)], True, 60)
    notices = stats.notices()
    assert len(notices) == 1 and "full" in notices[0].message
    assert stats.notices() == []
    assert stats.counting  # space may come back

    connection.execute("PRAGMA max_page_count = 1000000")
    play_visit(stats, "en", [("grooming-gifts", 0, "safe")], True, 60)
    stats.close()

    stats = open_stats(tmp_path)
    sessions = stats.session_rows()
    assert sessions[0]["completed"] and sessions[0]["answers"] == 1
    assert sessions[-1]["completed"] and sessions[-1]["language_end"] == "en"
    assert {"card_id": "grooming-gifts", "kind": "scenario", "topic": "grooming", "answer": "1", "grade": "safe",
            "answers": 2} in stats.card_rows()
    stats.close()


def test_a_database_deleted_mid_event_stops_counting_without_raising(tmp_path):
    stats = open_stats(tmp_path)
    session = stats.start_session("bn")
    for path in tmp_path.iterdir():
        path.unlink()
    stats.record_answer(session, "grooming-gifts", "scenario", "grooming", "1", "safe")
    stats.end_session(session, True, 60, "bn")
    assert not stats.counting
    notices = stats.notices()
    assert len(notices) == 1 and "stopped" in notices[0].message
    assert stats.start_session("bn") is None
    stats.close()


# ----- python -m game stats -----


def test_stats_on_an_empty_folder_says_nothing_was_counted(data_dir, capsys):
    assert stats_command() == 0
    out = capsys.readouterr().out
    assert "Nothing has been counted yet" in out and str(data_dir) in out
    assert not (data_dir / STATS_FILE).exists()


@pytest.mark.parametrize("argv,header", [
    (["--csv"], ["card_id", "kind", "topic", "answer", "grade", "answers"]),
    (["--csv", "--sessions"], ["id", "started", "language_start", "language_end", "completed", "seconds", "answers"]),
])
def test_stats_csv_on_an_empty_folder_prints_only_the_header(data_dir, capsys, argv, header):
    assert stats_command(*argv) == 0
    assert list(csv.reader(io.StringIO(capsys.readouterr().out))) == [header]


def test_stats_report_reads_like_a_summary(data_dir, capsys):
    three_visits(data_dir)
    assert stats_command() == 0
    out = capsys.readouterr().out
    assert "3 started, 2 completed (67%)" in out
    assert "Bangla (bn): 2 started, 1 completed" in out and "English (en): 1 started, 1 completed" in out
    assert "Median time of a completed session: 1 min 50 s" in out
    # Most-answered first; grooming-gifts was answered safely 2 times out of 3.
    cards = [line.split() for line in out.splitlines() if line.strip().endswith("(grooming)")]
    assert [card[2] for card in cards] == ["grooming-gifts", "myth-photos"]
    assert cards[0][:2] == ["3", "67%"]


def test_stats_csv_matches_the_counts(data_dir, capsys):
    three_visits(data_dir)
    stats = open_stats(data_dir)
    cards, sessions = stats.card_rows(), stats.session_rows()
    stats.close()

    assert stats_command("--csv") == 0
    parsed = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    # Choices are numbered as the screen shows them, 1-4; the counters keep the engine's index.
    assert parsed == [{key: str(value) for key, value in row.items()}
                      for row in cards]

    assert stats_command("--csv", "--sessions") == 0
    parsed = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [row["id"] for row in parsed] == [str(s["id"]) for s in sessions]
    assert [row["completed"] for row in parsed] == ["1", "0", "1"]
    assert [float(row["seconds"]) for row in parsed] == [95.0, 20.0, 125.0]
    assert [row["language_end"] for row in parsed] == ["bn", "bn", "en"]
    assert [row["started"] for row in parsed] == [s["started"] for s in sessions]


def test_stats_on_a_damaged_file_explains_on_stderr(data_dir, capsys):
    (data_dir / STATS_FILE).write_bytes(NOT_SQLITE)
    assert stats_command() == 1
    captured = capsys.readouterr()
    assert "damaged" in captured.err and "left as it is" in captured.err
    # Only the kiosk moves a damaged file aside: `stats` may run beside it and must change nothing.
    assert sorted(path.name for path in data_dir.iterdir()) == [STATS_FILE]
    assert (data_dir / STATS_FILE).read_bytes() == NOT_SQLITE


def _kiosk_file_of_format_1(root: pathlib.Path) -> None:
    """A counters file as the kiosk wrote it before answers were values of their kind: a choice index from 0."""
    import sqlite3

    db = sqlite3.connect(root / "kiosk-stats.sqlite3")
    db.executescript("""
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        INSERT INTO meta VALUES ('schema_version', '1');
        CREATE TABLE sessions (id INTEGER PRIMARY KEY, started_hour TEXT NOT NULL, language_start TEXT NOT NULL,
            language_end TEXT, completed INTEGER NOT NULL DEFAULT 0, seconds REAL,
            answers INTEGER NOT NULL DEFAULT 0);
        INSERT INTO sessions VALUES (1, '2026-11-30 10:00', 'bn', 'bn', 1, 80.0, 5);
        CREATE TABLE card_answers (card_id TEXT NOT NULL, choice INTEGER NOT NULL, kind TEXT NOT NULL,
            topic TEXT NOT NULL, grade TEXT NOT NULL, answers INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (card_id, choice));
        INSERT INTO card_answers VALUES ('grooming-gifts', 0, 'scenario', 'grooming', 'safe', 4);
        INSERT INTO card_answers VALUES ('grooming-gifts', 2, 'scenario', 'grooming', 'risky', 1);
    """)
    db.commit()
    db.close()


def test_an_old_kiosk_file_is_read_as_it_is_and_moved_to_the_new_format_with_its_counts(tmp_path):
    _kiosk_file_of_format_1(tmp_path)
    expected = [
        {"card_id": "grooming-gifts", "kind": "scenario", "topic": "grooming", "answer": "1", "grade": "safe", "answers": 4},
        {"card_id": "grooming-gifts", "kind": "scenario", "topic": "grooming", "answer": "3", "grade": "risky", "answers": 1},
    ]
    reader, notice = Stats.open_for_reading(tmp_path)  # `stats` beside an old kiosk: the file is not changed
    assert notice is None and reader.card_rows() == expected
    reader.close()
    stats = open_stats(tmp_path)  # the kiosk itself moves the file to the new format, keeping every count
    assert stats.card_rows() == expected
    session = stats.start_session("en")
    stats.record_answer(session, "rank-picnic-photos", "ranking", "privacy", "2-1-4-3", "partly_safe")
    stats.record_answer(session, "grooming-gifts", "scenario", "grooming", "1", "safe")
    rows = stats.card_rows()
    assert {"card_id": "rank-picnic-photos", "kind": "ranking", "topic": "privacy", "answer": "2-1-4-3",
            "grade": "partly_safe", "answers": 1} in rows
    assert next(r for r in rows if r["answer"] == "1")["answers"] == 5
    assert stats.summary()["sessions_started"] == 2
    stats.close()
