"""The anonymous session report, checked as the facilitator and the school would read it: one row per
card, totals that match the scoreboard, Bangla digits in a Bangla report, team names and nothing
else personal, a portrait page on which everything fits, and no crash when the folder is read-only."""
from __future__ import annotations

import argparse
import csv
import dataclasses
from itertools import permutations
import io
import os
import re
from datetime import datetime
from pathlib import Path

import pygame
import pytest

from game.cli.report import add_report_parser, run_report
from game.content.decks import bundled_deck_paths, load_decks
from game.kinds import kind_of

from game.engine.game import Game
from game.engine.rules import BonusReason, GameConfig, Phase
from game.engine.scoring import safe_rate_by_topic, team_totals
from game.i18n import Translator
from game.report import (BONUS_WORDS, RowKind, card_rows, discussion_time, list_reports, report_csv,
                         report_rows, save_report)
from game.resources import DECKS_DIR, FONTS_DIR, LOCALES_DIR
from game.storage import StorageError, StorageNotice, StorageProblem, atomic_write_bytes
from game.ui.report_page import PAGE_SIZE, PAPER, TABLE_SMALLEST, draw_report_page, one_line, page_drawer
from game.ui.text import TextRenderer, grapheme_clusters
from game.words import answer_word, card_summary, choice_labels, grade_word, topic_name

WHEN = datetime(2025, 3, 14, 9, 5, 7)
ASCII_DIGIT = re.compile("[0-9]")
BANGLA_DIGIT = re.compile("[\u09e6-\u09ef]")
HEADINGS = ["Date", "Start time", "Session minutes", "Mode", "Turn", "Team", "Topic", "Card", "Choice number",
            "Choice", "Grade", "Points", "Bonus", "Bonus for", "Discussion seconds", "Status", "Card id"] + [
            f"Phone votes for choice {n}" for n in range(1, 5)] + ["Deck", "Place", "Workshop id"]
NUMBER_COLUMNS = ("Session minutes", "Turn", "Choice number", "Points", "Bonus", "Discussion seconds",
                  "Phone votes for choice 1")
COLUMN = {name: index for index, name in enumerate(HEADINGS)}


@pytest.fixture(scope="module")
def cards():
    return load_decks(bundled_deck_paths(DECKS_DIR)).cards


@pytest.fixture(scope="module")
def renderer():
    return TextRenderer(FONTS_DIR)


@pytest.fixture(scope="module")
def en():
    return Translator(LOCALES_DIR, "en")


@pytest.fixture(scope="module")
def bn():
    return Translator(LOCALES_DIR, "bn")


class Workshop:
    """A game played to the end through game.act, the way a facilitator would, remembering on its
    own what each team answered so the report can be checked against something it did not make."""

    def __init__(self, cards, teams=("Team A", "Team B"), turns_per_team=4, seed=3, *,
                 skip_turns=(), park_and_return=(), park_and_leave=(), bonus_turns=(), other_team_bonus=(),
                 undo_turns=()):
        self.game = Game(GameConfig(teams=teams, seed=seed, turns_per_team=turns_per_team), cards)
        self.answers: dict[int, tuple[int, str, int, int]] = {}  # turn -> team, card, choice, seconds
        self.skipped: list[str] = []
        self.parked: list[str] = []
        to_return: list[str] = []
        done: set[tuple[str, int]] = set()  # (what, turn) already done once

        def once(what: str, turns) -> bool:
            if self.game.state.turn in turns and (what, self.game.state.turn) not in done:
                done.add((what, self.game.state.turn))
                return True
            return False

        while self.game.state.phase is not Phase.OVER:
            state = self.game.state
            if state.phase is Phase.READY:
                back = [cid for cid in state.parked if cid in to_return]
                self.play("draw", card_id=back[0] if back else None)
            elif state.phase in (Phase.CARD, Phase.DISCUSSING, Phase.PAUSED):
                if once("skip", skip_turns):
                    self.skipped.append(state.card_id)
                    self.play("skip")
                elif once("park", park_and_return):
                    to_return.append(state.card_id)
                    self.parked.append(state.card_id)
                    self.play("park")
                elif once("park for good", park_and_leave):
                    self.parked.append(state.card_id)
                    self.play("park")
                else:
                    answers = self.game.answers()
                    choice = answers[(state.turn * 7 + len(self.game.log)) % len(answers)]
                    seconds = 45 + 13 * state.turn
                    self.play("choose", answer=choice, seconds=seconds)
                    self.answers[state.turn] = (state.team, state.card_id, choice, seconds)
            elif state.phase is Phase.REVEALED:
                if once("bonus", bonus_turns):
                    self.play("bonus", team=state.team, reason=BonusReason.GOOD_DISCUSSION)
                elif once("other", other_team_bonus):
                    self.play("bonus", team=(state.team + 1) % len(teams), reason=BonusReason.NAMED_HELP)
                elif once("undo", undo_turns):
                    # The facilitator pressed the wrong key: a bonus first, then the answer itself.
                    self.play("bonus", team=state.team, reason=BonusReason.NAMED_HELP)
                    self.play("undo")
                    self.play("undo")
                    del self.answers[state.turn]
                else:
                    self.play("next")
            else:  # chosen: reveal; red alert: next
                self.play("reveal" if state.phase is Phase.CHOSEN else "next")

    def play(self, kind: str, seconds: int | None = None, **wanted) -> None:
        """Play the legal action of this kind with these fields; how long the room talked is
        the facilitator's to add to a choice."""
        action = next(action for action in self.game.legal_actions()
                      if action.type == kind and all(getattr(action, key) == value for key, value in wanted.items()))
        refusal = self.game.act(dataclasses.replace(action, seconds=seconds))
        assert refusal is None, (action, refusal)


