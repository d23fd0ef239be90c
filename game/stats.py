"""Anonymous kiosk counters: how many visitors played, in which language, and what they answered.

This module owns the counters database (SQLite, in the user data folder). It stores no names, no
free text and no exact times: only card, topic and language codes, answer numbers and grades,
the hour a session started, and how long it lasted.

Counting must never get in a visitor's way, so no method raises for a broken, missing or full
database; staff learn about problems from `StatsNotice`s instead.
"""
from __future__ import annotations

import errno
import math
import os
import re
import sqlite3
import stat
import statistics
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from game.content.ids import is_card_id
from game.engine.cards import GRADE_WORDS, Grade
from game.kinds import KIND_WORDS
from game.regular_file import kind_of_file

STATS_FILE = "kiosk-stats.sqlite3"
SCHEMA_VERSION = 2  # 2: an answer is kept as its kind writes it ("2", "2-1-4-3"); 1 kept a choice index

# SQLite's busy_timeout, which sqlite3.connect(timeout=...) sets. The kiosk writes from the UI
# thread, so a lock held by someone else (`python -m game stats` opening the file at the same
# moment) may stall one frame for at most this long.
_BUSY_TIMEOUT_SECONDS = 1.0

# Codes only: anything that could carry a visitor's own words is refused before it reaches the disk.
_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")
# An answer as its kind writes it: a choice's number, or an order of numbers ("2-1-4-3").
_ANSWER_CODE = re.compile(r"[0-9]{1,2}(-[0-9]{1,2}){0,7}")

_TABLES = (
    """CREATE TABLE IF NOT EXISTS sessions (
        id INTEGER PRIMARY KEY,
        started_hour TEXT NOT NULL,
        language_start TEXT NOT NULL,
        language_end TEXT,
        completed INTEGER NOT NULL DEFAULT 0,
        seconds REAL,
        answers INTEGER NOT NULL DEFAULT 0
    )""",
    # Totals per card and answer, not one row per answer: nobody can read back the sequence of
    # answers one visitor gave.
    """CREATE TABLE IF NOT EXISTS card_answers (
        card_id TEXT NOT NULL,
        answer TEXT NOT NULL,
        kind TEXT NOT NULL,
        topic TEXT NOT NULL,
        grade TEXT NOT NULL,
        answers INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (card_id, answer)
    )""",
)
# From format 1, whose card_answers kept the choice's index from 0: the same counts, each answer written as
# the screen numbers it (index + 1), in one transaction with the new format's number.
_MIGRATE_FROM_1 = (
    "ALTER TABLE card_answers RENAME TO card_answers_1",
    _TABLES[1],
    """INSERT INTO card_answers (card_id, answer, kind, topic, grade, answers)
       SELECT card_id, CAST(choice + 1 AS TEXT), kind, topic, grade, answers FROM card_answers_1
       WHERE typeof(choice) = 'integer' AND choice >= 0""",
    "DROP TABLE card_answers_1",
    "UPDATE meta SET value = '2' WHERE key = 'schema_version'",
)

_T = TypeVar("_T")

# A database another program holds locked (a backup tool, `stats` at the wrong moment, an antivirus
# scan) is tried again this often; the counts meanwhile wait in memory, at most this many.
_REOPEN_EVERY_SECONDS = 30.0
# What the reading queries accept as a count and as a duration (see summary).
_USABLE_COUNT = "typeof(answers) = 'integer' AND answers >= 0"
_USABLE_SECONDS = "typeof(seconds) IN ('integer', 'real') AND seconds >= 0"
_MAX_WAITING_WRITES = 20_000


@dataclass(frozen=True)
class StatsNotice:
    """Something staff should know about the counters; never shown as an exception to a visitor."""

    message: str  # plain English: what happened, to which file, and what to do
    path: Path  # the file concerned; for a damaged database, the name it was moved aside to


class _Damaged(Exception):
    """The file is not a healthy SQLite database."""


class _TooNew(Exception):
    """The file was written by a newer version of the game, in a format this one does not know."""


