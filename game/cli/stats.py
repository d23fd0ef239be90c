"""`python -m game stats`: what the kiosk counted, as a short report or as CSV for a spreadsheet."""
from __future__ import annotations

import argparse
import csv
import os
import sys
from collections import defaultdict
from pathlib import Path

from game.engine.cards import Grade

CARD_COLUMNS = ("card_id", "kind", "topic", "answer", "grade", "answers")
SESSION_COLUMNS = ("id", "started", "language_start", "language_end", "completed", "seconds", "answers")
TOP_CARDS = 10

# The report is for staff reading English; language names in their own script may not print on
# every console.
_LANGUAGE_NAMES_IN_ENGLISH = {"bn": "Bangla", "en": "English"}


def add_stats_parser(commands) -> None:
    """Add the `stats` command to argparse's subparsers object `commands`."""
    stats = commands.add_parser("stats", help="what the kiosk counted: a short report, or CSV")
    stats.add_argument("--csv", action="store_true", help="one CSV row per card and answer instead of the report")
    stats.add_argument("--sessions", action="store_true", help="with --csv: one row per session instead")


def run_stats(args: argparse.Namespace) -> int:
    # Imported here, not at the top: the game's own start-up builds this parser and should not load SQLite.
    from game.stats import STATS_FILE, Stats
    from game.storage import Storage

    if args.sessions and not args.csv:
        print("--sessions only works together with --csv.", file=sys.stderr)
        return 2
    columns = SESSION_COLUMNS if args.sessions else CARD_COLUMNS
    root = Storage().root
    database = root / STATS_FILE
    try:
        os.lstat(database)
        present = True
    except (FileNotFoundError, NotADirectoryError):
        present = False
    except OSError as exc:  # a folder that may not be looked into
        print(f"{database} cannot be read ({exc.strerror or exc}).", file=sys.stderr)
        if args.csv:
            _write_csv(columns, [])
        return 1
    if not present:
        # Opening would create an empty file; there is nothing to report, so leave the folder alone.
        # With --csv the sentence goes to stderr, so stdout stays a valid (empty) table.
        sentence = f"Nothing has been counted yet: there is no {STATS_FILE} in {root}."
        print(sentence, file=sys.stderr if args.csv else sys.stdout)
        if args.csv:
            _write_csv(columns, [])
        return 0

    # Read-only: safe beside a running kiosk, on a read-only folder, and on a damaged file,
    # which only the kiosk itself may move aside.
    stats, notice = Stats.open_for_reading(root)
    if stats is None:
        print(notice.message, file=sys.stderr)
        if args.csv:
            _write_csv(columns, [])
        return 1
    try:
        if args.csv:
            _write_csv(columns, stats.session_rows() if args.sessions else stats.card_rows())
        else:
            print(_report(database, stats.summary(), stats.card_rows()))
        for problem in stats.notices():
            print(problem.message, file=sys.stderr)
    finally:
        stats.close()
    return 0


def _report(database: Path, summary: dict, card_rows: list[dict]) -> str:
    started, completed = summary["sessions_started"], summary["sessions_completed"]
    lines = [f"Kiosk counters in {database}"]
    if started == 0:
        lines.append("No visits have been counted yet.")
        return "\n".join(lines)
    lines.append(f"Sessions: {started} started, {completed} completed ({_percent(completed, started)}).")
    for language, counts in summary["by_language"].items():
        name = _LANGUAGE_NAMES_IN_ENGLISH.get(language, language)
        lines.append(f"  {name} ({language}): {counts['started']} started, {counts['completed']} completed "
                     f"({_percent(counts['completed'], counts['started'])}).")
    if summary["switched_language"]:
        lines.append(f"  {summary['switched_language']} of these switched language; "
                     f"each is counted under the language it ended in.")
    if summary["median_seconds"] is not None:
        lines.append(f"Median time of a completed session: {_duration(summary['median_seconds'])} "
                     f"(average {_duration(summary['average_seconds'])}).")
    lines.append(f"Answers given: {summary['answers']}.")

    cards = _most_answered(card_rows)
    if cards:
        lines += ["", f"The {len(cards)} most-answered cards (safe share = answers graded safe):",
                  f"  {'answers':>7}  {'safe':>5}  card"]
        for card_id, topic, answers, safe in cards:
            lines.append(f"  {answers:>7}  {_percent(safe, answers):>5}  {card_id} ({topic})")
    return "\n".join(lines)


def _most_answered(card_rows: list[dict]) -> list[tuple[str, str, int, int]]:
    """(card_id, topic, answers, safe answers) of the most-answered cards, most first."""
    answers: dict[str, int] = defaultdict(int)
    safe: dict[str, int] = defaultdict(int)
    topics: dict[str, str] = {}
    for row in card_rows:
        answers[row["card_id"]] += row["answers"]
        if row["grade"] == Grade.SAFE.value:
            safe[row["card_id"]] += row["answers"]
        topics[row["card_id"]] = row["topic"]
    ranked = sorted(answers, key=lambda card_id: (-answers[card_id], card_id))[:TOP_CARDS]
    return [(card_id, topics[card_id], answers[card_id], safe[card_id]) for card_id in ranked]


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "-"


def _duration(seconds: float) -> str:
    whole = round(seconds)
    minutes, rest = divmod(whole, 60)
    return f"{minutes} min {rest:02d} s" if minutes else f"{rest} s"


def _write_csv(columns: tuple[str, ...], rows: list[dict]) -> None:
    out = sys.stdout
    if (getattr(out, "encoding", None) or "").lower().replace("-", "") != "utf8":
        try:
            out.reconfigure(encoding="utf-8")
        except (AttributeError, ValueError, OSError):
            pass  # not a reconfigurable text stream; card ids and codes are ASCII anyway
    # "\n" because stdout already turns it into the platform's line ending.
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({column: _csv_value(row[column]) for column in columns})


def _csv_value(value: object) -> object:
    # 1 and 0 rather than True and False, so a spreadsheet can add them up; a blank for "unknown".
    if isinstance(value, bool):
        return int(value)
    return "" if value is None else value