def table_of(text: str) -> list[list[str]]:
    """The CSV's one table; a blank row (a second section) fails the test."""
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert all(rows), "one tidy table: no blank rows, no second section"
    assert len({len(row) for row in rows}) == 1, "every row has every column"
    return rows


def by_kind(game):
    rows = card_rows(game)
    return {kind: [row for row in rows if row.kind is kind] for kind in RowKind}


# ---- the CSV --------------------------------------------------------------------------------


def test_one_row_per_card_with_the_team_choice_grade_points_and_time(cards, en):
    played = Workshop(cards, skip_turns=(1,), park_and_return=(2,), bonus_turns=(0, 3))
    game = played.game
    started = datetime(2025, 3, 14, 8, 20, 0)
    table = table_of(report_csv(game, en, WHEN, started=started, mode="facilitator"))

    assert table[0] == HEADINGS
    # Every row carries the session: its date, start, length and mode, so reports can be stacked.
    assert {tuple(row[:4]) for row in table[1:]} == {("2025-03-14", "08:20", "45", "Workshop")}
    answered = [row for row in table[1:] if row[COLUMN["Grade"]]]
    assert len(answered) == len(game.state.results) == len(played.answers) == 8
    for row in answered:
        turn = int(row[COLUMN["Turn"]]) - 1
        team, card_id, choice, seconds = played.answers[turn]
        card = cards[card_id]
        grade = kind_of(card).grade(card, choice)
        assert row[COLUMN["Team"]] == game.config.teams[team]
        assert row[COLUMN["Card id"]] == card_id
        assert row[COLUMN["Card"]] == card_summary(en, card)
        assert row[COLUMN["Topic"]] == topic_name(en, card.topic)
        kind = kind_of(card)
        # As on the screen: a choice's number 1-4, or an order of them (2-1-4-3) on a card put in order.
        assert row[COLUMN["Choice number"]] == (str(choice + 1) if isinstance(choice, int)
                                               else "-".join(str(i + 1) for i in choice))
        assert row[COLUMN["Choice"]] == (choice_labels(en, card)[choice] if isinstance(choice, int)
                                         else " ".join(choice_labels(en, card)[i] for i in choice))
        myth_fact = card.kind == "myth_fact"  # a myth-or-fact answer is "Correct" or "Not quite", never "Safe"
        assert row[COLUMN["Grade"]] == (answer_word(en, grade, True) if myth_fact else grade_word(en, grade))
        assert not myth_fact or row[COLUMN["Grade"]] in ("Correct", "Not quite")
        assert row[COLUMN["Points"]] == str(kind.points(card, choice))
        assert isinstance(choice, tuple) or kind.points(card, choice) == {"safe": 3, "partly_safe": 1, "risky": 0}[
            grade.value]
        assert row[COLUMN["Bonus"]] == ("1" if turn in (0, 3) else "0")
        assert row[COLUMN["Bonus for"]] == ("a good discussion" if turn in (0, 3) else "")
        assert row[COLUMN["Discussion seconds"]] == str(seconds)
        assert row[COLUMN["Status"]] == "Answered"

    # The skipped card is listed, without a grade; the parked card that came back is answered once.
    skipped = [row for row in table[1:] if row[COLUMN["Status"]] == "Skipped"]
    assert [row[COLUMN["Card id"]] for row in skipped] == played.skipped
    assert skipped[0][COLUMN["Grade"]] == skipped[0][COLUMN["Points"]] == skipped[0][COLUMN["Choice"]] == ""
    assert [row[COLUMN["Card id"]] for row in table[1:]].count(played.parked[0]) == 1
    assert len(table) - 1 == len(game.state.results) + len(played.skipped)
    turns = [int(row[COLUMN["Turn"]]) for row in table[1:]]
    assert turns == sorted(turns)

    # The team totals and the rate per topic, which the page shows, follow from the rows.
    for total in team_totals(game.state, 2):
        rows = [row for row in table[1:] if row[COLUMN["Team"]] == game.config.teams[total.team]]
        assert sum(int(row[COLUMN["Points"]] or 0) + int(row[COLUMN["Bonus"]] or 0) for row in rows) == total.points
    for topic, rate in safe_rate_by_topic(game.state).items():
        rows = [row for row in answered if row[COLUMN["Topic"]] == topic_name(en, topic)]
        assert sum(row[COLUMN["Grade"]] in ("Safe", "Correct") for row in rows) / len(rows) == pytest.approx(rate)


