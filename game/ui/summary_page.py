"""The one-page picture of many workshops (`python -m game report --merge`): per topic the safe answers and the
before-and-after check, then the cards most often answered riskily; as PNG, and as a one-page PDF of it.

White paper and dark ink like the workshop report (game/ui/report_page.py, whose sheet it draws on); every bar
has its value written beside it so the page reads on a black-and-white printer.
"""
from __future__ import annotations

import io
from typing import Mapping

import pygame

from game.engine.cards import Card
from game.i18n import Translator
from game.merge import risky_cards, share_after, share_before, topic_figures
from game.report_files import Workshop
from game.ui.report_page import (BAR_HEIGHT, CHART_SIZE, GAP, HEADING_SIZE, MARGIN, MUTED, PAGE_SIZE, RULE,
                                 SUBTITLE_SIZE, TITLE_SIZE, _footer, _Sheet, one_line)
from game.ui.text import TextRenderer
from game.words import card_summary, topic_name


def _bar_row(sheet: _Sheet, tr: Translator, label: str, rate: float | None, x: int, y: int, width: int) -> int:
    """A small label, a bar and its share written beside it (a dash when nothing was answered); the height."""
    label_width = width * 3 // 10
    value = tr.percent(rate) if rate is not None else "\u2013"
    value_width = max(sheet.text.size(tr.percent(r), CHART_SIZE)[0] for r in (0.0, 1.0))
    bar_x = x + label_width + GAP // 2
    bar_width = x + width - value_width - GAP - bar_x
    line_height = sheet.text.line_height(CHART_SIZE)
    sheet.line(one_line(sheet.text, label, CHART_SIZE, label_width), CHART_SIZE, x, y, color=MUTED)
    sheet.bar(bar_x, y + (line_height - BAR_HEIGHT) // 2, bar_width, BAR_HEIGHT, rate)
    sheet.line(value, CHART_SIZE, bar_x + bar_width + GAP // 2, y)
    return line_height + GAP // 6


def draw_summary_page(workshops: list[Workshop], cards: Mapping[str, Card], tr: Translator,
                      renderer: TextRenderer) -> pygame.Surface:
    if not pygame.font.get_init():
        pygame.font.init()
    sheet = _Sheet(renderer)
    width = PAGE_SIZE[0] - 2 * MARGIN
    y = MARGIN
    y += sheet.block(tr._("Nirapod workshops: what students answered"), TITLE_SIZE, MARGIN, y, width, bold=True)
    dates = sorted(w.date for w in workshops if w.date)
    places = sorted({w.place for w in workshops if w.place})
    answered = sum(len(w.cards) for w in workshops)
    line = tr.format(tr.ngettext("{n} workshop", "{n} workshops", len(workshops)), n=len(workshops))
    line += " \u00b7 " + tr.format(tr.ngettext("{n} card answered", "{n} cards answered", answered), n=answered)
    if dates:
        line += " \u00b7 " + tr.digits(dates[0] if dates[0] == dates[-1] else f"{dates[0]} \u2013 {dates[-1]}")
    y += sheet.block(line, SUBTITLE_SIZE, MARGIN, y, width)
    if places:
        shown = ", ".join(places[:8]) + (", \u2026" if len(places) > 8 else "")
        y += sheet.block(tr.format(tr._("Places: {places}"), places=shown), SUBTITLE_SIZE, MARGIN, y, width,
                         color=MUTED)
    y += GAP // 3
    sheet.rect(RULE, pygame.Rect(MARGIN, y, width, 2))
    y += GAP

    footer_height = _footer(sheet, tr, 0, width, draw=False)
    footer_top = PAGE_SIZE[1] - MARGIN - footer_height
    y += sheet.block(tr._("By topic: safe answers, and the myth-or-fact check before and after"), HEADING_SIZE,
                     MARGIN, y, width, bold=True) + GAP // 3
    column = (width - GAP * 2) // 2
    figures = topic_figures(workshops)
    for pair_start in range(0, len(figures), 2):  # two topics side by side
        bottom = y
        for index, figure in enumerate(figures[pair_start:pair_start + 2]):
            x = MARGIN + index * (column + GAP * 2)
            top = y + sheet.block(topic_name(tr, figure.topic), CHART_SIZE, x, y, column, bold=True)
            top += _bar_row(sheet, tr, tr._("Safe answers"), figure.safe_share, x, top, column)
            if figure.before[1] or figure.after[1]:
                top += _bar_row(sheet, tr, tr._("Check, before"), share_before(figure), x, top, column)
                top += _bar_row(sheet, tr, tr._("Check, after"), share_after(figure), x, top, column)
            bottom = max(bottom, top)
        y = bottom + GAP // 2
    if not figures:
        y += sheet.block(tr._("no answers yet"), CHART_SIZE, MARGIN, y, width, color=MUTED)
    y += GAP // 2
    y += sheet.block(tr._("Cards most often answered riskily"), HEADING_SIZE, MARGIN, y, width, bold=True) + GAP // 3
    risky = risky_cards(workshops)
    if not risky:
        y += sheet.block(tr._("No card was answered riskily."), CHART_SIZE, MARGIN, y, width, color=MUTED)
    for card_id, count, times in risky:
        card = cards.get(card_id)
        name = card_summary(tr, card) if card is not None else card_id
        counts = tr.format(tr._("{risky} of {times} times"), risky=count, times=times)
        counts_width = sheet.text.size(counts, CHART_SIZE)[0]
        if y + sheet.text.line_height(CHART_SIZE) > footer_top - GAP:
            break
        sheet.line(one_line(sheet.text, name, CHART_SIZE, width - counts_width - GAP), CHART_SIZE, MARGIN, y)
        sheet.line(counts, CHART_SIZE, MARGIN + width - counts_width, y, color=MUTED)
        y += sheet.text.line_height(CHART_SIZE) + GAP // 4
    _footer(sheet, tr, footer_top, width)
    return sheet.surface


def summary_png(surface: pygame.Surface) -> bytes:
    encoded = io.BytesIO()
    pygame.image.save(surface, encoded, "png")
    return encoded.getvalue()


def summary_pdf(png: bytes) -> bytes:
    """The picture on one A4 page, at its full width: the same page to print or send."""
    from fpdf import FPDF  # only the summary needs it here

    pdf = FPDF(format="A4", unit="mm")
    pdf.set_auto_page_break(False)
    pdf.set_creator("Nirapod")
    pdf.add_page()
    pdf.image(io.BytesIO(png), x=0, y=0, w=210, h=297)
    return bytes(pdf.output())
