"""The printed cards: what each face says, fitted to a poker-size card, laid out with cut marks.

The front is what a group reads aloud; the back holds the answer and why, so a group can check
itself without a screen. A red alert carries the helplines on its front and its back.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from game.engine.cards import Card
from game.helplines import helpline_lines
from game.i18n import Translator
from game.print.document import PrintDocument, Style
from game.print.emblems import draw_emblem
from game.print.sheets import Box, SheetLayout, cut_marks
from game.kinds import KINDS, kind_of
from game.words import topic_name

KIND_COLORS = {word: kind.colour for word, kind in KINDS.items()}
TEXT_COLOR = (20, 20, 20)
QUIET_COLOR = (110, 110, 110)
WHITE = (255, 255, 255)

# Body text sizes tried, largest first; a face that does not fit at the smallest is refused, never cut.
BODY_SIZES = (9.0, 8.5, 8.0, 7.5, 7.0, 6.5, 6.0)
MIN_BODY_SIZE = BODY_SIZES[-1]
SAFE_INSET = 3.0  # printers and scissors wander: nothing within 3 mm of the card edge
PADDING = 2.0
BAND_HEIGHT = 10.0
FOOTER_HEIGHT = 3.5
BLOCK_GAP = 1.2  # mm between blocks, at the largest size


@dataclass(frozen=True)
class Block:
    text: str
    bold: bool = False
    color: tuple[int, int, int] = TEXT_COLOR
    scale: float = 1.0  # relative to the body size


@dataclass(frozen=True)
class Face:
    """One side of a card: the coloured band's two lines, the text blocks, and the small print."""

    band_title: str
    band_subtitle: str
    blocks: tuple[Block, ...]
    small_print: str


@dataclass
class PlannedCard:
    card: Card
    front: Face
    back: Face
    front_size: float = 0.0
    back_size: float = 0.0


class CardTooLong(Exception):
    def __init__(self, card: Card, side: str):
        super().__init__(f"card '{card.id}': the {side} does not fit a printed card even at {MIN_BODY_SIZE:g} pt; "
                         "shorten its text")
        self.card = card


def faces(card: Card, tr: Translator) -> tuple[Face, Face]:
    """The front and back of `card` in the translator's language, as its kind words them."""
    kind = kind_of(card)
    title = tr._(kind.label)
    topic = topic_name(tr, card.topic)
    paper = kind.paper(card, tr, tuple(helpline_lines(tr)))
    back_title = tr._(paper.back_title) if paper.back_title is not None else title

    def blocks(printed) -> tuple[Block, ...]:
        return tuple(Block(b.text, b.bold, b.color or TEXT_COLOR, b.scale) for b in printed)

    return (Face(title, topic, blocks(paper.front), card.id), Face(back_title, topic, blocks(paper.back), card.id))


def _inner(box: Box) -> Box:
    return Box(box.x + SAFE_INSET, box.y + SAFE_INSET, box.width - 2 * SAFE_INSET, box.height - 2 * SAFE_INSET)


def _text_area(box: Box) -> Box:
    inner = _inner(box)
    top = inner.y + BAND_HEIGHT + PADDING
    bottom = inner.bottom - FOOTER_HEIGHT - PADDING / 2
    return Box(inner.x + PADDING, top, inner.width - 2 * PADDING, bottom - top)


def _block_styles(face: Face, size: float) -> list[Style]:
    return [Style(size * block.scale, block.bold, block.color) for block in face.blocks]


def _gap(size: float) -> float:
    return BLOCK_GAP * size / BODY_SIZES[0]


def _blocks_height(doc: PrintDocument, face: Face, size: float, width: float) -> float:
    heights = [doc.text_height(block.text, width, style) for block, style in zip(face.blocks, _block_styles(face, size))]
    return sum(heights) + _gap(size) * (len(heights) - 1)


def fit_size(doc: PrintDocument, face: Face) -> float | None:
    """The largest body size at which every block of `face` fits its card, or None."""
    area = _text_area(Box(0, 0, 63.0, 88.0))
    for size in BODY_SIZES:
        if _blocks_height(doc, face, size, area.width) <= area.height:
            return size
    return None