def test_an_unknown_start_leaves_the_length_blank_and_a_clock_never_started_no_time(cards, en):
    game = Workshop(cards, turns_per_team=1).game
    table = table_of(report_csv(game, en, WHEN))
    assert {tuple(row[:3]) for row in table[1:]} == {("2025-03-14", "09:05", "")}


def test_the_rows_add_up_to_the_scoreboard_with_a_bonus_for_another_team(cards, en):
    game = Workshop(cards, teams=("Red", "Green", "Blue"), bonus_turns=(1,), other_team_bonus=(2, 4)).game
    table = table_of(report_csv(game, en, WHEN))
    summed = {name: 0 for name in game.config.teams}
    for row in table[1:]:
        summed[row[COLUMN["Team"]]] += int(row[COLUMN["Points"]] or 0) + int(row[COLUMN["Bonus"]] or 0)
    totals = team_totals(game.state, 3)
    assert summed == {game.config.teams[t.team]: t.points for t in totals}
    # A bonus given to a team that did not answer this card has a row of its own, with no grade.
    bonus_rows = [row for row in table[1:] if not row[COLUMN["Grade"]] and row[COLUMN["Bonus"]]]
    assert len(bonus_rows) == 2
    assert all(row[COLUMN["Bonus for"]] == "naming a way to get help" for row in bonus_rows)


def test_a_scoring_the_facilitator_undid_is_not_in_the_report(cards, en):
    played = Workshop(cards, undo_turns=(1,))
    game = played.game
    assert not any(b.turn == 1 for b in game.state.bonuses)  # the engine took the bonus back
    table = table_of(report_csv(game, en, WHEN))
    assert len(table) - 1 == len(game.state.results) == 8
    row = next(row for row in table[1:] if row[COLUMN["Turn"]] == "2")
    team, card_id, choice, _ = played.answers[1]  # the answer given after the undo
    assert row[COLUMN["Choice"]] == choice_labels(en, cards[card_id])[choice]
    assert row[COLUMN["Choice number"]] == str(choice + 1)
    assert row[COLUMN["Bonus"]] == "0" and row[COLUMN["Bonus for"]] == ""


def test_a_card_put_aside_and_never_played_is_listed_once_without_a_grade(cards, en):
    played = Workshop(cards, park_and_leave=(1,))
    rows = by_kind(played.game)
    assert [row.card_id for row in rows[RowKind.PUT_ASIDE]] == played.parked
    table = report_rows(played.game, en)
    aside = [row for row in table[1:] if row[COLUMN["Card id"]] == played.parked[0]]
    assert len(aside) == 1 and aside[0][COLUMN["Status"]] == "Put aside, not played"
    assert aside[0][COLUMN["Grade"]] == ""


