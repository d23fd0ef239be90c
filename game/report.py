"""The anonymous session report a facilitator sends to the school: what each team answered, as CSV
and as a one-page image, saved under the user data folder.

It names teams only. Every word goes through the translator, so a Bangla facilitator gets a Bangla
report; the CSV's number columns keep plain digits in every language so a spreadsheet can add
them up, while the page image writes the reader's digits. This module does not import pygame; the
page image is drawn by game.ui.report_page, which the caller hands in.
"""
from __future__ import annotations

import csv
import enum
import io
import os
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Callable, Mapping

from game.engine.cards import Grade
from game.kinds import Answer, kind_of
from game.engine.game import Game
from game.engine.rules import BonusReason, Refusal, apply, new_state
from game.i18n import N_, Translator
from game.storage import Document, StorageError, StorageNotice, atomic_write_bytes, write_notice
from game.words import answer_word, card_summary, label_text, topic_name

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
    answer: Answer | None = None  # the team's answer, a value of its card's kind
    grade: Grade | None = None
    points: int = 0  # for the answer only
    bonus: int = 0
    bonus_reasons: tuple[BonusReason, ...] = ()
    seconds: int | None = None
    votes: tuple[int, ...] | None = None  # the phones' votes per choice, when the team answered on phones


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
            answer=result.answer, grade=result.grade, points=result.points,
            bonus=sum(b.points for b in own), bonus_reasons=tuple(b.reason for b in own),
            seconds=result.seconds, votes=result.votes)))
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


MAX_CHOICES = 4  # a scenario has 2 to 4 choices (game/content/decks.py): one vote column each


# Plain digits in every number column, whatever the language: a spreadsheet reads Bangla digits
# as text and cannot add them up. The page image keeps the reader's digits.
def _card_headings(tr: Translator) -> list[str]:
    return [tr._("Date"), tr._("Start time"), tr._("Session minutes"), tr._("Mode"), tr._("Turn"), tr._("Team"),
            tr._("Topic"), tr._("Card"), tr._("Choice number"), tr._("Choice"), tr._("Grade"), tr._("Points"),
            tr._("Bonus"), tr._("Bonus for"), tr._("Discussion seconds"), tr._("Status"), tr._("Card id")] + [
        tr.format(tr._("Phone votes for choice {number}"), number=number)
        for number in range(1, MAX_CHOICES + 1)]


@dataclass(frozen=True)
class Session:
    """What every row of a report repeats about the session, so each row stands on its own."""

    when: datetime  # when the game ended and the report was made
    started: datetime | None = None  # when the game started; None when not known
    mode: str = "facilitator"


_MODE_WORDS = {"facilitator": N_("Workshop"), "classroom": N_("Classroom"), "kiosk": N_("Kiosk")}


def _session_cells(tr: Translator, session: Session) -> list[str]:
    minutes = ""
    if session.started is not None and session.started <= session.when:
        minutes = str(round((session.when - session.started).total_seconds() / 60))
    started = session.started or session.when
    mode = tr._(_MODE_WORDS[session.mode]) if session.mode in _MODE_WORDS else session.mode
    return [started.strftime("%Y-%m-%d"), started.strftime("%H:%M"), minutes, mode]


def _card_cells(game: Game, tr: Translator, row: CardRow) -> list[str]:
    card = game.cards[row.card_id]
    kind = kind_of(card)
    answered = row.kind is RowKind.ANSWERED
    return [
        str(row.turn + 1),
        game.config.teams[row.team],
        topic_name(tr, row.topic),
        card_summary(tr, card),
        kind.answer_code(row.answer) if answered else "",  # numbered as on the screen: 1-4
        " ".join(label_text(tr, line) for line in kind.reveal(card, row.answer).answer_lines) if answered else "",
        answer_word(tr, row.grade, kind.right_or_wrong) if row.grade is not None else "",
        str(row.points) if answered else "",
        str(row.bonus) if row.kind in (RowKind.ANSWERED, RowKind.BONUS) else "",
        bonus_words(tr, row.bonus_reasons),
        str(max(0, row.seconds)) if row.seconds is not None else "",
        row_status(tr, row),
        row.card_id,
    ] + _vote_cells(row.votes)


