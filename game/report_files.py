"""Reading saved workshop reports back (from this PC's data folder or from folders copied off USB sticks): each
report CSV, with its before-and-after check beside it, becomes one Workshop of plain codes. No pygame.

A report is written in the language the workshop was played in, so its headings and words are matched against
both languages. A file that is not a Nirapod report, or cannot be read, is named with the reason and skipped;
copies of one workshop (the same workshop id) count once.
"""
from __future__ import annotations

import csv
import hashlib
import io
import os
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from game.engine.cards import Card, Grade
from game.i18n import Translator
from game.kinds import kind_of
from game.regular_file import read_regular_file
from game.report import (CHECK_HEADINGS, CHECK_SUFFIX, FILE_PREFIX, MODE_WORDS, REPORTS_DIR, WORKSHOP_NAMESPACE,
                         RowKind, card_headings, row_status)
from game.words import TOPIC_NAMES, answer_word, topic_name

MAX_REPORT_BYTES = 16 * 1024 * 1024  # a workshop's report is a few kilobytes
MAX_FOLDER_FILES = 100_000  # a USB stick's whole tree is searched, but not without end
_LEGACY_COLUMNS = 21  # reports written before the deck, the place and the workshop id had these columns only
# The columns after those, in a report of today: the card's deck, the place label, the workshop id.
_PLACE, _WORKSHOP = _LEGACY_COLUMNS + 1, _LEGACY_COLUMNS + 2  # the deck stands at _LEGACY_COLUMNS


@dataclass(frozen=True)
class PlayedCard:
    """One card a team answered, in codes: the same in a Bangla and an English report."""

    card_id: str
    kind: str  # the kind's word ("" when the card is not in the decks installed here)
    topic: str
    answer: str  # its kind's answer_code, as the report wrote it
    grade: Grade | None
    points: int
    best_points: int = 3  # what its best answer earns, as its kind scores it (3 when the card is not known here)


@dataclass
class Workshop:
    """One saved report read back."""

    workshop_id: str
    date: str  # YYYY-MM-DD, as the report wrote it
    start_time: str  # HH:MM
    place: str
    mode: str  # facilitator, classroom or kiosk ("" when not known)
    language: str  # the language it was played in: bn or en
    teams: tuple[str, ...]  # only to number them: a team's name never leaves this module's caller's PC
    cards: list[tuple[int, PlayedCard]]  # (team number from 0, the card)
    check: dict[str, dict[str, tuple[int, int]]] = field(default_factory=dict)  # phase -> topic -> (right, answered)
    source: Path = Path()


@dataclass
class ReadReports:
    """What a search of folders found: the workshops (once each), the copies left out, the files skipped and why."""

    workshops: list[Workshop] = field(default_factory=list)
    copies: list[Path] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)


class NotAReport(Exception):
    """The file is not a Nirapod report, or cannot be read as one; the message says why, in English."""


class _Words:
    """A report's words in both languages, mapped back to codes."""

    def __init__(self, translators: Mapping[str, Translator]):
        self.headings = {lang: card_headings(tr) for lang, tr in translators.items()}
        self.grades: dict[str, Grade] = {}
        self.modes: dict[str, str] = {}
        self.topics: dict[str, str] = {}
        self.answered: set[str] = set()
        for tr in translators.values():
            for grade in Grade:
                self.grades[answer_word(tr, grade, False)] = grade
            # A right-or-wrong card says Correct (graded safe) or Not quite (graded risky).
            self.grades[answer_word(tr, Grade.SAFE, True)] = Grade.SAFE
            self.grades[answer_word(tr, Grade.RISKY, True)] = Grade.RISKY
            for mode, word in MODE_WORDS.items():
                self.modes[tr._(word)] = mode
            for topic in TOPIC_NAMES:
                self.topics[topic_name(tr, topic)] = topic
            self.answered.add(row_status(tr, _AnsweredRow))


class _AnsweredRow:  # what row_status needs to say "Answered"
    kind = RowKind.ANSWERED