def _is_damage(exc: BaseException) -> bool:
    # SQLite's "malformed" and "not a database" arrive as plain DatabaseError. Its subclasses mean
    # something else (OperationalError: locked, read-only, disk full, cannot open), and a healthy
    # file must never be moved aside because of those.
    return isinstance(exc, _Damaged) or type(exc) is sqlite3.DatabaseError


def _is_busy(exc: BaseException) -> bool:
    """Another connection holds the database for now: worth trying again later."""
    if not isinstance(exc, sqlite3.OperationalError):
        return False
    name = getattr(exc, "sqlite_errorname", "")
    return name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in str(exc) or "busy" in str(exc)


def _sidecars(database: Path) -> tuple[Path, Path]:
    """The write-ahead log and its index, which belong to `database` and move with it."""
    return database.with_name(database.name + "-wal"), database.with_name(database.name + "-shm")


def _schema_version(connection: sqlite3.Connection) -> int | None:
    """The format the file was written in; None for a new, empty file."""
    has_meta = connection.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").fetchone()
    row = connection.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() if has_meta else None
    if row is None:
        return None
    if not str(row[0]).isdigit():
        raise _Damaged(f"schema version {row[0]!r}")
    return int(row[0])


def _check_existing(path: Path) -> None:
    """Raise if the file at `path` is damaged or from a newer game; a missing file is fine.

    The check reads only: a read-write connection would, on closing, fold the log into a damaged
    file or delete it, and the file and its log must be moved aside exactly as they were found.
    """
    if not path.exists():
        return
    probe = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=_BUSY_TIMEOUT_SECONDS)
    try:
        _check_health(probe)
    finally:
        probe.close()


def _check_health(connection: sqlite3.Connection) -> None:
    """Raise _Damaged or _TooNew unless the open database is sound and in a format we know."""
    problems = [str(row[0]) for row in connection.execute("PRAGMA quick_check").fetchall()]
    if problems != ["ok"]:
        raise _Damaged("; ".join(problems[:3]))
    version = _schema_version(connection)
    if version is not None and version > SCHEMA_VERSION:
        raise _TooNew(version)


def _connect(path: Path) -> sqlite3.Connection:
    """Open and check the database at `path`, creating it if needed. Raises on any problem."""
    _check_existing(path)
    # isolation_level=None: we write BEGIN and COMMIT ourselves, so each call is one transaction.
    connection = sqlite3.connect(path, timeout=_BUSY_TIMEOUT_SECONDS, isolation_level=None)
    try:
        # WAL: a crash or power cut at any moment leaves the last transaction either whole or not
        # at all, and the stats command can read while the kiosk writes.
        connection.execute("PRAGMA journal_mode = WAL")
        # FULL rather than NORMAL: with NORMAL a power cut may undo the last visits even after
        # end_session returned. A kiosk commits a few times a minute, so one more fsync per commit
        # costs nothing a visitor could notice.
        connection.execute("PRAGMA synchronous = FULL")
        # A small page cache is plenty for a few rows at a time, and keeps the counters' share of a
        # day-long kiosk's memory small (SQLite's default would grow to 2 MB).
        connection.execute("PRAGMA cache_size = -256")
        # IMMEDIATE also proves at once that we can write: a read-only file fails here, not mid-visit.
        connection.execute("BEGIN IMMEDIATE")
        try:
            connection.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            if _schema_version(connection) == 1:
                for statement in _MIGRATE_FROM_1:
                    connection.execute(statement)
            for statement in _TABLES:
                connection.execute(statement)
            connection.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', ?)",
                               (str(SCHEMA_VERSION),))
            connection.execute("COMMIT")
        except BaseException:
            _roll_back_quietly(connection)
            raise
    except BaseException:
        connection.close()
        raise
    return connection