def _vote_cells(votes: tuple[int, ...] | None) -> list[str]:
    """How many phones voted for each choice (counts only, never who); empty without phones, and on a card put
    in order, whose phones voted for orders rather than choices."""
    if votes is not None and len(votes) > MAX_CHOICES:
        votes = None
    return [str(votes[i]) if votes is not None and i < len(votes) else "" for i in range(MAX_CHOICES)]


def row_status(tr: Translator, row: CardRow) -> str:
    """What happened to the card in this row."""
    return tr._({RowKind.ANSWERED: N_("Answered"), RowKind.SKIPPED: N_("Skipped"),
                 RowKind.PUT_ASIDE: N_("Put aside, not played"), RowKind.BONUS: N_("Bonus only")}[row.kind])


def report_rows(game: Game, tr: Translator, session: Session | None = None) -> list[list[str]]:
    """The report's one table: a heading row, then one row per card (see card_rows), in tr's language."""
    session_cells = _session_cells(tr, session or Session(datetime.now()))
    return [_card_headings(tr)] + [session_cells + _card_cells(game, tr, row) for row in card_rows(game)]


def _as_text(cell: str) -> str:
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def report_csv(game: Game, tr: Translator, when: datetime | None = None, started: datetime | None = None,
               mode: str = "facilitator") -> str:
    """The report as CSV text: one tidy table, one row per card, each row with the session's date,
    length and mode, so reports of many sessions can be pasted under each other. Totals and the
    safe-choice rate per topic are on the page image; a spreadsheet works them out from the rows."""
    session = Session((when or datetime.now()).replace(microsecond=0), started, mode)
    out = io.StringIO()
    # CRLF line ends, as the CSV standard and Excel expect.
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows([[_as_text(cell) for cell in row] for row in report_rows(game, tr, session)])
    return out.getvalue()


# ---- files ----------------------------------------------------------------------------------


# {"before"|"after": {topic: (right, answered)}}: the phones' before-and-after check, counts only.
CheckResults = Mapping[str, Mapping[str, tuple[int, int]]]
CHECK_SUFFIX = "-check"
CHECK_HEADINGS = ("topic", "answered before", "right before", "answered after", "right after")


def check_rows(results: CheckResults) -> list[list[str]]:
    """One row per topic asked: how many answers came before and after, and how many were right; plain
    digits, empty for a check that did not run. Nothing about a phone."""
    topics = sorted({topic for counts in results.values() for topic in counts})
    rows = []
    for topic in topics:
        row = [topic]
        for phase in ("before", "after"):
            counts = results.get(phase)
            if counts is None:
                row += ["", ""]
            else:
                right, answered = counts.get(topic, (0, 0))
                row += [str(answered), str(right)]
        rows.append(row)
    return rows


def check_csv(results: CheckResults) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CHECK_HEADINGS)
    writer.writerows(check_rows(results))
    return out.getvalue()


def _folder(root: Path) -> Path:
    return Path(root) / REPORTS_DIR


# Draws the one-page picture of a finished game as PNG bytes, or None when it cannot (a font missing).
PagePainter = Callable[[Game, Translator, datetime], "bytes | None"]


@dataclass(eq=False)  # compared by identity: which item is still waiting
class _Unsaved:
    """A report, or the part of it, that could not be written yet: kept in memory for another try."""

    path: Path
    data: bytes