def read_report(path: Path, cards: Mapping[str, Card], words: _Words) -> Workshop:
    """One report CSV as a Workshop; raises NotAReport saying why it is not one."""
    try:
        data = read_regular_file(path, MAX_REPORT_BYTES)
    except OSError as error:
        raise NotAReport(f"it cannot be read ({error.strerror or error})") from error
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise NotAReport(f"it is not UTF-8 text (byte {error.start + 1})") from error
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise NotAReport(f"it is not CSV ({error})") from error
    if not rows:
        raise NotAReport("it is empty")
    heading = rows[0]
    language = next((lang for lang, names in words.headings.items()
                     if heading == names or heading == names[:_LEGACY_COLUMNS]), None)
    if language is None:
        raise NotAReport("line 1 is not the heading of a Nirapod report")
    teams: list[str] = []
    played: list[tuple[int, PlayedCard]] = []
    place = workshop = ""
    for line, row in enumerate(rows[1:], start=2):
        if len(row) != len(heading):
            raise NotAReport(f"line {line} has {len(row)} columns, the heading {len(heading)}")
        if len(row) > _LEGACY_COLUMNS:
            place, workshop = row[_PLACE], row[_WORKSHOP]
        team = row[5]
        if team not in teams:
            teams.append(team)
        if row[15] not in words.answered:
            continue  # skipped, put aside or a bonus only: not a card answered
        card_id = row[16]
        card = cards.get(card_id)
        topic = card.topic if card is not None else words.topics.get(row[6], "")
        try:
            points = int(row[11] or 0)
        except ValueError:
            raise NotAReport(f"line {line}, column {11 + 1}: points '{row[11][:20]}' is not a number") from None
        best = 3
        if card is not None and kind_of(card).best_answers(card):
            best = max(kind_of(card).points(card, answer) for answer in kind_of(card).best_answers(card))
        played.append((teams.index(team), PlayedCard(card_id, kind_of(card).word if card is not None else "", topic,
                                                     row[8], words.grades.get(row[10]), points, max(best, points))))
    first = rows[1] if len(rows) > 1 else ["", "", "", ""]
    if workshop:
        try:
            uuid.UUID(workshop)
        except ValueError:
            raise NotAReport(f"its workshop id '{workshop[:40]}' (column {_WORKSHOP + 1}) is damaged") from None
    else:
        # A report from before workshop ids: its content names it, so two copies of it get the same id.
        workshop = str(uuid.uuid5(WORKSHOP_NAMESPACE, hashlib.sha256(text.encode("utf-8")).hexdigest()))
    result = Workshop(workshop, first[0], first[1], place, words.modes.get(first[3], ""), language, tuple(teams),
                      played, source=path)
    result.check = _read_check(path.with_name(f"{path.stem}{CHECK_SUFFIX}.csv"))
    return result


def _read_check(path: Path) -> dict[str, dict[str, tuple[int, int]]]:
    """The before-and-after check's counts beside a report; none when there is no such file or it is not one."""
    try:
        rows = list(csv.reader(io.StringIO(read_regular_file(path, MAX_REPORT_BYTES).decode("utf-8-sig"))))
    except (OSError, UnicodeDecodeError, csv.Error):
        return {}
    if not rows or tuple(rows[0]) != CHECK_HEADINGS:
        return {}
    check: dict[str, dict[str, tuple[int, int]]] = {}
    for row in rows[1:]:
        if len(row) != len(CHECK_HEADINGS):
            continue
        for phase, answered, right in (("before", row[1], row[2]), ("after", row[3], row[4])):
            if answered.isdigit() and right.isdigit():
                check.setdefault(phase, {})[row[0]] = (int(right), int(answered))
    return check


def report_paths(folder: Path) -> list[Path]:
    """The session reports in a data folder (its reports/ folder), a report folder, or anywhere below it."""
    folder = Path(folder)
    if folder.is_file():
        return [folder]
    found = []
    for count, (directory, dirs, names) in enumerate(os.walk(folder)):
        dirs.sort()
        if count > MAX_FOLDER_FILES:
            break
        for name in sorted(names):
            if name.startswith(FILE_PREFIX) and name.endswith(".csv") and not name.endswith(f"{CHECK_SUFFIX}.csv"):
                found.append(Path(directory) / name)
    return found


def read_reports(folders: list[Path], cards: Mapping[str, Card], translators: Mapping[str, Translator]) -> ReadReports:
    """Every report under `folders`, each workshop once, oldest first; never raises for a file's content."""
    words = _Words(translators)
    result = ReadReports()
    seen: set[str] = set()
    for folder in folders:
        folder = Path(folder)
        if not folder.exists():
            result.skipped.append((folder, "it does not exist"))
            continue
        paths = report_paths(folder)
        if not paths:
            result.skipped.append((folder, f"it holds no workshop reports ({FILE_PREFIX}....csv)"))
        for path in paths:
            try:
                workshop = read_report(path, cards, words)
            except NotAReport as problem:
                result.skipped.append((path, str(problem)))
                continue
            if workshop.workshop_id in seen:
                result.copies.append(path)
                continue
            seen.add(workshop.workshop_id)
            result.workshops.append(workshop)
    result.workshops.sort(key=lambda w: (w.date, w.start_time, w.workshop_id))
    return result


def local_reports(root: Path) -> list[Path]:
    """The reports folder of this PC's data folder."""
    return [Path(root) / REPORTS_DIR]

