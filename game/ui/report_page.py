"""The session report as one printable page: ranking, safe-choice charts, the cards played, helplines.

White paper, dark ink, A4 proportions. Every bar has its value written beside it so the page reads
on a black-and-white printer, and the table of cards shrinks its type until every row fits.
Works headless and without a display surface: nothing here calls convert().
"""
from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass
from datetime import datetime

import pygame

from game.kinds import kind_of
from game.engine.game import Game
from game.engine.scoring import ranking, safe_rate_by_topic
from game.i18n import Translator
from game.report import CardRow, RowKind, card_rows, discussion_time, row_status, session_time
from game.ui.text import FontMissingError, TextRenderer, grapheme_clusters
from game.ui.theme import CALM
from game.helplines import helpline_lines
from game.ui.widgets import draw_grade_icon, grade_color
from game.words import answer_word, own_card_summary, topic_name

PAGE_SIZE = (1240, 1754)  # A4 at 150 dots per inch
MARGIN = 72
GAP = 24

PAPER = (255, 255, 255)
INK = CALM.text
MUTED = CALM.muted
RULE = (190, 190, 190)
STRIPE = (244, 244, 244)
BAR_BACK = (226, 226, 226)
BAR = CALM.safe
PANEL = CALM.calm

TITLE_SIZE = 38
SUBTITLE_SIZE = 17
HEADING_SIZE = 22
CHART_SIZE = 16
FOOTER_SIZE = 16
BAR_HEIGHT = 12
# The table of cards starts at the largest size and shrinks to fit the page; below the smallest
# size a printed line is too hard to read, so the rows that still do not fit are counted instead.
TABLE_LARGEST = 18
TABLE_SMALLEST = 11
ELLIPSIS = "\u2026"


@dataclass(frozen=True)
class ReportPage:
    """The drawn page and where its parts went, so tests can check that everything fits."""

    surface: pygame.Surface
    teams_rect: pygame.Rect
    topics_rect: pygame.Rect
    table_rect: pygame.Rect  # the heading row and every row drawn
    footer_rect: pygame.Rect
    table_font_size: int
    rows_total: int
    rows_shown: int
    ink_bottom: int  # the lowest pixel row anything was drawn on


def one_line(renderer: TextRenderer, text: str, size: int, max_width: int, bold: bool = False) -> str:
    """text, cut between letter clusters and ended with an ellipsis if it is wider than max_width."""
    text = " ".join(unicodedata.normalize("NFC", text).split())
    if renderer.size(text, size, bold)[0] <= max_width:
        return text
    clusters = grapheme_clusters(text)
    low, high = 0, len(clusters)  # the longest prefix that fits lies in [low, high)
    while low < high:
        middle = (low + high + 1) // 2
        candidate = "".join(clusters[:middle]).rstrip() + ELLIPSIS
        if renderer.size(candidate, size, bold)[0] <= max_width:
            low = middle
        else:
            high = middle - 1
    return "".join(clusters[:low]).rstrip() + ELLIPSIS


