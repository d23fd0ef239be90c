"""The one-page score sheet: a row per team, a column per way to earn points, tally by hand."""
from __future__ import annotations

from pathlib import Path

from game.helplines import helpline_lines
from game.i18n import N_, Translator
from game.print.document import PrintDocument, Style
from game.print.guide import RULES

ACCENT = (0, 98, 112)
TEXT = (20, 20, 20)
QUIET = (90, 90, 90)
GRID = (120, 120, 120)
MARGIN = 14.0
TEAM_ROWS = 6
COLUMNS = (  # (heading, relative width)
    (N_("Team"), 2.2),
    (N_("Safe (3 points)"), 1.6),
    (N_("Partly safe (1 point)"), 1.6),
    (N_("Risky (0 points)"), 1.2),
    (N_("Good discussion (+1)"), 1.6),
    (N_("Named a way to get help (+1)"), 1.6),
    (N_("Total"), 1.0),
)


def render_score_sheet(tr: Translator, fonts_dir: Path, page_size: tuple[float, float]) -> bytes:
    width, height = max(page_size), min(page_size)  # landscape: room for tally marks
    doc = PrintDocument(fonts_dir, tr.language, (width, height), title=tr._("Score sheet"))
    pdf = doc.pdf
    pdf.add_page()
    x0, y = MARGIN, MARGIN
    inner = width - 2 * MARGIN
    y += doc.text_box(x0, y, inner, tr._("Nirapod: score sheet"), Style(16.0, True, ACCENT))
    y += doc.text_box(x0, y, inner, " ".join(tr._(sentence) for sentence in RULES), Style(9.5, False, TEXT)) + 2
    y += doc.text_box(x0, y, inner, tr._("Make one mark in a box each time a team earns it; add up at the end."),
                      Style(9.5, False, QUIET)) + 3

    total_weight = sum(weight for _, weight in COLUMNS)
    widths = [inner * weight / total_weight for _, weight in COLUMNS]
    head_style = Style(9.5, True, TEXT)
    pad = 1.5
    head_height = max(doc.text_height(tr._(name), w - 2 * pad, head_style) for (name, _), w in zip(COLUMNS, widths))
    head_height += 2 * pad
    footer_room = len(helpline_lines(tr)) * doc.line_height(9.0) + 12
    row_height = (height - MARGIN - footer_room - y - head_height) / TEAM_ROWS
    pdf.set_draw_color(*GRID)
    pdf.set_line_width(0.3)
    pdf.set_fill_color(225, 238, 240)
    x = x0
    for (name, _), w in zip(COLUMNS, widths):
        pdf.rect(x, y, w, head_height, style="DF")
        doc.text_box(x + pad, y + pad, w - 2 * pad, tr._(name), head_style)
        x += w
    y += head_height
    for row in range(TEAM_ROWS):
        x = x0
        for column, w in enumerate(widths):
            pdf.rect(x, y, w, row_height, style="D")
            if column == 0:
                doc.text_box(x + pad, y + pad, w - 2 * pad, tr.format(tr._("Team {number}"), number=row + 1),
                             Style(8.0, False, QUIET))
            x += w
        y += row_height
    y += 4
    y += doc.text_box(x0, y, inner, tr._("Help is there, offline too. Talk to an adult you trust, or call:"),
                      Style(9.0, True, TEXT))
    doc.text_box(x0, y, inner, " · ".join(helpline_lines(tr)), Style(9.0, False, TEXT))
    return doc.to_bytes()
