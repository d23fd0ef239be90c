"""The anonymous session report a facilitator sends to the school: what each team answered, as CSV
and as a one-page image, saved under the user data folder.

It names teams only. Every word goes through the translator and every number through its number
helpers, so a Bangla facilitator gets a Bangla report with Bangla digits. This module does not
import pygame; the page image is drawn by game.ui.report_page, which the caller hands in.
"""
from __future__ import annotations

import csv
import enum
import io
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Callable

from game.engine.cards import Grade
from game.engine.game import Game
from game.engine.rules import BonusReason, Refusal, apply, new_state
from game.engine.scoring import ranking, safe_rate_by_topic
from game.i18n import N_, Translator
from game.storage import StorageError, StorageNotice, atomic_write_bytes, write_notice
from game.words import card_summary, choice_labels, grade_word, topic_name

REPORTS_DIR = "reports"  # under the user data folder
_FILE_PREFIX = "session-"
_STAMP_FORMAT = "%Y%m%d-%H%M%S"  # file names keep ASCII digits whatever the language

# What a bonus was given for, read after the "Bonus for" heading. Not the "+1 for ..." button
# labels: a spreadsheet would take a cell starting with "+" for a formula.
BONUS_WORDS = {
    BonusReason.GOOD_DISCUSSION: N_("a good discussion"),
    BonusReason.NAMED_HELP: N_("naming a way to get help"),
}

# A spreadsheet runs a cell that starts with one of these as a formula; a team name typed as
# "=HYPERLINK(...)" must stay text when the school opens the file.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class RowKind(enum.Enum):
    ANSWERED = "answered"
    SKIPPED = "skipped"  # the facilitator skipped the card; it was not discussed to the end
    PUT_ASIDE = "put_aside"  # parked and never brought back before the game ended
    BONUS = "bonus"  # a bonus for a team other than the one that answered this turn's card


@dataclass(frozen=True)
class CardRow:
    """One line of the report, in the order things happened; words are added in the reader's language."""

    kind: RowKind
    turn: int  # 0-based, as in the engine
    team: int
    card_id: str
    topic: str
    choice: int | None = None
    grade: Grade | None = None
    points: int = 0  # for the answer only
    bonus: int = 0
    bonus_reasons: tuple[BonusReason, ...] = ()
    seconds: int | None = None


@dataclass(frozen=True)
class ReportFiles:
    csv: Path
    image: Path | None
    when: datetime


def card_rows(game: Game) -> list[CardRow]:
    """Every card answered, skipped or left aside, and every bonus, in playing order.

    Answers and bonuses come from the final state, so a scoring the facilitator undid is not in
    the report. Skipped and parked cards leave no trace in the state, so the log is replayed to
    see which card was on the table when the facilitator skipped or parked it.
    """
    state = game.state
    skipped: list[tuple[int, CardRow]] = []
    last_parked: dict[str, tuple[int, CardRow]] = {}
    replayed = new_state(game.config, game.pool)
    for position, action in enumerate(game.log):
        if action.type in ("skip", "park") and replayed.card_id is not None:
            card = game.cards[replayed.card_id]
            kind = RowKind.SKIPPED if action.type == "skip" else RowKind.PUT_ASIDE
            row = CardRow(kind, replayed.turn, replayed.team, card.id, card.topic)
            if kind is RowKind.SKIPPED:
                skipped.append((position, row))
            else:
                last_parked[card.id] = (position, row)
        outcome = apply(game.config, game.pool, game.cards, replayed, action)
        if not isinstance(outcome, Refusal):
            replayed = outcome
    # A parked card that came back was answered or skipped later and is listed there.
    still_aside = [entry for card_id, entry in last_parked.items() if card_id in state.parked]

    ordered: list[tuple[tuple[int, int, int], CardRow]] = []
    for position, row in skipped + still_aside:
        # Within a turn, cards set aside come before the one finally answered.
        ordered.append(((row.turn, 0, position), row))
    # Bonuses are only given once a turn's answer is shown, and undo takes them back before the
    # answer, so every bonus belongs to a turn with a result.
    for result in state.results:
        bonuses = [b for b in state.bonuses if b.turn == result.turn]
        own = [b for b in bonuses if b.team == result.team]
        ordered.append(((result.turn, 1, 0), CardRow(
            RowKind.ANSWERED, result.turn, result.team, result.card_id, result.topic,
            choice=result.choice, grade=result.grade, points=result.points,
            bonus=sum(b.points for b in own), bonus_reasons=tuple(b.reason for b in own),
            seconds=result.seconds)))
        for other in sorted({b.team for b in bonuses} - {result.team}):
            given = [b for b in bonuses if b.team == other]
            ordered.append(((result.turn, 2, other), CardRow(
                RowKind.BONUS, result.turn, other, result.card_id, result.topic,
                bonus=sum(b.points for b in given), bonus_reasons=tuple(b.reason for b in given))))
    return [row for _, row in sorted(ordered, key=lambda item: item[0])]