def _move_aside(database: Path) -> Path:
    """Rename a damaged database (and its log) to kiosk-stats.corrupt-<time>.sqlite3; its new name."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    attempt = 1
    while True:
        extra = "" if attempt == 1 else f"-{attempt}"
        target = database.with_name(f"{database.stem}.corrupt-{stamp}{extra}{database.suffix}")
        if not any(os.path.lexists(p) for p in (target, *_sidecars(target))):
            break
        attempt += 1
    # The log goes first: a stale log left beside a fresh database would be replayed into it.
    for old, new in (*zip(_sidecars(database), _sidecars(target)), (database, target)):
        try:
            os.replace(old, new)
        except FileNotFoundError:
            pass
    return target


def _damaged_notice(database: Path, aside: Path) -> StatsNotice:
    return StatsNotice(
        f"The kiosk counters file {database} was damaged. It was moved aside to {aside} and "
        f"counting started again in a new {database.name}. The counts from before are not in the "
        f"new file; keep {aside} if you want to recover them, otherwise you may delete it.",
        aside,
    )


def _cannot_count_notice(database: Path, detail: str) -> StatsNotice:
    return StatsNotice(
        f"The kiosk counters cannot be saved to {database} ({detail}). The game works, but visits "
        f"are not being counted. Check that the folder {database.parent} exists, can be written to "
        f"and has free disk space, then restart the game.",
        database,
    )


def _not_a_file(database: Path) -> tuple[Path, str] | None:
    """The first of the counters file and its log files that is there but is not an ordinary file (a folder, a
    pipe, a device, a link to one), and what it is. SQLite would wait on a pipe for ever, or call a folder a
    disk I/O error; this is looked at, never opened."""
    for path in (database, *_sidecars(database), database.with_name(database.name + "-journal")):
        try:
            mode = os.stat(path).st_mode
        except FileNotFoundError:
            continue
        except OSError:
            continue  # a link that loops, a folder that may not be read: SQLite's own error says it
        if not stat.S_ISREG(mode):
            return path, kind_of_file(mode)
    return None


def _not_a_file_notice(path: Path, kind: str, counting: bool) -> StatsNotice:
    then = ("The game works, but visits are not being counted until it is moved away or deleted; then restart "
            "the game." if counting else "Move it away or delete it; the kiosk then starts a new counters file.")
    return StatsNotice(f"{path} is {kind} where the kiosk counters file belongs, so it was not opened. {then}", path)


def _describe(exc: BaseException) -> str:
    return str(exc) or type(exc).__name__


class Stats:
    """The kiosk counters. Obtain one with `Stats.open`; every method is safe to call in front of a
    visitor: none raises, and a Stats that cannot write quietly does nothing."""

    def __init__(self, path: Path, connection: sqlite3.Connection | None, reopen: bool = False):
        self._path = path
        self._connection = connection
        # SQLite goes on writing into a file deleted under it, and those counts would vanish:
        # each write first checks that the file on disk is still the one we opened.
        self._identity = _identity(path) if connection is not None else None
        self._pending: list[StatsNotice] = []
        self._reported: set[str] = set()  # each kind of problem is told to staff once
        # A database locked at start-up is opened later; a write refused by a lock waits here.
        self._reopen = reopen and connection is None
        self._next_open_try = time.monotonic() + _REOPEN_EVERY_SECONDS
        self._waiting: deque[Callable[[sqlite3.Connection], object]] = deque()
        # Session numbers are the game's own, so a visit can be counted before the database is
        # reached; each maps to the database's row once it is written.
        self._session_rows: dict[int, int] = {}
        self._last_session = 0

    @classmethod
    def open(cls, root: Path) -> tuple["Stats", StatsNotice | None]:
        """Open or create root/STATS_FILE.

        A damaged database is moved aside (see `_move_aside`) and a fresh one started; a folder
        that cannot be written gives a Stats that counts nothing. Either way a notice says so.
        Never raises for any of these.
        """
        database = Path(root) / STATS_FILE
        in_the_way = _not_a_file(database)
        if in_the_way is not None:
            return cls(database, None), _not_a_file_notice(*in_the_way, counting=True)
        try:
            database.parent.mkdir(parents=True, exist_ok=True)
            return cls(database, _connect(database)), None
        except _TooNew as exc:
            return cls(database, None), StatsNotice(
                f"The kiosk counters file {database} was written by a newer version of Nirapod "
                f"(format {exc}). This version leaves it untouched and counts nothing. Update the "
                f"game, or move the file elsewhere to start counting afresh.",
                database,
            )
        except (sqlite3.Error, OSError, _Damaged) as exc:
            if _is_busy(exc):
                return cls(database, None, reopen=True), StatsNotice(
                    f"The kiosk counters file {database} is locked by another program ({_describe(exc)}). "
                    f"Visits are counted in memory and written as soon as the file is free again; "
                    f"close the other program (a backup or a copy of the file) if this goes on.",
                    database,
                )
            if not _is_damage(exc):
                return cls(database, None), _cannot_count_notice(database, _describe(exc))
        try:
            aside = _move_aside(database)
        except OSError as exc:
            return cls(database, None), _cannot_count_notice(
                database, f"the file is damaged and could not be moved aside: {_describe(exc)}"
            )
        try:
            return cls(database, _connect(database)), _damaged_notice(database, aside)
        except (sqlite3.Error, OSError, _Damaged, _TooNew) as exc:
            return cls(database, None), _cannot_count_notice(
                database, f"the damaged file was moved aside to {aside}, but a new one could not be "
                f"started: {_describe(exc)}"
            )

    @classmethod
    def open_for_reading(cls, root: Path) -> tuple["Stats | None", StatsNotice | None]:
        """Open root/STATS_FILE to read only, for `python -m game stats`.

        Safe beside a running kiosk and on a read-only file or folder: nothing is created,
        changed or moved aside, whatever state the file is in. None with a notice when it cannot
        be read.
        """
        database = Path(root) / STATS_FILE
        try:
            os.stat(database)
            in_the_way = _not_a_file(database)
            if in_the_way is not None:
                return None, _not_a_file_notice(*in_the_way, counting=False)
        except OSError as exc:
            return None, StatsNotice(f"{database} cannot be read ({_describe(exc)}).", database)
        uri = database.resolve().as_uri()
        problem = None
        # Read-only mode still needs to write the shared-memory file of the live log; on a read-only
        # folder "immutable" reads the file alone (what was last checkpointed into it).
        for options in ("mode=ro", "mode=ro&immutable=1"):
            try:
                connection = sqlite3.connect(f"{uri}?{options}", uri=True, timeout=_BUSY_TIMEOUT_SECONDS,
                                             isolation_level=None)
            except sqlite3.Error as exc:
                problem = exc
                continue
            try:
                _check_health(connection)
                connection.execute("SELECT 1 FROM sessions LIMIT 1").fetchall()
                connection.execute("SELECT 1 FROM card_answers LIMIT 1").fetchall()
            except _TooNew as exc:
                connection.close()
                return None, StatsNotice(f"{database} was written by a newer version of Nirapod (format {exc}); "
                                         f"update the game to read it.", database)
            except (sqlite3.Error, _Damaged) as exc:
                connection.close()
                if _is_damage(exc):
                    return None, StatsNotice(
                        f"{database} is damaged ({_describe(exc)}). It was left as it is; the kiosk moves it "
                        f"aside and starts a new one the next time it starts.", database)
                problem = exc
                continue
            return cls(database, connection), None
        return None, StatsNotice(f"{database} cannot be read ({_describe(problem)}).", database)

    @property
    def counting(self) -> bool:
        """False once the database is out of reach for good; then every method does nothing."""
        return self._connection is not None or self._reopen

    # ----- writing, for the kiosk screens -----

    def start_session(self, language: str) -> int | None:
        """Count a new visitor; the session id to pass to the other calls, or None if not counting."""
        if not self._valid(language=_is_code(language)):
            return None
        if not self.counting:
            return None
        started_hour = datetime.now().strftime("%Y-%m-%d %H:00")
        self._last_session += 1
        session = self._last_session

        def insert(db: sqlite3.Connection) -> None:
            self._session_rows[session] = db.execute(
                "INSERT INTO sessions (started_hour, language_start) VALUES (?, ?)", (started_hour, language)
            ).lastrowid

        self._write(insert)
        return session

    def record_answer(
        self, session: int | None, card_id: str, kind: str, topic: str, answer: str, grade: str
    ) -> None:
        """Count one answer, as its kind writes it (CardKind.answer_code). Without a session (it could not be
        started) the card is still counted."""
        kind, grade = _plain(kind), _plain(grade)
        if not self._valid(
            session=session is None or _is_id(session),
            card_id=is_card_id(card_id),
            kind=kind in KIND_WORDS,
            topic=_is_code(topic),
            answer=isinstance(answer, str) and _ANSWER_CODE.fullmatch(answer) is not None,
            grade=grade in GRADE_WORDS,
        ):
            return

        def count(db: sqlite3.Connection) -> None:
            db.execute(
                """INSERT INTO card_answers (card_id, answer, kind, topic, grade, answers)
                   VALUES (?, ?, ?, ?, ?, 1)
                   ON CONFLICT (card_id, answer) DO UPDATE SET answers = answers + 1,
                       kind = excluded.kind, topic = excluded.topic, grade = excluded.grade""",
                (card_id, answer, kind, topic, grade),
            )
            if session in self._session_rows:
                db.execute("UPDATE sessions SET answers = answers + 1 WHERE id = ?", (self._session_rows[session],))

        self._write(count)

    def end_session(self, session: int | None, completed: bool, seconds: float, language: str) -> None:
        """Close a session once: whether the visitor finished, the time spent, the language at the end."""
        if session is None or not self._valid(session=_is_id(session), language=_is_code(language)):
            return
        # A clock that jumped gives a nonsense duration; the visit still counts, its time does not.
        duration = round(float(seconds), 1) if _is_duration(seconds) else None

        def close_session(db: sqlite3.Connection) -> None:
            if session in self._session_rows:
                db.execute(
                    """UPDATE sessions SET language_end = ?, completed = ?, seconds = ?
                       WHERE id = ? AND language_end IS NULL""",
                    (language, 1 if completed else 0, duration, self._session_rows[session]),
                )

        self._write(close_session)

    def close(self) -> None:
        """Stop counting; safe to call more than once. Counts still waiting for a lock get a last try."""
        if self._waiting and (self._connection is not None or self._open_again(now=True)):
            self._write_waiting()
        self._reopen = False
        connection, self._connection = self._connection, None
        if connection is not None:
            try:
                connection.close()
            except sqlite3.Error:
                pass

    def notices(self) -> list[StatsNotice]:
        """Problems met since the last call, for staff; each kind of problem is reported once."""
        pending, self._pending = self._pending, []
        return pending

    # ----- reading, for the stats command -----

    def summary(self) -> dict:
        """Totals: sessions started and completed, by language, time of completed sessions, answers.

        A session's language is the one it ended in (visitors switch to the one they read), or
        the one it started in if it never ended.
        """
        def read(db: sqlite3.Connection) -> dict:
            # Only values of the kind the game writes are added up: a file edited by hand (text in
            # a count column) gives a report without those values, not a traceback.
            started, completed, switched = db.execute(
                """SELECT COUNT(*), COALESCE(SUM(completed IS 1), 0),
                          COALESCE(SUM(language_end IS NOT NULL AND language_end <> language_start), 0)
                   FROM sessions"""
            ).fetchone()
            by_language = {
                str(language): {"started": language_started, "completed": language_completed}
                for language, language_started, language_completed in db.execute(
                    """SELECT COALESCE(language_end, language_start) AS language, COUNT(*),
                              COALESCE(SUM(completed IS 1), 0)
                       FROM sessions GROUP BY language ORDER BY language"""
                )
            }
            durations = [row[0] for row in db.execute(
                f"SELECT seconds FROM sessions WHERE completed IS 1 AND {_USABLE_SECONDS}")]
            answers = db.execute(f"SELECT COALESCE(SUM(answers), 0) FROM card_answers WHERE {_USABLE_COUNT}"
                                 ).fetchone()[0]
            return {
                "sessions_started": started,
                "sessions_completed": completed,
                "by_language": by_language,
                "switched_language": switched,
                "average_seconds": statistics.fmean(durations) if durations else None,
                "median_seconds": statistics.median(durations) if durations else None,
                "answers": answers,
            }

        empty = {"sessions_started": 0, "sessions_completed": 0, "by_language": {}, "switched_language": 0,
                 "average_seconds": None, "median_seconds": None, "answers": 0}
        return self._read(read, empty)

    def card_rows(self) -> list[dict]:
        """One row per (card_id, answer): card_id, kind, topic, answer (as the screen numbers it), grade, answers."""
        def read(db: sqlite3.Connection) -> list[dict]:
            # A file of format 1 read without changing it (`python -m game stats` beside an old kiosk's file).
            old = _schema_version(db) == 1
            answer = "CAST(choice + 1 AS TEXT)" if old else "CAST(answer AS TEXT)"
            usable = _USABLE_COUNT + (" AND typeof(choice) = 'integer' AND choice >= 0" if old else "")
            return [dict(zip(("card_id", "kind", "topic", "answer", "grade", "answers"), row)) for row in db.execute(
                f"""SELECT CAST(card_id AS TEXT), CAST(kind AS TEXT), CAST(topic AS TEXT), {answer} AS answer,
                           CAST(grade AS TEXT), answers
                    FROM card_answers WHERE {usable} ORDER BY card_id, answer""")]

        return self._read(read, [])

    def session_rows(self) -> list[dict]:
        """One row per session: id, started (date and hour only), language_start, language_end,
        completed, seconds, answers. A session that never ended has language_end and seconds None."""
        return self._read(lambda db: [
            {"id": id_, "started": started, "language_start": language_start, "language_end": language_end,
             "completed": bool(completed), "seconds": seconds, "answers": answers}
            for id_, started, language_start, language_end, completed, seconds, answers in db.execute(
                f"""SELECT id, CAST(started_hour AS TEXT), CAST(language_start AS TEXT), language_end,
                           completed IS 1, CASE WHEN {_USABLE_SECONDS} THEN seconds END,
                           CASE WHEN {_USABLE_COUNT} THEN answers ELSE 0 END
                    FROM sessions ORDER BY id""")
        ], [])

    # ----- the machinery -----

    def _valid(self, **checks: bool) -> bool:
        wrong = [name for name, ok in checks.items() if not ok]
        if wrong and self.counting:
            # The values themselves stay out of the message: they might be exactly what must
            # not be stored.
            self._tell("bad-value", StatsNotice(
                f"The game passed an unexpected {', '.join(wrong)} to the kiosk counters in "
                f"{self._path}; that event was not counted. This is a bug in the game: please report it.",
                self._path,
            ))
        return not wrong

    def _write(self, statements: Callable[[sqlite3.Connection], _T]) -> _T | None:
        """Run `statements` as one transaction; on failure roll back, tell staff, and return None.

        While another program holds the database locked, `statements` waits in memory with the
        others, in order, and they are written at the next write once the lock is gone.
        """
        if self._connection is None and not (self._reopen and self._open_again()):
            if self._reopen:
                self._wait(statements)
            return None
        if self._waiting and not self._write_waiting():
            self._wait(statements)
            return None
        done, result = self._transaction(statements)
        return result if done else None

    def _transaction(self, statements: Callable[[sqlite3.Connection], _T]) -> tuple[bool, _T | None]:
        connection = self._connection
        if connection is None:
            return False, None
        try:
            if not self._same_file():
                raise FileNotFoundError(errno.ENOENT, "deleted or replaced while the game was running",
                                        str(self._path))
            connection.execute("BEGIN IMMEDIATE")
            try:
                result = statements(connection)
                connection.execute("COMMIT")
            except BaseException:
                _roll_back_quietly(connection)
                raise
        except (sqlite3.Error, OSError) as exc:
            if _is_busy(exc):
                self._wait(statements)
                self._tell("locked", StatsNotice(
                    f"The kiosk counters file {self._path} is locked by another program; visits are kept in "
                    f"memory and written once it is free.", self._path))
            else:
                self._after_failed_write(exc)
            return False, None
        return True, result

    def _wait(self, statements: Callable[[sqlite3.Connection], object]) -> None:
        if len(self._waiting) >= _MAX_WAITING_WRITES:
            self._waiting.popleft()
            self._tell("overflow", StatsNotice(
                f"The kiosk counters file {self._path} has been locked so long that the oldest waiting "
                f"counts were dropped; close the program that holds it.", self._path))
        self._waiting.append(statements)

    def _write_waiting(self) -> bool:
        """Write the counts that waited for a lock, oldest first; False if some must wait on."""
        while self._waiting:
            statements = self._waiting.popleft()
            before = len(self._waiting)
            done, _ = self._transaction(statements)
            if not done:
                if len(self._waiting) > before:  # locked again: it went back to the end; keep the order
                    self._waiting.rotate(1)
                return self._connection is not None and not self._waiting
        return True

    def _open_again(self, now: bool = False) -> bool:
        """Try again to open a database that was locked at start-up; True once it is open."""
        if not now and time.monotonic() < self._next_open_try:
            return False
        self._next_open_try = time.monotonic() + _REOPEN_EVERY_SECONDS
        try:
            self._connection = _connect(self._path)
        except (sqlite3.Error, OSError, _Damaged, _TooNew) as exc:
            if not _is_busy(exc):
                self._reopen = False
                self._tell("stopped", StatsNotice(
                    f"Kiosk counting has stopped: {self._path} could not be opened ({_describe(exc)}). "
                    f"Restart the game to count again.", self._path))
            return False
        self._identity = _identity(self._path)
        self._reopen = False
        return True

    def _after_failed_write(self, exc: sqlite3.Error | OSError) -> None:
        if self._database_is_lost(exc):
            self.close()
            self._tell("stopped", StatsNotice(
                f"Kiosk counting has stopped: {self._path} is gone or can no longer be written "
                f"({_describe(exc)}). The counts saved before this are kept in the file if it still "
                f"exists. Fix the folder or the disk, then restart the game to count again.",
                self._path,
            ))
        else:
            self._tell("write-failed", StatsNotice(
                f"A kiosk count could not be saved to {self._path} ({_describe(exc)}). The counts "
                f"saved before are safe, and counting goes on. If this keeps happening, free some "
                f"disk space and check the folder {self._path.parent}.",
                self._path,
            ))

    def _database_is_lost(self, exc: BaseException) -> bool:
        """Whether writing can never succeed again in this run (as opposed to a full disk or a lock)."""
        if not self._same_file():
            return True
        # sqlite_errorname exists from Python 3.11; the checks on the file below cover 3.10.
        if getattr(exc, "sqlite_errorname", "").startswith(
            ("SQLITE_READONLY", "SQLITE_CORRUPT", "SQLITE_NOTADB", "SQLITE_CANTOPEN")
        ):
            return True
        if _is_damage(exc):
            return True
        return not (os.access(self._path, os.W_OK) and os.access(self._path.parent, os.W_OK))

    def _same_file(self) -> bool:
        return _identity(self._path) == self._identity

    def _read(self, query: Callable[[sqlite3.Connection], _T], empty: _T) -> _T:
        if self._connection is None and self._reopen:
            self._open_again(now=True)
        connection = self._connection
        if connection is None:
            return empty
        try:
            # One transaction, so the figures of one report all come from the same moment.
            connection.execute("BEGIN")
            try:
                return query(connection)
            finally:
                _roll_back_quietly(connection)
        except (sqlite3.Error, OSError) as exc:
            self._tell("read-failed", StatsNotice(
                f"The kiosk counters in {self._path} could not be read ({_describe(exc)}).", self._path))
            return empty

    def _tell(self, kind: str, notice: StatsNotice) -> None:
        if kind not in self._reported:
            self._reported.add(kind)
            self._pending.append(notice)


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_dev, status.st_ino


def _roll_back_quietly(connection: sqlite3.Connection) -> None:
    try:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
    except sqlite3.Error:
        pass  # SQLite rolls back by itself when the connection closes


def _plain(value: object) -> object:
    """A Grade member as its code; anything else unchanged."""
    return value.value if isinstance(value, Grade) else value


def _is_code(value: object) -> bool:
    return isinstance(value, str) and _CODE.fullmatch(value) is not None


def _is_id(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _is_duration(value: object) -> bool:
    return (isinstance(value, (int, float)) and not isinstance(value, bool)
            and math.isfinite(value) and value >= 0)
