"""Where cards sit on a printed sheet: the 3 x 3 grid, the mirrored backs for duplex, fold pairs, cut marks.

Pure geometry in millimetres, origin at the top-left of the page, so the layout can be checked
without drawing anything.
"""
from __future__ import annotations

from dataclasses import dataclass

PAPER_SIZES = {"a4": (210.0, 297.0), "letter": (215.9, 279.4)}
CARD_WIDTH, CARD_HEIGHT = 63.0, 88.0  # poker size
GRID_COLUMNS, GRID_ROWS = 3, 3
CUT_MARK_LENGTH = 5.0
CUT_MARK_GAP = 1.0  # between the card edge and its mark, so a mark never shows on a card


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float


@dataclass(frozen=True)
class SheetLayout:
    """Card places on one sheet; `backs[i]` is where the back of the card at `fronts[i]` is printed.

    Duplex: fronts on one page, backs on the next, each back mirrored left-to-right, because a
    sheet turned over its long edge swaps left and right and keeps top and bottom.
    Single-sided: each back sits beside its front, to be folded along `fold_lines`.
    """

    page_size: tuple[float, float]
    fronts: tuple[Box, ...]
    backs: tuple[Box, ...]
    duplex: bool
    cut_boxes: tuple[Box, ...] = ()  # what the cut marks frame: each card, or each folded pair
    fold_lines: tuple[Line, ...] = ()

    @property
    def cards_per_sheet(self) -> int:
        return len(self.fronts)


def mirrored(box: Box, page_width: float) -> Box:
    """Where `box` lands on the other side of a sheet turned over its long (vertical) edge."""
    return Box(page_width - box.right, box.y, box.width, box.height)


def _grid(page_width: float, page_height: float, columns: int, rows: int, width: float) -> list[Box]:
    left = (page_width - columns * width) / 2
    top = (page_height - rows * CARD_HEIGHT) / 2
    return [Box(left + column * width, top + row * CARD_HEIGHT, width, CARD_HEIGHT)
            for row in range(rows) for column in range(columns)]


def duplex_layout(paper: str) -> SheetLayout:
    """Nine cards a page in portrait, butted edge to edge so one cut separates two cards."""
    page_width, page_height = PAPER_SIZES[paper]
    fronts = _grid(page_width, page_height, GRID_COLUMNS, GRID_ROWS, CARD_WIDTH)
    return SheetLayout((page_width, page_height), tuple(fronts),
                       tuple(mirrored(box, page_width) for box in fronts), duplex=True, cut_boxes=tuple(fronts))


def fold_layout(paper: str) -> SheetLayout:
    """For a printer that prints one side: landscape, two rows of two front-and-back pairs."""
    short, long = PAPER_SIZES[paper]
    pairs = _grid(long, short, 2, 2, 2 * CARD_WIDTH)
    fronts = tuple(Box(p.x, p.y, CARD_WIDTH, CARD_HEIGHT) for p in pairs)
    backs = tuple(Box(p.x + CARD_WIDTH, p.y, CARD_WIDTH, CARD_HEIGHT) for p in pairs)
    folds = tuple(Line(p.x + CARD_WIDTH, p.y, p.x + CARD_WIDTH, p.bottom) for p in pairs)
    return SheetLayout((long, short), fronts, backs, duplex=False, cut_boxes=tuple(pairs), fold_lines=folds)


def cut_marks(boxes: tuple[Box, ...] | list[Box], page_size: tuple[float, float]) -> list[Line]:
    """Short lines in the page margin at every card edge; none of them crosses a card."""
    page_width, page_height = page_size
    xs = sorted({round(v, 3) for box in boxes for v in (box.x, box.right)})
    ys = sorted({round(v, 3) for box in boxes for v in (box.y, box.bottom)})
    top, bottom = min(ys), max(ys)
    left, right = min(xs), max(xs)
    marks = []
    for x in xs:
        marks.append(Line(x, max(0.0, top - CUT_MARK_GAP - CUT_MARK_LENGTH), x, top - CUT_MARK_GAP))
        marks.append(Line(x, bottom + CUT_MARK_GAP, x, min(page_height, bottom + CUT_MARK_GAP + CUT_MARK_LENGTH)))
    for y in ys:
        marks.append(Line(max(0.0, left - CUT_MARK_GAP - CUT_MARK_LENGTH), y, left - CUT_MARK_GAP, y))
        marks.append(Line(right + CUT_MARK_GAP, y, min(page_width, right + CUT_MARK_GAP + CUT_MARK_LENGTH), y))
    return marks