# ---- words ----------------------------------------------------------------------------------


def session_time(tr: Translator, when: datetime) -> str:
    """The date and time of the session as the report's language writes them."""
    from babel.dates import format_date  # only the report needs month names

    shown = f"{format_date(when, 'long', locale=tr.language)}, {when:%H:%M}"
    return tr.digits(shown)


def discussion_time(tr: Translator, seconds: int | None) -> str:
    """Minutes and seconds, e.g. 2:05; empty when the discussion was not timed."""
    if seconds is None:
        return ""
    minutes, rest = divmod(max(0, seconds), 60)
    return tr.digits(f"{minutes}:{rest:02d}")


def bonus_words(tr: Translator, reasons: tuple[BonusReason, ...]) -> str:
    return "; ".join(tr._(BONUS_WORDS[reason]) for reason in reasons)


def row_status(tr: Translator, row: CardRow) -> str:
    """What happened to a card that was not answered; empty for an answer or a bonus."""
    if row.kind is RowKind.SKIPPED:
        return tr._("Skipped")
    if row.kind is RowKind.PUT_ASIDE:
        return tr._("Put aside, not played")
    return ""


def _card_headings(tr: Translator) -> list[str]:
    return [tr._("Turn"), tr._("Team"), tr._("Topic"), tr._("Card"), tr._("Choice"), tr._("Grade"),
            tr._("Points"), tr._("Bonus"), tr._("Bonus for"), tr._("Discussion time"), tr._("Card id")]


def _card_cells(game: Game, tr: Translator, row: CardRow) -> list[str]:
    card = game.cards[row.card_id]
    answered = row.kind is RowKind.ANSWERED
    choice = choice_labels(tr, card)[row.choice] if answered else row_status(tr, row)
    return [
        tr.number(row.turn + 1),
        game.config.teams[row.team],
        topic_name(tr, row.topic),
        card_summary(tr, card),
        choice,
        grade_word(tr, row.grade) if row.grade is not None else "",
        tr.number(row.points) if answered else "",
        tr.number(row.bonus) if row.kind in (RowKind.ANSWERED, RowKind.BONUS) else "",
        bonus_words(tr, row.bonus_reasons),
        discussion_time(tr, row.seconds),
        row.card_id,
    ]


def report_rows(game: Game, tr: Translator) -> list[list[str]]:
    """The per-card table: a heading row, then one row per card (see card_rows), in tr's language."""
    return [_card_headings(tr)] + [_card_cells(game, tr, row) for row in card_rows(game)]


def _total_rows(game: Game, tr: Translator) -> list[list[str]]:
    headings = [tr._("Place"), tr._("Team"), tr._("Points"), tr._("Bonus"), grade_word(tr, Grade.SAFE),
                grade_word(tr, Grade.PARTLY_SAFE), grade_word(tr, Grade.RISKY), tr._("Safe-choice rate")]
    rows = [headings]
    for place, total in ranking(game.state, len(game.config.teams)):
        rate = total.safe_rate
        rows.append([tr.number(place), game.config.teams[total.team], tr.number(total.points),
                     tr.number(total.bonus), tr.number(total.safe), tr.number(total.partly_safe),
                     tr.number(total.risky), tr.percent(rate) if rate is not None else ""])
    return rows