def test_a_bangla_report_is_in_bangla_words_with_plain_digits_in_number_columns(cards, bn):
    game = Workshop(cards, skip_turns=(2,), bonus_turns=(0,)).game
    table = table_of(report_csv(game, bn, WHEN, started=datetime(2025, 3, 14, 8, 35)))
    # A spreadsheet adds up 1, 2, 3, not ১, ২, ৩: numbers and dates keep plain digits in every language.
    number_cells = [row[COLUMN[name]] for row in table[1:] for name in NUMBER_COLUMNS]
    number_cells += [row[COLUMN[name]] for row in table[1:] for name in ("Date", "Start time")]
    assert not any(BANGLA_DIGIT.search(cell) for cell in number_cells), number_cells
    assert all(re.fullmatch(r"[0-9:-]*", cell) for cell in number_cells)
    assert {row[COLUMN["Session minutes"]] for row in table[1:]} == {"30"}
    words = {bn._(word) for word in ("Safe", "Partly safe", "Risky", "Correct", "Not quite")}
    assert {row[COLUMN["Grade"]] for row in table[1:]} - {""} <= words and all(re.search("[\u0980-\u09ff]", w)
                                                                              for w in words)
    assert all(re.search("[\u0980-\u09ff]", row[COLUMN["Topic"]]) for row in table[1:])
    assert all(re.search("[\u0980-\u09ff]", row[COLUMN["Card"]]) for row in table[1:])
    assert all(re.search("[\u0980-\u09ff]", cell) for cell in table[0])  # the headings are Bangla too


def test_team_names_are_the_only_personal_words(cards, en):
    game = Workshop(cards, teams=("Shapla", "Jaba"), skip_turns=(1,), bonus_turns=(2,)).game
    text = report_csv(game, en, WHEN)
    table = table_of(text)
    assert table[0] == HEADINGS  # no column for names, ages, schools or devices
    assert {row[COLUMN["Team"]] for row in table[1:]} == {"Shapla", "Jaba"}
    # Every other word comes from the cards and the game's own vocabulary.
    topics = {topic_name(en, card.topic) for card in cards.values()}
    summaries = {card_summary(en, card) for card in cards.values()}
    choices = {label for card in cards.values() if kind_of(card).plays_on_turn for label in choice_labels(en, card)}
    reason_sets = [(), *((reason,) for reason in BonusReason), tuple(BonusReason)]
    bonus = {"; ".join(en._(BONUS_WORDS[reason]) for reason in reasons) for reasons in reason_sets}
    for row in table[1:]:
        assert row[COLUMN["Topic"]] in topics
        assert row[COLUMN["Card"]] in summaries
        # A choice's words, or on a card put in order, its actions' words in one of their orders.
        card = cards[row[COLUMN["Card id"]]]
        labels = choice_labels(en, card)
        orders = {" ".join(labels[i] for i in order) for order in permutations(range(len(labels)))}
        assert row[COLUMN["Choice"]] in choices | {""} or (card.kind == "ranking" and row[COLUMN["Choice"]] in orders)
        assert row[COLUMN["Status"]] in {"Answered", "Skipped", "Put aside, not played", "Bonus only"}
        assert row[COLUMN["Bonus for"]] in bonus
        assert row[COLUMN["Card id"]] in cards
    assert str(Path.home()) not in text
    assert os.environ["NIRAPOD_DATA_DIR"] not in text


def test_a_team_name_that_looks_like_a_formula_stays_text_in_a_spreadsheet(cards, en):
    game = Workshop(cards, teams=("=HYPERLINK(1)", "@team"), turns_per_team=1).game
    teams = {row[COLUMN["Team"]] for row in table_of(report_csv(game, en, WHEN))[1:]}
    assert teams == {"'=HYPERLINK(1)", "'@team"}


# ---- the files ------------------------------------------------------------------------------


