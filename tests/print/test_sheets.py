"""Card places on the sheet: nine poker-size cards, backs that land behind their fronts, cut marks."""
import pytest

from game.print.sheets import CARD_HEIGHT, CARD_WIDTH, PAPER_SIZES, Box, cut_marks, duplex_layout, fold_layout

PRINTER_MARGIN = 5.0  # most office printers leave 4-5 mm unprinted at each edge


def overlaps(a: Box, b: Box) -> bool:
    return a.x < b.right and b.x < a.right and a.y < b.bottom and b.y < a.bottom


def crosses(line, box: Box) -> bool:
    """True when the line enters the inside of the box (touching an edge is fine)."""
    eps = 1e-6
    if line.x1 == line.x2:
        return box.x + eps < line.x1 < box.right - eps and min(line.y1, line.y2) < box.bottom - eps and max(line.y1, line.y2) > box.y + eps
    return box.y + eps < line.y1 < box.bottom - eps and min(line.x1, line.x2) < box.right - eps and max(line.x1, line.x2) > box.x + eps


@pytest.mark.parametrize("paper", PAPER_SIZES)
def test_nine_poker_cards_fit_the_printable_area_without_overlapping(paper):
    layout = duplex_layout(paper)
    width, height = layout.page_size
    assert layout.cards_per_sheet == 9
    for box in layout.fronts + layout.backs:
        assert (box.width, box.height) == (CARD_WIDTH, CARD_HEIGHT)
        assert box.x >= PRINTER_MARGIN and box.right <= width - PRINTER_MARGIN
        assert box.y >= PRINTER_MARGIN and box.bottom <= height - PRINTER_MARGIN
    for i, a in enumerate(layout.fronts):
        for b in layout.fronts[i + 1:]:
            assert not overlaps(a, b)


@pytest.mark.parametrize("paper", PAPER_SIZES)
def test_each_back_lands_behind_its_front_when_the_sheet_turns_over_its_long_edge(paper):
    layout = duplex_layout(paper)
    width, _ = layout.page_size
    for front, back in zip(layout.fronts, layout.backs):
        # Turning over the long edge maps x to width - x and keeps y.
        assert back.y == front.y
        assert back.x == pytest.approx(width - front.right)
    # The left column's backs are printed in the right column, and the middle stays put.
    assert layout.backs[0].x == pytest.approx(layout.fronts[2].x)
    assert layout.backs[4].x == pytest.approx(layout.fronts[4].x)


@pytest.mark.parametrize("paper", PAPER_SIZES)
def test_cut_marks_mark_every_card_edge_and_never_cross_a_card(paper):
    layout = duplex_layout(paper)
    width, height = layout.page_size
    marks = cut_marks(layout.fronts, layout.page_size)
    for mark in marks:
        assert all(not crosses(mark, box) for box in layout.fronts)
        assert 0 <= min(mark.x1, mark.x2) and max(mark.x1, mark.x2) <= width
        assert 0 <= min(mark.y1, mark.y2) and max(mark.y1, mark.y2) <= height
        assert (mark.x1 == mark.x2) or (mark.y1 == mark.y2)
    vertical = {round(m.x1, 3) for m in marks if m.x1 == m.x2}
    horizontal = {round(m.y1, 3) for m in marks if m.y1 == m.y2}
    assert vertical == {round(v, 3) for b in layout.fronts for v in (b.x, b.right)}
    assert horizontal == {round(v, 3) for b in layout.fronts for v in (b.y, b.bottom)}
    # The marks on the back page are the same lines, so both sides cut along one set.
    assert sorted(map(tuple, (vars(m).values() for m in cut_marks(layout.backs, layout.page_size)))) == \
        sorted(map(tuple, (vars(m).values() for m in marks)))


@pytest.mark.parametrize("paper", PAPER_SIZES)
def test_single_sided_puts_each_back_beside_its_front_to_fold(paper):
    layout = fold_layout(paper)
    width, height = layout.page_size
    assert width > height and not layout.duplex
    assert layout.cards_per_sheet == 4
    for front, back, fold in zip(layout.fronts, layout.backs, layout.fold_lines):
        assert back.x == pytest.approx(front.right) and back.y == front.y
        assert fold.x1 == fold.x2 == pytest.approx(front.right)
        assert back.right <= width - PRINTER_MARGIN and front.x >= PRINTER_MARGIN
    marks = cut_marks(layout.cut_boxes, layout.page_size)
    folds = {round(f.x1, 3) for f in layout.fold_lines}
    assert not any(m.x1 == m.x2 and round(m.x1, 3) in folds for m in marks), "a cut mark on a fold line"