def plan_card(doc: PrintDocument, card: Card, tr: Translator) -> PlannedCard:
    front, back = faces(card, tr)
    planned = PlannedCard(card, front, back)
    for side, face in (("front", front), ("back", back)):
        size = fit_size(doc, face)
        if size is None:
            raise CardTooLong(card, side)
        setattr(planned, f"{side}_size", size)
    return planned


def draw_face(doc: PrintDocument, box: Box, face: Face, size: float, topic: str, kind: str) -> None:
    pdf = doc.pdf
    color = KIND_COLORS[kind]
    inner = _inner(box)
    pdf.set_draw_color(*color)
    pdf.set_line_width(0.4)
    pdf.rect(inner.x, inner.y, inner.width, inner.height, style="D", round_corners=True, corner_radius=2.5)
    pdf.set_fill_color(*color)
    pdf.rect(inner.x, inner.y, inner.width, BAND_HEIGHT, style="F", round_corners=("TOP_LEFT", "TOP_RIGHT"),
             corner_radius=2.5)
    radius = BAND_HEIGHT * 0.36
    draw_emblem(pdf, topic, inner.x + PADDING + radius, inner.y + BAND_HEIGHT / 2, radius, color)
    text_x = inner.x + 2 * PADDING + 2 * radius
    text_w = inner.right - PADDING - text_x
    title_style, subtitle_style = Style(7.5, True, WHITE), Style(6.0, False, WHITE)
    y = inner.y + (BAND_HEIGHT - doc.line_height(7.5) - doc.line_height(6.0)) / 2
    y += doc.text_box(text_x, y, text_w, face.band_title, title_style)
    doc.text_box(text_x, y, text_w, face.band_subtitle, subtitle_style)
    area = _text_area(box)
    y = area.y
    for block, style in zip(face.blocks, _block_styles(face, size)):
        y += doc.text_box(area.x, y, area.width, block.text, style) + _gap(size)
    doc.text_box(area.x, inner.bottom - FOOTER_HEIGHT, area.width, face.small_print, Style(5.0, False, QUIET_COLOR),
                 align="R")


def _draw_lines(doc: PrintDocument, lines, dashed: bool = False) -> None:
    pdf = doc.pdf
    pdf.set_draw_color(*QUIET_COLOR)
    pdf.set_line_width(0.2)
    if dashed:
        pdf.set_dash_pattern(dash=1.5, gap=1.5)
    for line in lines:
        pdf.line(line.x1, line.y1, line.x2, line.y2)
    pdf.set_dash_pattern()


@dataclass
class CardsResult:
    pdf: bytes
    printed: list[str] = field(default_factory=list)  # card ids, in print order
    refused: list[str] = field(default_factory=list)  # one message per card that could not be printed
    pages: int = 0


def render_cards(cards: list[Card], tr: Translator, fonts_dir: Path, layout: SheetLayout, title: str = "") -> CardsResult:
    """Every card that fits, nine (or four, folded) a sheet; a card that does not fit is named, not cut."""
    doc = PrintDocument(fonts_dir, tr.language, layout.page_size, title=title)
    doc.pdf.add_page()  # fpdf2 measures text only with a page open; the first sheet is drawn on it
    planned, refused = [], []
    for card in cards:
        try:
            planned.append(plan_card(doc, card, tr))
        except CardTooLong as error:
            refused.append(str(error))
    per_sheet = layout.cards_per_sheet
    for start in range(0, len(planned), per_sheet):
        sheet = planned[start:start + per_sheet]
        if start:
            doc.pdf.add_page()
        for plan, box in zip(sheet, layout.fronts):
            draw_face(doc, box, plan.front, plan.front_size, plan.card.topic, plan.card.kind)
        if layout.duplex:
            _draw_lines(doc, cut_marks(layout.fronts, layout.page_size))
            doc.pdf.add_page()
            _draw_lines(doc, cut_marks(layout.backs, layout.page_size))
        else:
            _draw_lines(doc, cut_marks(layout.cut_boxes, layout.page_size))
            _draw_lines(doc, layout.fold_lines, dashed=True)
        for plan, box in zip(sheet, layout.backs):
            draw_face(doc, box, plan.back, plan.back_size, plan.card.topic, plan.card.kind)
    return CardsResult(doc.to_bytes(), [p.card.id for p in planned], refused, doc.pdf.pages_count)