def test_save_report_writes_a_csv_for_excel_and_a_portrait_png(cards, en, renderer, tmp_path):
    game = Workshop(cards, skip_turns=(1,), bonus_turns=(0,)).game
    files, notice = save_report(tmp_path, game, en, page_drawer(renderer), WHEN)
    assert notice is None
    assert files.csv == tmp_path / "reports" / "session-20250314-090507.csv"
    assert files.image == tmp_path / "reports" / "session-20250314-090507.png"
    assert files.when == WHEN
    raw = files.csv.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # so Excel reads UTF-8
    assert raw[3:].decode("utf-8") == report_csv(game, en, WHEN)

    image = pygame.image.load(str(files.image))
    assert image.get_size() == PAGE_SIZE
    assert image.get_height() > image.get_width()
    page = draw_report_page(game, en, renderer, when=WHEN)
    for chart in (page.teams_rect, page.topics_rect):
        colours = {tuple(image.get_at((x, y)))[:3] for x in range(chart.left, chart.right, 2)
                   for y in range(chart.top, chart.bottom, 2)}
        assert len(colours) >= 6, chart  # paper, ink, the bar, its track and anti-aliasing
    assert list_reports(tmp_path) == [files]


def test_reports_are_listed_in_the_order_written_and_other_files_ignored(cards, en, renderer, tmp_path):
    game = Workshop(cards, turns_per_team=1).game
    # The PC's clock was set back between the two workshops: the second one written is still the latest.
    first, _ = save_report(tmp_path, game, en, page_drawer(renderer), datetime(2025, 5, 2, 14, 0, 0))
    second, _ = save_report(tmp_path, game, en, page_drawer(renderer), datetime(2025, 5, 1, 9, 30, 0))
    (tmp_path / "reports" / "notes.csv").write_text("x")
    (tmp_path / "reports" / "session-tomorrow.csv").write_text("x")
    assert list_reports(tmp_path) == [first, second]
    assert list_reports(tmp_path / "nowhere") == []


@pytest.mark.unprivileged
@pytest.mark.parametrize("existing", [False, True])
def test_a_read_only_folder_gives_a_notice_not_an_exception(cards, en, renderer, tmp_path, existing):
    game = Workshop(cards, turns_per_team=1).game
    folder = tmp_path / "reports" if existing else tmp_path
    folder.mkdir(exist_ok=True)
    folder.chmod(0o500)
    try:
        files, notice = save_report(tmp_path, game, en, page_drawer(renderer), WHEN)
    finally:
        folder.chmod(0o700)
    assert files is None
    assert notice.problem is StorageProblem.UNWRITABLE
    assert list(folder.iterdir()) == []  # no half-written or temporary file left behind


def test_a_file_in_the_way_of_the_folder_gives_a_notice(cards, en, renderer, tmp_path):
    """The same promise, checked even where the tests run as root."""
    game = Workshop(cards, turns_per_team=1).game
    (tmp_path / "reports").write_text("not a folder")
    files, notice = save_report(tmp_path, game, en, page_drawer(renderer), WHEN)
    assert files is None
    assert notice.problem is StorageProblem.NOT_A_FOLDER and notice.path == tmp_path / "reports"


def test_a_full_disk_after_the_csv_keeps_the_csv_and_says_so(cards, en, renderer, tmp_path, monkeypatch):
    game = Workshop(cards, turns_per_team=1).game
    real_write = atomic_write_bytes

    def disk_full_for_images(path, data):
        if str(path).endswith(".png"):
            raise StorageError(StorageNotice(StorageProblem.DISK_FULL, Path(path), "No space left on device"))
        real_write(path, data)

    monkeypatch.setattr("game.report.atomic_write_bytes", disk_full_for_images)
    files, notice = save_report(tmp_path, game, en, page_drawer(renderer), WHEN)
    assert notice.problem is StorageProblem.DISK_FULL
    assert files.csv.is_file() and files.image is None
    assert list_reports(tmp_path) == [files]