def _topic_rows(game: Game, tr: Translator) -> list[list[str]]:
    rows = [[tr._("Topic"), tr._("Answers"), tr._("Safe-choice rate")]]
    for topic, rate in safe_rate_by_topic(game.state).items():
        answers = sum(result.topic == topic for result in game.state.results)
        rows.append([topic_name(tr, topic), tr.number(answers), tr.percent(rate)])
    return rows


def _as_text(cell: str) -> str:
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def report_csv(game: Game, tr: Translator, when: datetime | None = None) -> str:
    """The whole report as CSV text: a title row with the session time, the per-card rows, the
    team totals and the safe-choice rate per topic, the sections separated by a blank line."""
    when = when or datetime.now()
    sections = [
        [[tr._("Nirapod workshop report"), session_time(tr, when)]],
        report_rows(game, tr),
        _total_rows(game, tr),
        _topic_rows(game, tr),
    ]
    out = io.StringIO()
    # CRLF line ends, as the CSV standard and Excel expect.
    writer = csv.writer(out, lineterminator="\r\n")
    for number, rows in enumerate(sections):
        if number:
            writer.writerow([])
        writer.writerows([[_as_text(cell) for cell in row] for row in rows])
    return out.getvalue()


# ---- files ----------------------------------------------------------------------------------


def _folder(root: Path) -> Path:
    return Path(root) / REPORTS_DIR


def save_report(root: Path, game: Game, tr: Translator,
                page_png: Callable[[Game, Translator, datetime], bytes | None] | None,
                when: datetime) -> tuple[ReportFiles | None, StorageNotice | None]:
    """Write root/reports/session-<when>.csv and .png, each atomically.

    `page_png` draws the one-page image (game/ui/report_page.py draws it with pygame; this module
    does not import it). Never raises for a write problem: the notice says what went wrong. Files is None only when
    nothing was saved; if the CSV was written but the image was not, files has image None (with
    a notice for a write problem, without one when the page could not be drawn for want of a
    font: the CSV is the record). The CSV starts with a byte-order mark so Excel reads the
    Bangla in it as UTF-8.
    """
    when = when.replace(microsecond=0)  # the file name keeps whole seconds; so does everything else
    folder = _folder(root)
    stem = _FILE_PREFIX + when.strftime(_STAMP_FORMAT)
    csv_path, image_path = folder / f"{stem}.csv", folder / f"{stem}.png"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(csv_path, report_csv(game, tr, when).encode("utf-8-sig"))
    except StorageError as exc:
        return None, exc.notice
    except OSError as exc:
        return None, write_notice(folder, exc)

    image = page_png(game, tr, when) if page_png is not None else None
    if image is None:
        return ReportFiles(csv_path, None, when), None
    try:
        atomic_write_bytes(image_path, image)
    except StorageError as exc:
        return ReportFiles(csv_path, None, when), exc.notice
    return ReportFiles(csv_path, image_path, when), None


def list_reports(root: Path) -> list[ReportFiles]:
    """The reports saved under root, oldest first and newest last; none if the folder is missing."""
    folder = _folder(root)
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    found = []
    for name in names:
        stem, dot, extension = name.rpartition(".")
        if not (dot and extension == "csv" and stem.startswith(_FILE_PREFIX)):
            continue
        try:
            when = datetime.strptime(stem[len(_FILE_PREFIX):], _STAMP_FORMAT)
        except ValueError:
            continue  # not one of ours
        image = folder / f"{stem}.png"
        found.append(ReportFiles(folder / name, image if image.is_file() else None, when))
    return sorted(found, key=lambda files: files.when)