@dataclass
class ReportKeeper:
    """Writes session reports, and keeps in memory any it could not write until a retry succeeds.

    A full disk or a read-only folder at the end of a workshop must not lose the report: the
    caller retries at every step and when the game closes, and each retry says what happened.
    """

    root: Path
    unsaved: list[_Unsaved] = field(default_factory=list)

    def save(self, game: Game, tr: Translator, page_png: PagePainter | None, when: datetime,
             started: datetime | None = None, mode: str = "facilitator") -> tuple[ReportFiles | None, StorageNotice | None]:
        """Write root/reports/session-<when>.csv and .png; see save_report."""
        when = when.replace(microsecond=0)  # the file name keeps whole seconds; so does everything else
        folder = _folder(self.root)
        stem = _FILE_PREFIX + when.strftime(_STAMP_FORMAT)
        csv_path, image_path = folder / f"{stem}.csv", folder / f"{stem}.png"
        # The CSV starts with a byte-order mark so Excel reads the Bangla in it as UTF-8.
        pending = [_Unsaved(csv_path, report_csv(game, tr, when, started, mode).encode("utf-8-sig"))]
        image = page_png(game, tr, when) if page_png is not None else None
        if image is not None:
            pending.append(_Unsaved(image_path, image))
        notice = self._write_all(pending)
        written = [item.path for item in pending if item not in self.unsaved]
        if csv_path not in written:
            return None, notice
        return ReportFiles(csv_path, image_path if image_path in written else None, when), notice

    def save_check(self, report_csv: Path, results: CheckResults) -> tuple[Path | None, StorageNotice | None]:
        """Write the before-and-after check's counts beside the session report, as session-<when>-check.csv;
        the report itself is never touched. Kept for a retry like the report when the disk refuses."""
        item = _Unsaved(report_csv.with_name(f"{report_csv.stem}{CHECK_SUFFIX}.csv"), check_csv(results).encode("utf-8"))
        notice = self._write_all([item])
        return (None if item in self.unsaved else item.path), notice

    def retry(self) -> tuple[list[Path], StorageNotice | None]:
        """Try again to write what could not be written; the paths now saved, and a notice if some are still not."""
        if not self.unsaved:
            return [], None
        waiting, self.unsaved = self.unsaved, []
        notice = self._write_all(waiting)
        return [item.path for item in waiting if item not in self.unsaved], notice

    def waiting(self) -> list[Path]:
        """The files still not written."""
        return [item.path for item in self.unsaved]

    def rescue(self, folders: list[Path] | None = None) -> list[Path]:
        """Write what is still waiting into the first of `folders` that takes it (by default the home
        folder, then the system's temporary folder); the paths written. For the moment the game closes."""
        rescued = []
        for folder in folders if folders is not None else [Path.home(), Path(tempfile.gettempdir())]:
            for item in list(self.unsaved):
                target = folder / f"nirapod-{item.path.name}"
                try:
                    atomic_write_bytes(target, item.data)
                except (StorageError, OSError):
                    continue
                self.unsaved.remove(item)
                rescued.append(target)
        return rescued

    def _write_all(self, items: list[_Unsaved]) -> StorageNotice | None:
        notice = None
        for item in items:
            try:
                item.path.parent.mkdir(parents=True, exist_ok=True)
                atomic_write_bytes(item.path, item.data)
            except StorageError as exc:
                cause = exc.__cause__
                notice = notice or (write_notice(item.path.parent, cause, Document.REPORT)
                                    if isinstance(cause, OSError) else exc.notice)
                self.unsaved.append(item)
            except OSError as exc:
                notice = notice or write_notice(item.path.parent, exc, Document.REPORT)
                self.unsaved.append(item)
        return notice


def save_report(root: Path, game: Game, tr: Translator, page_png: PagePainter | None,
                when: datetime) -> tuple[ReportFiles | None, StorageNotice | None]:
    """Write root/reports/session-<when>.csv and .png, each atomically, once.

    `page_png` draws the one-page image (game/ui/report_page.py draws it with pygame; this module
    does not import it). Never raises for a write problem: the notice says what went wrong. Files is
    None only when the CSV was not saved; if the CSV was written but the image was not, files has
    image None (with a notice for a write problem, without one when the page could not be drawn for
    want of a font: the CSV is the record). To keep and retry what could not be written, use ReportKeeper.
    """
    return ReportKeeper(Path(root)).save(game, tr, page_png, when)


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