# ---- the page -------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "bn"])
def test_six_teams_of_six_cards_fit_on_one_page(cards, renderer, language):
    tr = Translator(LOCALES_DIR, language)
    game = Workshop(cards, teams=tuple(f"Team {n}" for n in "ABCDEF"), turns_per_team=6,
                    skip_turns=(4,), bonus_turns=(0, 9, 20)).game
    assert len(game.state.results) == 36
    page = draw_report_page(game, tr, renderer, when=WHEN)
    assert page.surface.get_size() == PAGE_SIZE
    assert page.rows_shown == page.rows_total == 37
    assert page.table_font_size >= TABLE_SMALLEST
    assert page.table_rect.top >= max(page.teams_rect.bottom, page.topics_rect.bottom)
    assert page.table_rect.bottom <= page.footer_rect.top
    assert page.footer_rect.bottom <= page.ink_bottom <= PAGE_SIZE[1]
    # Nothing at all below the helplines: every pixel under them is blank paper.
    below = page.surface.subsurface((0, page.footer_rect.bottom,
                                     PAGE_SIZE[0], PAGE_SIZE[1] - page.footer_rect.bottom))
    assert all(tuple(below.get_at((x, y)))[:3] == PAPER for x in range(0, below.get_width(), 7)
               for y in range(0, below.get_height(), 3))


def test_a_game_too_long_for_the_page_says_how_many_cards_are_only_in_the_csv(cards, renderer, en):
    game = Workshop(cards, teams=tuple(f"Team {n}" for n in "ABCDEF"), turns_per_team=12, seed=11).game
    page = draw_report_page(game, en, renderer, when=WHEN)
    assert page.rows_total == 72
    assert 0 < page.rows_shown < page.rows_total
    assert page.table_font_size == TABLE_SMALLEST
    assert page.table_rect.bottom <= page.footer_rect.top <= page.ink_bottom <= PAGE_SIZE[1]


def test_a_long_line_is_cut_between_letter_clusters_to_fit(renderer):
    text = "প্রাপ্তবয়স্কের সঙ্গে কথা বলো, স্ক্রিনশট রাখো, আর ব্লক করো — তারপর রিপোর্ট করো।"
    for width in (60, 130, 250):
        shown = one_line(renderer, text, 16, width)
        assert renderer.size(shown, 16)[0] <= width
        assert shown.endswith("…")
        kept = shown[:-1]
        assert grapheme_clusters(kept) == grapheme_clusters(text)[:len(grapheme_clusters(kept))]
    assert one_line(renderer, "Team A", 16, 500) == "Team A"


def test_discussion_time_is_minutes_and_seconds_in_the_report_language(en, bn):
    assert discussion_time(en, 125) == "2:05"
    assert discussion_time(bn, 125) == "২:০৫"
    assert discussion_time(en, None) == ""


# ---- the command ----------------------------------------------------------------------------


def test_the_report_command_lists_sessions_and_prints_the_latest_csv(cards, en, bn, renderer, tmp_path,
                                                                     monkeypatch, capsysbinary):
    monkeypatch.setenv("NIRAPOD_DATA_DIR", str(tmp_path))
    parser = argparse.ArgumentParser()
    add_report_parser(parser.add_subparsers(dest="command"))
    listing, latest_csv = parser.parse_args(["report"]), parser.parse_args(["report", "--csv"])
    assert latest_csv.command == "report" and latest_csv.csv and not listing.csv

    assert run_report(listing) == 0
    out, _ = capsysbinary.readouterr()
    assert b"No workshop reports saved yet" in out
    assert run_report(latest_csv) == 1
    out, err = capsysbinary.readouterr()
    assert out == b"" and b"No workshop reports" in err

    game = Workshop(cards, turns_per_team=2).game
    first, _ = save_report(tmp_path, game, en, page_drawer(renderer), datetime(2025, 1, 2, 10, 0, 0))
    second, _ = save_report(tmp_path, game, bn, page_drawer(renderer), datetime(2025, 1, 3, 10, 0, 0))
    assert run_report(listing) == 0
    lines = capsysbinary.readouterr()[0].decode("utf-8").splitlines()
    assert lines == [f"2025-01-02 10:00:00  {first.csv}  {first.image}",
                     f"2025-01-03 10:00:00  {second.csv}  {second.image}"]
    assert run_report(latest_csv) == 0
    out = capsysbinary.readouterr()[0]
    # With the byte-order mark, as in the file: `report --csv > report.csv` opens in Excel too.
    assert out.startswith(b"\xef\xbb\xbf")
    assert out[3:].decode("utf-8") == report_csv(game, bn, datetime(2025, 1, 3, 10, 0, 0))