class _Sheet:
    """The surface being drawn, with the text renderer, remembering the lowest ink drawn."""

    def __init__(self, renderer: TextRenderer):
        self.surface = pygame.Surface(PAGE_SIZE)
        self.surface.fill(PAPER)
        self.text = renderer
        self.ink_bottom = 0

    def _blit(self, image: pygame.Surface, x: int, y: int) -> None:
        self.surface.blit(image, (x, y))
        # Where it was meant to go, not the clipped rect blit returns: ink that fell off the
        # page must show in ink_bottom.
        self.ink_bottom = max(self.ink_bottom, y + image.get_height())

    def block(self, text: str, size: int, x: int, y: int, width: int, color=INK, bold: bool = False,
              draw: bool = True) -> int:
        """Wrapped text with its top at y; returns its height. With draw False, only measures."""
        block = self.text.render_block(text, size, color, width, bold=bold)
        if draw:
            self._blit(block, x, y)
        return block.get_height()

    def line(self, text: str, size: int, x: int, y: int, color=INK, bold: bool = False) -> None:
        """One line, already known to fit, with its top at y."""
        self._blit(self.text.render_line(text, size, color, bold=bold), x, y)

    def rect(self, color, rect: pygame.Rect, width: int = 0, radius: int = 0) -> None:
        pygame.draw.rect(self.surface, color, rect, width, border_radius=radius)
        self.ink_bottom = max(self.ink_bottom, rect.bottom)

    def bar(self, x: int, y: int, width: int, height: int, rate: float | None) -> None:
        """A horizontal bar for a share from 0 to 1; an empty track when nothing was answered."""
        self.rect(BAR_BACK, pygame.Rect(x, y, width, height), radius=height // 2)
        if rate:
            self.rect(BAR, pygame.Rect(x, y, max(height, round(width * rate)), height), radius=height // 2)
        # An outline keeps the track visible where a printer drops light greys.
        self.rect(RULE, pygame.Rect(x, y, width, height), width=1, radius=height // 2)


def _header(sheet: _Sheet, tr: Translator, when: datetime, y: int, width: int, place: str = "") -> int:
    """Title, then the session time (and place) with the promise of anonymity beside it (below if too long)."""
    y += sheet.block(tr._("Nirapod workshop report"), TITLE_SIZE, MARGIN, y, width, bold=True)
    date = session_time(tr, when)
    if place:
        date = tr.format(tr._("{date} \u00b7 {place}"), date=date, place=place)
    note = tr._("Anonymous: only team names are recorded.")
    date_width = sheet.text.size(date, SUBTITLE_SIZE)[0]
    note_width = sheet.text.size(note, SUBTITLE_SIZE)[0]
    row_height = sheet.block(date, SUBTITLE_SIZE, MARGIN, y, width)
    if date_width + GAP + note_width <= width:
        sheet.line(note, SUBTITLE_SIZE, MARGIN + width - note_width, y, color=MUTED)
    else:
        y += row_height
        row_height = sheet.block(note, SUBTITLE_SIZE, MARGIN, y, width, color=MUTED)
    y += row_height + GAP // 3
    sheet.rect(RULE, pygame.Rect(MARGIN, y, width, 2))
    return y + 2 + GAP // 2


def _teams(sheet: _Sheet, game: Game, tr: Translator, x: int, y: int, width: int) -> int:
    """Teams best first: place, name and points, then a bar of the safe-choice rate with the rate
    written beside it. Returns the bottom."""
    y += sheet.block(tr._("Teams"), HEADING_SIZE, x, y, width, bold=True) + GAP // 3
    bar_width = width * 11 // 20
    line_height = sheet.text.line_height(CHART_SIZE)
    for place, total in ranking(game.state, len(game.config.teams)):
        label = tr.format(tr._("{place}. {team}: {points} points"), place=place,
                          team=game.config.teams[total.team], points=total.points)
        y += sheet.block(label, CHART_SIZE, x, y, width, bold=place == 1)
        rate = total.safe_rate
        value = (tr.format(tr._("safe choices: {rate}"), rate=tr.percent(rate)) if rate is not None
                 else tr._("no answers yet"))
        value_x = x + bar_width + GAP // 2
        value_height = sheet.block(value, CHART_SIZE, value_x, y, x + width - value_x)
        sheet.bar(x, y + (line_height - BAR_HEIGHT) // 2, bar_width, BAR_HEIGHT, rate)
        y += value_height + GAP // 3
    return y


def _topics(sheet: _Sheet, game: Game, tr: Translator, x: int, y: int, width: int) -> int:
    """One bar per topic played: its name, the safe-choice rate as a bar and written out."""
    y += sheet.block(tr._("Safe choices by topic"), HEADING_SIZE, x, y, width, bold=True) + GAP // 3
    rates = safe_rate_by_topic(game.state)
    if not rates:
        return y + sheet.block(tr._("no answers yet"), CHART_SIZE, x, y, width, color=MUTED)
    value_width = max(sheet.text.size(tr.percent(rate), CHART_SIZE)[0] for rate in (0.0, 1.0))
    label_width = width * 2 // 5
    bar_x = x + label_width + GAP // 2
    bar_width = x + width - value_width - GAP // 2 - bar_x
    line_height = sheet.text.line_height(CHART_SIZE)
    for topic, rate in rates.items():
        height = sheet.block(topic_name(tr, topic), CHART_SIZE, x, y, label_width)
        sheet.bar(bar_x, y + (line_height - BAR_HEIGHT) // 2, bar_width, BAR_HEIGHT, rate)
        sheet.line(tr.percent(rate), CHART_SIZE, bar_x + bar_width + GAP // 2, y)
        y += max(height, line_height) + GAP // 8
    return y


def _footer(sheet: _Sheet, tr: Translator, y: int, width: int, draw: bool = True) -> int:
    """The helplines panel with its top at y, the numbers in two columns; returns its height.
    With draw False, only measures."""
    pad = GAP // 2
    inner = width - 2 * pad
    half = (inner - GAP) // 2
    title = tr._("Help is there, offline too. Talk to an adult you trust, or call:")
    lines = helpline_lines(tr)
    pairs = [lines[index:index + 2] for index in range(0, len(lines), 2)]
    height = 2 * pad + sheet.block(title, FOOTER_SIZE, 0, 0, inner, bold=True, draw=False)
    height += sum(max(sheet.block(line, FOOTER_SIZE, 0, 0, half, draw=False) for line in pair)
                  for pair in pairs)
    if draw:
        sheet.rect(PANEL, pygame.Rect(MARGIN, y, width, height), radius=10)
        row_y = y + pad
        row_y += sheet.block(title, FOOTER_SIZE, MARGIN + pad, row_y, inner, bold=True)
        for pair in pairs:
            row_y += max(sheet.block(line, FOOTER_SIZE, MARGIN + pad + column * (half + GAP), row_y, half)
                         for column, line in enumerate(pair))
    return height


@dataclass(frozen=True)
class _Column:
    heading: str
    cells: list[str]
    cap: int  # the widest this column may grow; longer cells are cut with an ellipsis
    flexible: bool = False  # takes the width the other columns leave
    grade_icon: bool = False


def _table_columns(game: Game, tr: Translator, rows: list[CardRow]) -> list[_Column]:
    def points(row: CardRow) -> str:
        if row.kind is RowKind.ANSWERED:
            return f"{tr.number(row.points)} + {tr.number(row.bonus)}" if row.bonus else tr.number(row.points)
        return f"+{tr.number(row.bonus)}" if row.kind is RowKind.BONUS else ""

    def grade(row: CardRow) -> str:
        if row.grade is not None:  # "Correct" or "Not quite" on a myth-or-fact card, as on the screen
            return answer_word(tr, row.grade, kind_of(game.cards[row.card_id]).right_or_wrong)
        return tr._("Bonus") if row.kind is RowKind.BONUS else row_status(tr, row)

    def discussion(row: CardRow) -> str:
        if row.kind is not RowKind.ANSWERED:
            return ""
        return discussion_time(tr, row.seconds) or "\u2013"  # a dash: answered, but not timed

    def votes(row: CardRow) -> str:
        """The phones' votes per choice, in the choices' order: 4 · 1 · 0."""
        return " · ".join(tr.number(n) for n in row.votes) if row.votes is not None else ""

    # Only a game where phones voted has the column.
    phone_votes = [_Column(tr._("Phone votes"), [votes(row) for row in rows], 200)] \
        if any(row.votes is not None for row in rows) else []
    return [
        _Column(tr._("Turn"), [tr.number(row.turn + 1) for row in rows], 90),
        _Column(tr._("Team"), [game.config.teams[row.team] for row in rows], 230),
        _Column(tr._("Card"), [own_card_summary(tr, game.cards[row.card_id]) for row in rows], 0, flexible=True),
        _Column(tr._("Grade"), [grade(row) for row in rows], 230, grade_icon=True),
        _Column(tr._("Points"), [points(row) for row in rows], 120),
        _Column(tr._("Discussion time"), [discussion(row) for row in rows], 180),
    ] + phone_votes


def _column_widths(sheet: _Sheet, columns: list[_Column], size: int, width: int, pad: int) -> list[int]:
    """Each column as wide as its widest cell (up to its cap); the flexible one gets the rest."""
    widths = []
    for column in columns:
        if column.flexible:
            widths.append(0)
            continue
        widest = max([sheet.text.size(column.heading, size, bold=True)[0]]
                     + [sheet.text.size(cell, size)[0] for cell in column.cells])
        icon = size if column.grade_icon else 0
        widths.append(min(column.cap, widest + icon) + 2 * pad)
    flexible = next(index for index, column in enumerate(columns) if column.flexible)
    widths[flexible] = width - sum(widths)
    return widths


def _table_size(sheet: _Sheet, row_count: int, height: int) -> tuple[int, int]:
    """(font size, row height): the largest type at which the heading row and row_count rows fit
    in height, or the smallest allowed size if none does."""
    for size in range(TABLE_LARGEST, TABLE_SMALLEST - 1, -1):
        row_height = sheet.text.line_height(size) + max(2, size // 5)
        if (row_count + 1) * row_height <= height:
            break
    return size, row_height


def _table(sheet: _Sheet, game: Game, tr: Translator, rows: list[CardRow], y: int, bottom: int,
           width: int) -> tuple[int, int, int]:
    """The cards played, as large as fits between y and bottom.

    Returns (font size, rows shown, bottom of the last row drawn).
    """
    y += sheet.block(tr._("Cards played"), HEADING_SIZE, MARGIN, y, width, bold=True) + GAP // 3
    if not rows:
        y += sheet.block(tr._("No cards were played."), TABLE_LARGEST, MARGIN, y, width, color=MUTED)
        return TABLE_LARGEST, 0, y
    size, row_height = _table_size(sheet, len(rows), bottom - y)
    shown = max(0, min(len(rows), (bottom - y) // row_height - 1))
    overflow = len(rows) - shown
    if overflow:
        shown = max(0, shown - 1)  # room for the line that says how many more are in the CSV file
        overflow = len(rows) - shown
    columns = _table_columns(game, tr, rows)
    pad = max(4, size // 2)
    widths = _column_widths(sheet, columns, size, width, pad)
    line_top = (row_height - sheet.text.line_height(size)) // 2

    x = MARGIN
    for column, column_width in zip(columns, widths):
        heading = one_line(sheet.text, column.heading, size, column_width - 2 * pad, bold=True)
        sheet.line(heading, size, x + pad, y + line_top, bold=True)
        x += column_width
    y += row_height
    sheet.rect(INK, pygame.Rect(MARGIN, y - 1, width, 2))

    for index, row in enumerate(rows[:shown]):
        if index % 2:
            sheet.rect(STRIPE, pygame.Rect(MARGIN, y, width, row_height))
        # Rows that are not an answer (skipped, put aside, a bonus) are greyed.
        row_color = INK if row.kind is RowKind.ANSWERED else MUTED
        x = MARGIN
        for column, column_width in zip(columns, widths):
            left, room, color = x + pad, column_width - 2 * pad, row_color
            if column.grade_icon and row.grade is not None:
                color = grade_color(CALM, row.grade)
                radius = size * 2 // 5
                # The shape tells the grade on a black-and-white print, as on the screen.
                draw_grade_icon(sheet.surface, row.grade, color, (left + radius, y + row_height // 2), radius)
                left, room = left + size, room - size
            text = one_line(sheet.text, column.cells[index], size, room)
            if text:
                sheet.line(text, size, left, y + line_top, color=color)
            x += column_width
        y += row_height

    if overflow:
        note = tr.format(tr.ngettext("…and {n} more card: see the CSV file.",
                                     "…and {n} more cards: see the CSV file.", overflow), n=overflow)
        note = one_line(sheet.text, note, size, width - 2 * pad)
        sheet.line(note, size, MARGIN + pad, y + line_top, color=MUTED)
        y += row_height
    return size, shown, y


def draw_report_page(game: Game, tr: Translator, text_renderer: TextRenderer,
                     when: datetime | None = None) -> ReportPage:
    """Draw the whole page and say where each part went."""
    when = when or datetime.now()
    if not pygame.font.get_init():
        pygame.font.init()
    sheet = _Sheet(text_renderer)
    width = PAGE_SIZE[0] - 2 * MARGIN
    y = _header(sheet, tr, when, MARGIN, width, game.config.place)

    column = (width - GAP * 2) // 2
    teams_bottom = _teams(sheet, game, tr, MARGIN, y, column)
    topics_x = MARGIN + column + GAP * 2
    topics_bottom = _topics(sheet, game, tr, topics_x, y, column)
    teams_rect = pygame.Rect(MARGIN, y, column, teams_bottom - y)
    topics_rect = pygame.Rect(topics_x, y, column, topics_bottom - y)
    y = max(teams_bottom, topics_bottom) + GAP // 2

    footer_height = _footer(sheet, tr, 0, width, draw=False)
    footer_top = PAGE_SIZE[1] - MARGIN - footer_height
    rows = card_rows(game)
    size, shown, table_bottom = _table(sheet, game, tr, rows, y, footer_top - GAP, width)
    _footer(sheet, tr, footer_top, width)
    return ReportPage(
        surface=sheet.surface,
        teams_rect=teams_rect,
        topics_rect=topics_rect,
        table_rect=pygame.Rect(MARGIN, y, width, table_bottom - y),
        footer_rect=pygame.Rect(MARGIN, footer_top, width, footer_height),
        table_font_size=size,
        rows_total=len(rows),
        rows_shown=shown,
        ink_bottom=sheet.ink_bottom,
    )


def render_report_page(game: Game, tr: Translator, text_renderer: TextRenderer,
                       when: datetime | None = None) -> pygame.Surface:
    """The report as one page-sized surface, ready for pygame.image.save."""
    return draw_report_page(game, tr, text_renderer, when).surface


def page_png(game: Game, tr: Translator, text_renderer: TextRenderer, when: datetime) -> bytes | None:
    """The page as PNG bytes, or None when it cannot be drawn (a font missing); the CSV still counts."""
    try:
        surface = render_report_page(game, tr, text_renderer, when=when)
        encoded = io.BytesIO()
        pygame.image.save(surface, encoded, "png")
    except (FontMissingError, pygame.error):
        return None
    return encoded.getvalue()


def page_drawer(text_renderer: TextRenderer):
    """What game.report.save_report calls to draw the page, with this renderer's fonts."""
    return lambda game, tr, when: page_png(game, tr, text_renderer, when)
